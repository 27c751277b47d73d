import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDemoFleet, type DemoFleet } from '../../../electron/demo';
import { loadConfigFile } from '../../../electron/engine/config/load-config';
import { startFleetHost } from '../../../electron/host/fleet-host';
import { primaryInputSchema, type PrimaryInput } from '../../../shared/model';
import { everythingCaptured, startCaptureServer } from '../../helpers/capture-server';

/**
 * Findings 1, 2, 5 and 9 of issue 10, each as an attacker holding only the browser-mode token
 * would try it. A capture server on loopback stands in for the attacker's host.
 */
let fleet: DemoFleet;
let dir: string;
let capture: Awaited<ReturnType<typeof startCaptureServer>>;
let host: Awaited<ReturnType<typeof startFleetHost>>;
const OTHER_SECRET = 'unrelated-process-secret-3141';
const PASSPHRASE = 'inline-passphrase-2718';
let configPath: string;
let marker: string;

beforeAll(async () => {
  fleet = await startDemoFleet({ seed: 5 });
});
afterAll(async () => {
  await fleet.stop();
});

const p0 = () => fleet.primaries[0]!;
const secrets = () => [p0().read.token, p0().admin.password, OTHER_SECRET, PASSPHRASE];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fs-trust-'));
  capture = await startCaptureServer();
  marker = join(dir, 'evil-ran');
  configPath = join(dir, 'fleet.yaml');
  writeFileSync(
    configPath,
    `pollIntervalSeconds: 3600
primaries:
  - id: prod
    name: Prod
    baseUrl: ${p0().baseUrl}
    read: { token: "\${env:BB_READ_TOKEN}" }
    admin: { username: ${p0().admin.username}, password: "\${env:BB_ADMIN_PASSWORD}" }
`,
  );
  host = await startFleetHost({
    configPath,
    dataDir: ':memory:',
    shell: 'browser mode',
    engine: { publishDelayMs: 0, env: { BB_READ_TOKEN: p0().read.token, BB_ADMIN_PASSWORD: p0().admin.password, OTHER_SECRET } },
  });
});
afterEach(async () => {
  await host.stop();
  await capture.close();
  rmSync(dir, { recursive: true, force: true });
});

const attackerPrimary = (over: Partial<PrimaryInput> = {}) =>
  primaryInputSchema.parse({
    id: 'prod',
    name: 'Prod',
    baseUrl: capture.url,
    read: { kind: 'token', token: { keep: true } },
    admin: { kind: 'basic', username: 'x', password: { keep: true } },
    ...over,
  });

const nothingLeaked = (): void => {
  const all = everythingCaptured(capture.requests);
  for (const s of secrets()) {
    expect(all).not.toContain(s);
    expect(all).not.toContain(Buffer.from(`${p0().admin.username}:${s}`).toString('base64'));
  }
  expect(capture.requests.filter((r) => r.headers.authorization !== undefined)).toEqual([]);
};

