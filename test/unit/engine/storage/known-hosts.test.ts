import { createHmac, randomBytes } from 'node:crypto';
import ssh2 from 'ssh2';
import { describe, expect, it } from 'vitest';
import {
  entriesFor,
  hostKeyAlgorithms,
  hostToken,
  keyTypeOf,
  parseKnownHosts,
  patternsMatch,
  verifyHostKey,
} from '../../../../electron/engine/storage/known-hosts';
import { generateKeyPair } from '../../../../electron/demo/storage/keys';

const key = (): { line: string; blob: Buffer } => {
  const pair = generateKeyPair();
  const [type, b64] = pair.public.split(' ');
  return { line: `${type} ${b64}`, blob: Buffer.from(b64!, 'base64') };
};
const hashed = (token: string): string => {
  const salt = randomBytes(20);
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(token).digest('base64')}`;
};

describe('known_hosts', () => {
  const a = key();
  const b = key();

  it('names a host as OpenSSH does: bare on port 22, [host]:port otherwise', () => {
    expect(hostToken('gl1', 22)).toBe('gl1');
    expect(hostToken('gl1', 2222)).toBe('[gl1]:2222');
  });

  it('matches plain, hashed, wildcard and negated patterns', () => {
    expect(patternsMatch('gl1,gl2', 'gl2')).toBe(true);
    expect(patternsMatch('GL1', 'gl1')).toBe(true);
    expect(patternsMatch('*.example.com,!bad.example.com', 'gl1.example.com')).toBe(true);
    expect(patternsMatch('*.example.com,!bad.example.com', 'bad.example.com')).toBe(false);
    expect(patternsMatch('gl?', 'gl7')).toBe(true);
    expect(patternsMatch(hashed('[127.0.0.1]:2222'), '[127.0.0.1]:2222')).toBe(true);
    expect(patternsMatch(hashed('[127.0.0.1]:2222'), '127.0.0.1')).toBe(false);
  });

  it('accepts the listed key, and refuses a different one, an unknown host and a revoked key', () => {
    const text = [
      '# comment',
      '',
      `[127.0.0.1]:2222 ${a.line}`,
      `${hashed('gl2')} ${a.line}`,
      `@cert-authority *.example.com ${b.line}`,
      `@revoked gl3 ${b.line}`,
      `gl3 ${a.line}`,
    ].join('\n');
    const entries = parseKnownHosts(text);
    expect(entries).toHaveLength(5);
    expect(verifyHostKey(entries, '127.0.0.1', 2222, a.blob)).toEqual({ ok: true });
    expect(verifyHostKey(entries, 'gl2', 22, a.blob)).toEqual({ ok: true });
    expect(verifyHostKey(entries, '127.0.0.1', 2222, b.blob)).toMatchObject({ ok: false, reason: 'mismatch', knownTypes: ['ssh-ed25519'] });
    expect(verifyHostKey(entries, '127.0.0.1', 22, a.blob)).toMatchObject({ ok: false, reason: 'unknown-host' });
    // A certificate authority is not a host key: the host stays unknown rather than trusted.
    expect(verifyHostKey(entries, 'gl1.example.com', 22, b.blob)).toMatchObject({ ok: false, reason: 'unknown-host' });
    expect(verifyHostKey(entries, 'gl3', 22, b.blob)).toMatchObject({ ok: false, reason: 'revoked' });
    expect(verifyHostKey(entries, 'gl3', 22, a.blob)).toEqual({ ok: true });
    expect(entriesFor(entries, 'gl3', 22)).toHaveLength(2);
  });

  it('offers only the host key algorithms known_hosts can check', () => {
    expect(keyTypeOf(a.blob)).toBe('ssh-ed25519');
    expect(hostKeyAlgorithms(['ssh-rsa', 'ssh-ed25519'])).toEqual(['ssh-ed25519', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
    expect(hostKeyAlgorithms([])).toEqual([]);
  });
});

describe('demo key pairs', () => {
  it('are always readable by ssh2 (its generator alone is not)', () => {
    for (let i = 0; i < 300; i += 1) {
      const pair = generateKeyPair();
      expect(ssh2.utils.parseKey(pair.private)).not.toBeInstanceOf(Error);
    }
  });
});
