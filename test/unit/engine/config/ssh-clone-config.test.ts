import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfigText } from '../../../../electron/engine/config/load-config';

const load = (yaml: string, env: NodeJS.ProcessEnv = {}) => parseConfigText(yaml, { baseDir: '/etc/fleetscope', source: 'fleet.yaml', env });

const primary = (ssh: string): string => `
primaries:
  - id: prod
    name: Production
    baseUrl: https://bb.example.com
    nodes: [{ name: node-1, baseUrl: https://node1.example.com }]
    read: { token: "\${env:BB_TOKEN}" }
    ssh: ${ssh}
`;

describe('primaries[].ssh: SSH clone endpoints for the clone doctor', () => {
  it('reads the SSH URLs and resolves the key reference and file paths like the rest of the config', () => {
    const { config, warnings } = load(
      primary(`{ url: "ssh://git@bb.example.com:7999/", nodes: { node-1: "ssh://git@node1.example.com:7999" },
      mirrors: [{ farm: São Paulo, url: "ssh://git@sp.example.com:7999" }], privateKey: "\${env:PROBE_KEY}", knownHostsFile: ~/.ssh/known_hosts }`),
      { BB_TOKEN: 't', PROBE_KEY: '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n' },
    );
    expect(warnings).toEqual([]);
    expect(config.primaries[0]!.ssh).toEqual({
      url: 'ssh://git@bb.example.com:7999',
      nodes: { 'node-1': 'ssh://git@node1.example.com:7999' },
      mirrors: [{ farm: 'São Paulo', url: 'ssh://git@sp.example.com:7999', nodes: {} }],
      privateKey: '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n',
      knownHostsFile: join(homedir(), '.ssh/known_hosts'),
      connectTimeoutSeconds: 10,
    });
    const file = load(primary('{ url: "ssh://git@bb:7999", privateKeyFile: keys/probe, knownHosts: "[bb]:7999 ssh-ed25519 AAAA" }'), { BB_TOKEN: 't' });
    expect(file.config.primaries[0]!.ssh).toMatchObject({ privateKeyFile: '/etc/fleetscope/keys/probe', knownHosts: '[bb]:7999 ssh-ed25519 AAAA' });
  });

  it('warns about a key written inline, and a key reference that cannot be resolved blocks only that primary', () => {
    const inline = load(primary('{ url: "ssh://git@bb:7999", privateKey: "-----BEGIN…", knownHostsFile: /k }'), { BB_TOKEN: 't' });
    expect(inline.warnings.join(' ')).toMatch(/primaries\.0\.ssh\.privateKey is written inline/);
    const missing = load(primary('{ url: "ssh://git@bb:7999", privateKey: "${env:NOPE}", knownHostsFile: /k }'), { BB_TOKEN: 't' });
    expect(missing.config.targetErrors?.prod).toMatch(/NOPE is not set \(referenced by primaries\.0\.ssh\.privateKey\)/);
  });

  it('refuses what would make a probe ambiguous or unsafe, saying which field and why', () => {
    const problems = (ssh: string): string => {
      try {
        load(primary(ssh), { BB_TOKEN: 't' });
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as Error).message;
      }
      throw new Error('accepted');
    };
    expect(problems('{ url: "https://bb:7999", privateKeyFile: /k, knownHostsFile: /kh }')).toMatch(/ssh\.url: must start with ssh:\/\//);
    expect(problems('{ url: "ssh://git:pw@bb:7999", privateKeyFile: /k, knownHostsFile: /kh }')).toMatch(/must not carry a password/);
    expect(problems('{ url: "ssh://git@bb:7999/proj/repo.git", privateKeyFile: /k, knownHostsFile: /kh }')).toMatch(/must have no path/);
    expect(problems('{ url: "ssh://git@bb:7999", knownHostsFile: /kh }')).toMatch(/exactly one of privateKey .* or privateKeyFile/);
    expect(problems('{ url: "ssh://git@bb:7999", privateKeyFile: /k }')).toMatch(
      /exactly one of knownHostsFile or knownHosts: the SSH host keys are always checked/,
    );
    expect(problems('{ url: "ssh://git@bb:7999", privateKeyFile: /k, knownHostsFile: /kh, nodes: { node-9: "ssh://git@n9:7999" } }')).toMatch(
      /ssh\.nodes\.node-9: names no node of this primary \(nodes: node-1\)/,
    );
    expect(problems('{ url: "ssh://git@bb:7999", privateKeyFile: /k, knownHostsFile: /kh, strictHostKeyChecking: no }')).toMatch(/strictHostKeyChecking/);
  });
});