describe('finding 1: stored secrets go only to the origin they were stored for', () => {
  it('testConnection with keep and another baseUrl is refused and sends nothing there', async () => {
    await expect(host.handlers.testConnection({ primary: attackerPrimary() })).rejects.toMatchObject({
      code: 'invalid-argument',
      message: expect.stringMatching(/saved for http:\/\/127\.0\.0\.1:\d+; it is never sent to http:\/\/127\.0\.0\.1:\d+.*entered again/),
    });
    nothingLeaked();
  });

  it('testConnection with keep and the stored baseUrl but a node on another origin is refused', async () => {
    await expect(
      host.handlers.testConnection({ primary: attackerPrimary({ baseUrl: p0().baseUrl, nodes: [{ name: 'n', baseUrl: capture.url }] }) }),
    ).rejects.toMatchObject({ code: 'invalid-argument' });
    nothingLeaked();
  });

  it('testConnection with {env: ANY_VARIABLE} cannot read a variable the file does not use, nor one bound to another origin', async () => {
    const withEnv = (name: string) => attackerPrimary({ read: { kind: 'token', token: { env: name } }, admin: { kind: 'none' } });
    await expect(host.handlers.testConnection({ primary: withEnv('OTHER_SECRET') })).rejects.toMatchObject({
      message: expect.stringMatching(/OTHER_SECRET cannot be chosen from here/),
    });
    await expect(host.handlers.testConnection({ primary: withEnv('BB_READ_TOKEN') })).rejects.toMatchObject({
      message: expect.stringMatching(/is the secret of prod and is only sent to/),
    });
    await expect(host.handlers.testConnection({ primary: withEnv('FLEETSCOPE_TOKEN') })).rejects.toMatchObject({ code: 'invalid-argument' });
    nothingLeaked();
  });

  it('testConnection with keep at the stored origin still works (the legitimate use)', async () => {
    const report = await host.handlers.testConnection({
      primary: attackerPrimary({ baseUrl: p0().baseUrl, admin: { kind: 'basic', username: p0().admin.username, password: { keep: true } } }),
    });
    expect(report.steps.find((s) => s.step === 'read-credential')).toMatchObject({ status: 'ok' });
  });

  it('savePrimary with keep and a new baseUrl is refused, the file is unchanged, and no poll goes there', async () => {
    const before = readFileSync(configPath, 'utf8');
    await expect(host.handlers.savePrimary({ primary: attackerPrimary(), replaces: 'prod' })).rejects.toMatchObject({
      code: 'invalid-argument',
      message: expect.stringMatching(/needs the secret entered again/),
    });
    expect(readFileSync(configPath, 'utf8')).toBe(before);
    host.handlers.pollNow({});
    await host.engine.firstPoll();
    nothingLeaked();
  });

  it('importConfig cannot point a stored vault or env reference at another origin', async () => {
    await expect(
      host.handlers.importConfig({ yaml: `primaries: [{ id: prod, name: P, baseUrl: "${capture.url}", read: { token: "\${env:BB_READ_TOKEN}" } }]` }),
    ).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(
      host.handlers.importConfig({ yaml: `primaries: [{ id: prod, name: P, baseUrl: "${capture.url}", read: { token: "\${vault:primary.prod.read}" } }]` }),
    ).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(
      host.handlers.importConfig({ yaml: `primaries: [{ id: x, name: P, baseUrl: "${capture.url}", read: { token: "\${env:OTHER_SECRET}" } }]` }),
    ).rejects.toMatchObject({ code: 'invalid-argument' });
    nothingLeaked();
  });
});

describe('finding 2: the caller does not choose what the engine executes', () => {
  beforeEach(() => {
    writeFileSync(join(dir, 'id'), `#!/bin/sh\ntouch ${marker}\n`);
    chmodSync(join(dir, 'id'), 0o755);
  });

  it('saveStorage with a local command that is not gluster is refused, and nothing is spawned', async () => {
    await expect(host.handlers.saveStorage({ source: { id: 'x', name: 'X', gluster: { local: { command: join(dir, 'id') } } } })).rejects.toMatchObject({
      message: expect.stringMatching(/the program must be gluster/),
    });
    expect(existsSync(marker)).toBe(false);
  });

  it('saveStorage with shell syntax in the SSH command is refused', async () => {
    const ssh = (command: unknown) => ({
      id: 'x',
      name: 'X',
      gluster: { ssh: { host: '127.0.0.1', username: 'u', privateKeyFile: '/k', knownHostsFile: '/kh', command } },
    });
    for (const command of ['gluster; touch /tmp/x', 'gluster $(id)', 'gluster `id`', ['gluster', 'a b']]) {
      await expect(host.handlers.saveStorage({ source: ssh(command) })).rejects.toMatchObject({ code: 'invalid-argument' });
    }
    expect(readFileSync(configPath, 'utf8')).not.toContain('touch');
  });

  it('browser mode refuses to change a command at all, even to one of the allowed shape, and says why', async () => {
    writeFileSync(join(dir, 'fake-gluster'), `#!/bin/sh\ntouch ${marker}\n`);
    chmodSync(join(dir, 'fake-gluster'), 0o755);
    await expect(
      host.handlers.saveStorage({ source: { id: 'x', name: 'X', gluster: { local: { command: join(dir, 'fake-gluster') } } } }),
    ).rejects.toMatchObject({ code: 'forbidden', message: expect.stringMatching(/browser mode does not change the command.*config file/) });
    expect(existsSync(marker)).toBe(false);
  });
});

