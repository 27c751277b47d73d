import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfigText } from '../../../../electron/engine/config/load-config';
import { memorySecretStore } from '../../../../electron/engine/secrets/secret-store';

const base = { baseDir: '/etc/fleetscope', source: 'fleet.yaml' };

describe('parseConfigText', () => {
  it('resolves env references, warns on inline secrets and resolves caFile', () => {
    const text = `
pollIntervalSeconds: 10
primaries:
  - id: prod
    name: Production
    baseUrl: https://bitbucket.example.com/
    read: { token: "\${env:BB_READ}" }
    admin: { username: svc, password: hunter2 }
    tls: { caFile: ./corp-ca.pem }
`;
    const { config, warnings } = parseConfigText(text, { ...base, env: { BB_READ: 'secret-token' } });
    const p = config.primaries[0]!;
    expect(p.baseUrl).toBe('https://bitbucket.example.com');
    expect(p.read).toEqual({ token: 'secret-token' });
    expect(p.tls?.caFile).toBe('/etc/fleetscope/corp-ca.pem');
    expect(config.pollIntervalSeconds).toBe(10);
    expect(warnings.join('\n')).toMatch(/admin\.password is written inline/);
    expect(warnings.join('\n')).not.toMatch(/secret-token/);
  });

  it('makes a missing environment variable an error of that target alone, naming it', () => {
    const text = `primaries:
  - { id: a, name: A, baseUrl: "http://x", read: { token: "\${env:NOPE}" } }
  - { id: b, name: B, baseUrl: "http://y", read: { token: "\${env:SET}" } }`;
    const { config } = parseConfigText(text, { ...base, env: { SET: 'tok' } });
    expect(config.targetErrors).toEqual({ a: expect.stringMatching(/NOPE is not set \(referenced by primaries\.0\.read\.token\)/) });
    // The reference never becomes a credential: the entry loses it, the other target keeps its own.
    expect(config.primaries[0]!.read).toBeUndefined();
    expect(config.primaries[1]!.read).toEqual({ token: 'tok' });
  });

  it('makes an unresolvable ${vault:…} a per-target error that says what to do, with or without a vault', () => {
    const text = `primaries:
  - { id: a, name: A, baseUrl: "http://x", read: { token: "\${vault:primary.a.read}" }, admin: { username: u, password: "\${vault:primary.a.admin}" } }
storage:
  - { id: s, name: S, gluster: { ssh: { host: h, username: root, privateKeyFile: k, knownHostsFile: kh, passphrase: "\${vault:storage.s.passphrase}" } } }`;
    const noVault = parseConfigText(text, base).config;
    expect(noVault.targetErrors?.a).toMatch(/refers to the desktop vault .*\$\{env:NAME\}/);
    expect(noVault.targetErrors?.s).toMatch(/storage\.0\.gluster\.ssh\.passphrase/);
    expect(noVault.primaries[0]).not.toHaveProperty('read');
    expect(noVault.primaries[0]).not.toHaveProperty('admin');
    const ssh = noVault.storage[0]!.gluster as { ssh: Record<string, unknown> };
    expect(ssh.ssh).not.toHaveProperty('passphrase');

    const vault = memorySecretStore();
    void vault.set('primary.a.read', 'read-secret');
    const partial = parseConfigText(text, { ...base, secrets: vault }).config;
    expect(partial.targetErrors?.a).toMatch(
      /The vault holds no secret "primary\.a\.admin" \(referenced by primaries\.0\.admin\.password\): enter the secret again in Settings/,
    );
    expect(partial.primaries[0]!.read).toEqual({ token: 'read-secret' });
    expect(partial.primaries[0]).not.toHaveProperty('admin');

    const unreadable = { ...vault, get: () => undefined, whyMissing: () => 'The vault entry was encrypted by another keyring' };
    expect(parseConfigText(text, { ...base, secrets: unreadable }).config.targetErrors?.a).toMatch(
      /^The vault entry was encrypted by another keyring \(referenced by/,
    );
  });

  it('still refuses a reference outside any target', () => {
    expect(() => parseConfigText('pollIntervalSeconds: "${env:NOPE}"', { ...base, env: {} })).toThrow(ConfigError);
  });

  it('reports every schema problem with its path', () => {
    const text = 'pollIntervalSeconds: 0\nprimaries: [{ id: "bad id", name: A, baseUrl: "ftp://x" }, { id: a, name: B, baseUrl: "http://y", colour: red }]';
    try {
      parseConfigText(text, base);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const msg = (err as Error).message;
      expect(msg).toMatch(/pollIntervalSeconds/);
      expect(msg).toMatch(/primaries\.0\.id/);
      expect(msg).toMatch(/primaries\.0\.baseUrl/);
      expect(msg).toMatch(/colour/);
    }
  });

  it('rejects duplicate ids and invalid YAML', () => {
    expect(() => parseConfigText('primaries: [{id: a, name: A, baseUrl: "http://x"}, {id: a, name: B, baseUrl: "http://y"}]', base)).toThrow(/duplicate id/);
    expect(() => parseConfigText('primaries: [', base)).toThrow(/not valid YAML/);
  });
});
