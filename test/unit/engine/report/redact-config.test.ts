import { describe, expect, it } from 'vitest';
import { envSecrets, LITERAL_REDACTED, redactConfig, scrubSecrets, secretValues } from '../../../../electron/engine/report/redact-config';

const effective = {
  pollIntervalSeconds: 15,
  primaries: [
    {
      id: 'eu',
      name: 'EU',
      baseUrl: 'https://eu.example.com',
      read: { token: 'resolved-vault-token-1' },
      admin: { username: 'svc', password: 'literal-pass-2' },
    },
    { id: 'us', name: 'US', baseUrl: 'https://us.example.com', read: { token: 'resolved-env-token-3' }, proxy: 'http://bob:proxy-pass@proxy:3128' },
  ],
  storage: [{ id: 'gl', gluster: { ssh: { host: 'g1', username: 'root', passphrase: 'key-passphrase-4' } } }],
  prometheus: { url: 'https://prom.example.com', token: 'prom-token-5' },
};
// The file as written: primaries in another order (matched by id), one reference of each kind, one literal.
const raw = {
  primaries: [
    { id: 'us', read: { token: '${env:US_TOKEN}' } },
    { id: 'eu', read: { token: '${vault:prod-admin}' }, admin: { username: 'svc', password: 'literal-pass-2' } },
  ],
  storage: [{ id: 'gl', gluster: { ssh: { passphrase: '${env:GL_PASS}' } } }],
  prometheus: { token: '${vault:prom}' },
};

describe('redactConfig', () => {
  it('keeps references as written, marks literal secrets, and strips passwords from URLs', () => {
    const out = redactConfig(effective, raw) as typeof effective;
    expect(out.primaries[0]!.read.token).toBe('${vault:prod-admin}');
    expect(out.primaries[0]!.admin!.password).toBe(LITERAL_REDACTED);
    expect(out.primaries[1]!.read.token).toBe('${env:US_TOKEN}');
    expect(out.primaries[1]!.proxy).toBe('http://bob:***@proxy:3128');
    expect(out.storage[0]!.gluster.ssh.passphrase).toBe('${env:GL_PASS}');
    expect(out.prometheus.token).toBe('${vault:prom}');
    // Everything that is no secret stays as it is.
    expect(out.primaries[0]!.admin!.username).toBe('svc');
    expect(out.pollIntervalSeconds).toBe(15);
    const text = JSON.stringify(out);
    for (const s of secretValues(effective)) expect(text).not.toContain(s);
  });

  it('marks every secret literal when there is no file (a generated config, as the demo’s)', () => {
    const out = redactConfig(effective, null) as typeof effective;
    expect(out.primaries[1]!.read.token).toBe(LITERAL_REDACTED);
    expect(out.prometheus.token).toBe(LITERAL_REDACTED);
  });

  it('never takes a value that is no reference from the file', () => {
    const out = redactConfig(effective, { ...raw, prometheus: { token: 'prom-token-5' } }) as typeof effective;
    expect(out.prometheus.token).toBe(LITERAL_REDACTED);
  });
});

describe('secretValues, envSecrets and scrubSecrets', () => {
  it('find every resolved secret and every API token of the environment', () => {
    expect(secretValues(effective).sort()).toEqual(['key-passphrase-4', 'literal-pass-2', 'prom-token-5', 'resolved-env-token-3', 'resolved-vault-token-1']);
    expect(
      envSecrets({ FLEETSCOPE_TOKEN: 'owner-token-0123456789', FLEETSCOPE_ADMIN_TOKENS: 'ann=admin-token-aaaaaaaa, bo=admin-token-bbbbbbbb', PATH: '/bin' }),
    ).toEqual(['owner-token-0123456789', 'admin-token-aaaaaaaa', 'admin-token-bbbbbbbb']);
  });

  it('replace every occurrence, the longest first, and leave short values to the redaction', () => {
    expect(scrubSecrets('a secret-one and secret-one-longer, x', ['secret-one', 'secret-one-longer', 'x'])).toBe('a <redacted> and <redacted>, x');
  });
});
