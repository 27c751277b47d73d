import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfigText } from '../../../electron/engine/config/load-config';

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

  it('names a missing environment variable', () => {
    const text = 'primaries: [{ id: a, name: A, baseUrl: "http://x", read: { token: "${env:NOPE}" } }]';
    expect(() => parseConfigText(text, { ...base, env: {} })).toThrow(/NOPE is not set \(referenced by primaries\.0\.read\.token\)/);
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