describe('finding 3: a save that cannot take effect changes nothing', () => {
  it('a baseUrl with user:password@ is refused with the reason; nothing is written, the engine keeps running, the next start works', async () => {
    const before = readFileSync(configPath, 'utf8');
    const engine = host.engine;
    const withCreds = `http://admin:${OTHER_SECRET}@127.0.0.1:${new URL(p0().baseUrl).port}`;
    const sent = { primary: { ...attackerPrimary({ read: { kind: 'none' }, admin: { kind: 'none' } }), baseUrl: withCreds }, replaces: 'prod' };
    const outcome = await host.dispatch('savePrimary', sent, { name: 'test', role: 'admin' } as never);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: expect.stringMatching(/must not carry a user name or password/) } });
    expect(JSON.stringify(outcome)).not.toContain(OTHER_SECRET);
    expect(readFileSync(configPath, 'utf8')).toBe(before);
    expect(host.engine).toBe(engine);
    expect((await host.handlers.getSnapshot({})).primaries.map((p) => p.id)).toEqual(['prod']);
    const next = await startFleetHost({ configPath, dataDir: ':memory:', engine: { env: { BB_READ_TOKEN: 'x', BB_ADMIN_PASSWORD: 'y' } } });
    await next.stop();
  });

  it('when the file cannot be written, the new engine is stopped, nothing changes and the running engine carries on', async () => {
    writeFileSync(join(dir, 'not-a-folder'), '');
    const other = await startFleetHost({
      config: loadConfigFile(configPath, { BB_READ_TOKEN: p0().read.token, BB_ADMIN_PASSWORD: p0().admin.password }).config,
      configPath: join(dir, 'not-a-folder', 'fleet.yaml'),
      dataDir: ':memory:',
      engine: { publishDelayMs: 0 },
    });
    try {
      const engine = other.engine;
      await expect(other.handlers.setPollInterval({ seconds: 30 })).rejects.toMatchObject({
        code: 'internal',
        message: expect.stringMatching(/Could not write .*Nothing changed; the fleet as it was is still watched/),
      });
      expect(other.engine).toBe(engine);
      expect(other.engine.snapshot().engine.pollIntervalSeconds).toBe(3600);
    } finally {
      await other.stop();
    }
  });
});

describe('finding 5: secrets never reach the renderer', () => {
  it('a proxy password and an inline SSH passphrase are in neither getSettings nor exportConfig', async () => {
    writeFileSync(
      configPath,
      `primaries:
  - { id: prod, name: Prod, baseUrl: "${p0().baseUrl}", proxy: "http://proxyuser:${OTHER_SECRET}@127.0.0.1:3128", read: { token: "\${env:BB_READ_TOKEN}" } }
storage:
  - { id: gl, name: GL, gluster: { ssh: { host: 127.0.0.1, username: u, privateKeyFile: /k, knownHostsFile: /kh, passphrase: "${PASSPHRASE}" } } }
`,
    );
    const settings = JSON.stringify(await host.handlers.getSettings({}));
    const { yaml } = await host.handlers.exportConfig({});
    for (const s of [OTHER_SECRET, PASSPHRASE]) {
      expect(settings).not.toContain(s);
      expect(yaml).not.toContain(s);
    }
    expect(settings).toContain('http://proxyuser:***@127.0.0.1:3128');
    // And such a file is refused at load, saying why.
    expect(() => loadConfigFile(configPath, { BB_READ_TOKEN: 'x' })).toThrow(/proxy: must not carry a user name or password/);
  });
});

describe('finding 9: the small ones', () => {
  it('a YAML parse error never quotes the offending line', async () => {
    writeFileSync(configPath, `primaries:\n  - id: prod\n    read: { token: "${PASSPHRASE}\n`);
    let message = '';
    try {
      loadConfigFile(configPath);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/is not valid YAML: .* at line \d+, column \d+/);
    expect(message).not.toContain(PASSPHRASE);
    await expect(host.handlers.getSettings({})).rejects.toMatchObject({ message: expect.not.stringContaining(PASSPHRASE) });
    await expect(host.handlers.importConfig({ yaml: `a: "${PASSPHRASE}` })).rejects.toMatchObject({ message: expect.not.stringContaining(PASSPHRASE) });
  });

  it('an empty config file starts with a warning that there is nothing to watch', () => {
    writeFileSync(configPath, '');
    expect(loadConfigFile(configPath).warnings).toEqual([expect.stringMatching(/configures no primaries and no storage/)]);
  });

  it('an inline secret elsewhere in the file does not make every save fail with "internal": browser mode says which entry to change', async () => {
    writeFileSync(configPath, readFileSync(configPath, 'utf8').replace('"${env:BB_ADMIN_PASSWORD}"', `"${p0().admin.password}"`));
    await expect(host.handlers.setPollInterval({ seconds: 30 })).rejects.toMatchObject({
      code: 'invalid-argument',
      message: expect.stringMatching(/primaries\.0\.admin\.password is written inline in .*Replace it there with \$\{env:NAME\}/),
    });
  });

  it('URLs with embedded credentials are refused with the reason', async () => {
    expect(() => primaryInputSchema.parse({ ...attackerPrimary(), baseUrl: 'http://user:pw@127.0.0.1:1' })).toThrow(/must not carry a user name or password/);
    writeFileSync(configPath, `primaries: [{ id: a, name: A, baseUrl: "http://u:p@127.0.0.1:1" }]`);
    expect(() => loadConfigFile(configPath)).toThrow(/baseUrl: must not carry a user name or password/);
  });
});
