import { describe, expect, it } from 'vitest';
import { verdictOf } from '../../../../electron/engine/probe/verdict';
import { cloneOf, endpointOf } from '../../../helpers/probe-fixtures';

describe('verdicts', () => {
  const { verdict: _verdict, ...base } = endpointOf({
    label: 'São Paulo CI farm',
    kind: 'mirror',
    refsMatchPrimary: true,
    cache: 'not-counted',
    clone: cloneOf({ connect: 500, refs: 2_000, negotiation: 100, transfer: 38_000, other: 400 }, 79_800_000),
  });

  it('names the endpoint, the total and the phase that dominates, with the rate when it is the transfer', () => {
    expect(verdictOf(base)).toBe('São Paulo CI farm: 41 s, 38 s of it receiving the pack at 2.10 MB/s; refs match the primary');
  });

  it('says cache hit or miss for the primary, refs that differ, and errors as they are', () => {
    const primary = { ...base, label: 'Production (primary)', kind: 'primary' as const, refsMatchPrimary: null, cache: 'hit' as const };
    expect(verdictOf(primary)).toBe('Production (primary): 41 s, 38 s of it receiving the pack at 2.10 MB/s; cache hit');
    expect(verdictOf({ ...base, refsMatchPrimary: false, refsNote: 'main is at 1234567 here and 89abcde on the primary' })).toMatch(
      /; refs differ from the primary: main is at 1234567 here and 89abcde on the primary$/,
    );
    expect(verdictOf({ ...base, clone: null, refs: null, refsMatchPrimary: null, error: 'git ls-remote: could not connect.' })).toBe(
      'São Paulo CI farm: git ls-remote: could not connect.',
    );
  });

  it('says what connecting covered, by transport, when it dominates', () => {
    const slowConnect = cloneOf({ connect: 9_500, refs: 80, negotiation: 1, transfer: 300, other: 119 }, 50_000);
    expect(verdictOf({ ...base, label: 'São Paulo CI farm over SSH', transport: 'ssh', clone: slowConnect })).toBe(
      'São Paulo CI farm over SSH: 10 s, 9.5 s of it connecting (TCP, SSH handshake and key authentication); refs match the primary',
    );
    expect(verdictOf({ ...base, clone: slowConnect })).toMatch(/9\.5 s of it connecting \(name lookup, TCP and TLS\)/);
  });
});
