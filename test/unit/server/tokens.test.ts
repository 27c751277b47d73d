import { describe, expect, it } from 'vitest';
import { tokenResolver, tokensFromEnv } from '../../../electron/server/tokens';
import { REQUEST_NAMES, viewerMayAsk } from '../../../shared/contract';

const long = (c: string): string => c.repeat(24);

describe('team tokens', () => {
  it('reads named admin and viewer tokens and tells who is calling', () => {
    const { owner, team } = tokensFromEnv({
      FLEETSCOPE_TOKEN: 'owner-token-of-the-collector',
      FLEETSCOPE_ADMIN_TOKENS: `alice=${long('a')}`,
      FLEETSCOPE_VIEWER_TOKENS: `grafana=${long('g')}, prom=${long('p')}`,
    });
    expect(team.map((t) => [t.name, t.role])).toEqual([
      ['alice', 'admin'],
      ['grafana', 'viewer'],
      ['prom', 'viewer'],
    ]);
    const who = tokenResolver([{ name: 'owner', role: 'admin', token: owner }, ...team]);
    expect(who(`Bearer ${long('g')}`)).toEqual({ name: 'grafana', role: 'viewer' });
    expect(who(`Bearer ${long('a')}`)).toEqual({ name: 'alice', role: 'admin' });
    expect(who('Bearer owner-token-of-the-collector')).toEqual({ name: 'owner', role: 'admin' });
    expect(who(`Bearer ${long('x')}`)).toBeNull();
    expect(who(long('a'))).toBeNull();
    expect(who(undefined)).toBeNull();
  });

  it('refuses short tokens, malformed entries, reused names and reused tokens, naming the fix', () => {
    expect(() => tokensFromEnv({ FLEETSCOPE_VIEWER_TOKENS: 'grafana=short' })).toThrow(/too short.*openssl rand/);
    expect(() => tokensFromEnv({ FLEETSCOPE_ADMIN_TOKENS: long('a') })).toThrow(/name=TOKEN/);
    expect(() => tokensFromEnv({ FLEETSCOPE_ADMIN_TOKENS: `a=${long('a')}`, FLEETSCOPE_VIEWER_TOKENS: `a=${long('b')}` })).toThrow(/Two tokens are named "a"/);
    expect(() => tokensFromEnv({ FLEETSCOPE_ADMIN_TOKENS: `a=${long('a')}`, FLEETSCOPE_VIEWER_TOKENS: `b=${long('a')}` })).toThrow(/used twice/);
    expect(() => tokensFromEnv({ FLEETSCOPE_ADMIN_TOKENS: `owner=${long('a')}` })).toThrow(/Two tokens are named "owner"/);
  });

  it('refuses a short FLEETSCOPE_TOKEN before anything starts', () => {
    expect(() => tokensFromEnv({ FLEETSCOPE_TOKEN: 'owner-token' })).toThrow(/FLEETSCOPE_TOKEN is 11 characters long.*at least 16/);
  });

  it('lets viewers read and re-poll, and nothing else', () => {
    const allowed = REQUEST_NAMES.filter(viewerMayAsk);
    expect(allowed.every((n) => n.startsWith('get') || n === 'pollNow')).toBe(true);
    for (const n of ['clearCache', 'setCacheTtl', 'acceptMirrorRequest', 'savePrimary', 'importConfig', 'exportConfig', 'testConnection', 'setDemoFault'])
      expect(viewerMayAsk(n)).toBe(false);
    expect(allowed).toEqual(expect.arrayContaining(['getSnapshot', 'getHistory', 'getAuditLog', 'pollNow']));
  });
});
