import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoFleetConfig, startDemoFleet, type DemoFleet } from '../../../electron/demo';
import { fleetConfigSchema } from '../../../electron/engine/config/fleet-config-schema';
import { startFleetHost } from '../../../electron/host/fleet-host';
import { memorySecretStore, type SecretStore } from '../../../electron/engine/secrets/secret-store';
import { primaryInputSchema, type PrimaryInput } from '../../../shared/model';

let dir: string;
let shown: DemoFleet; // the demo this Fleetscope shows
let real: DemoFleet; // stands in for the user's own Bitbucket
let vault: SecretStore;
let host: Awaited<ReturnType<typeof startFleetHost>>;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fs-settings-'));
  shown = await startDemoFleet({ seed: 1 });
  real = await startDemoFleet({ seed: 7 });
  vault = memorySecretStore('test vault');
  const config = fleetConfigSchema.parse(demoFleetConfig(shown, { pollIntervalSeconds: 60 }));
  host = await startFleetHost({ config, configPath: join(dir, 'fleet.yaml'), dataDir: ':memory:', demo: shown, secrets: vault, engine: { publishDelayMs: 0 } });
});
afterEach(async () => {
  await host.stop();
  await real.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The primary as the Settings form sends it (parsed, as the transports deliver it to handlers). */
const realPrimary = (over: Partial<PrimaryInput> = {}) => {
  const p = real.primaries[0]!;
  return primaryInputSchema.parse({
    id: 'mine',
    name: 'My Bitbucket',
    baseUrl: p.baseUrl,
    nodes: p.nodes,
    read: { kind: 'token', token: { value: p.read.token } },
    admin: { kind: 'basic', username: p.admin.username, password: { value: p.admin.password } },
    ...over,
  });
};

describe('Settings', () => {
  it('tests a connection step by step: reachability, version, both credentials', async () => {
    const ok = await host.handlers.testConnection({ primary: realPrimary() });
    expect(ok.ok).toBe(true);
    expect(ok.version).toMatch(/^\d+\.\d+/);
    expect(ok.steps.map((s) => [s.step, s.status])).toEqual([
      ['reachability', 'ok'],
      ['version', 'ok'],
      ['read-credential', 'ok'],
      ['admin-credential', 'ok'],
    ]);
    expect(ok.steps[2]!.message).toMatch(/Authenticates as svc-fleetscope-read/);

    const bad = await host.handlers.testConnection({
      primary: realPrimary({ read: { kind: 'token', token: { value: 'nope' } }, admin: { kind: 'token', token: { value: real.primaries[0]!.read.token } } }),
    });
    expect(bad.ok).toBe(false);
    expect(bad.steps.find((s) => s.step === 'read-credential')).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/rejected the credential \(401\).*Bitbucket said: "Authentication failed/),
    });
    expect(bad.steps.find((s) => s.step === 'admin-credential')).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/lacks admin permission.*BSERV-10482/),
    });

    const down = await host.handlers.testConnection({ primary: realPrimary({ baseUrl: 'http://127.0.0.1:1' }) });
    expect(down.steps).toEqual([{ step: 'reachability', status: 'failed', message: expect.stringMatching(/refused/) }]);
  });

  it('saving a primary keeps its secrets in the vault, writes the file atomically without them, and switches from the demo to it', async () => {
    expect((await host.handlers.getSettings({})).demo).toBe(true);
    const next = new Promise<void>((resolve) => {
      const off = host.on('snapshot', (s) => {
        if (s.primaries.some((p) => p.id === 'mine' && p.status === 'up')) {
          off();
          resolve();
        }
      });
    });
    const settings = await host.handlers.savePrimary({ primary: realPrimary(), leaveDemo: true });
    expect(settings.demo).toBe(false);
    expect(settings.primaries[0]).toMatchObject({
      id: 'mine',
      read: { kind: 'token', secret: { source: 'vault' } },
      admin: { kind: 'basic', username: 'svc-fleetscope-admin', secret: { source: 'vault' } },
    });
    const file = readFileSync(join(dir, 'fleet.yaml'), 'utf8');
    expect(file).toContain('${vault:primary.mine.read}');
    expect(file).not.toContain(real.primaries[0]!.read.token);
    expect(file).not.toContain(real.primaries[0]!.admin.password);
    expect(statSync(join(dir, 'fleet.yaml')).mode & 0o777).toBe(0o600);
    await next;
    expect(host.engine.snapshot().engine.demo).toBe(false);
    await expect(host.handlers.getDemoState({})).rejects.toMatchObject({ code: 'not-available' });

    // Editing keeps stored secrets when asked to, and the export never carries them.
    await host.handlers.savePrimary({
      primary: realPrimary({ name: 'Renamed', read: { kind: 'token', token: { keep: true } }, admin: { kind: 'none' } }),
      replaces: 'mine',
    });
    const { yaml } = await host.handlers.exportConfig({});
    expect(yaml).toContain('Renamed');
    expect(yaml).not.toContain(real.primaries[0]!.read.token);
    expect(vault.has('primary.mine.admin')).toBe(false);

    await host.handlers.removePrimary({ id: 'mine' });
    expect((await host.handlers.getSettings({})).primaries).toEqual([]);
    expect(vault.has('primary.mine.read')).toBe(false);
  });

  it('refuses what would break the fleet, and never writes a bad file', async () => {
    await expect(
      host.handlers.savePrimary({ primary: realPrimary({ read: { kind: 'token', token: { env: 'BB_NOT_SET_ANYWHERE' } } }), leaveDemo: true }),
    ).rejects.toMatchObject({
      code: 'invalid-argument',
      message: expect.stringMatching(/BB_NOT_SET_ANYWHERE is not set/),
    });
    await host.handlers.savePrimary({ primary: realPrimary(), leaveDemo: true });
    await expect(host.handlers.savePrimary({ primary: realPrimary() })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/exists already/),
    });
    await expect(host.handlers.importConfig({ yaml: 'primaries: [{ id: x, name: X, baseUrl: "ftp://nope" }]' })).rejects.toMatchObject({
      code: 'invalid-argument',
    });
    expect(readFileSync(join(dir, 'fleet.yaml'), 'utf8')).toContain('mine');
  });

  it('on the demo: shows the interval in force, retunes it without writing a file, and saves a fleet only once the switch is confirmed', async () => {
    const file = join(dir, 'fleet.yaml');
    expect((await host.handlers.getSettings({})).pollIntervalSeconds).toBe(60);
    const retuned = await host.handlers.setPollInterval({ seconds: 20 });
    expect(retuned).toMatchObject({ demo: true, pollIntervalSeconds: 20 });
    expect(existsSync(file)).toBe(false);
    expect(host.engine.snapshot().engine.demo).toBe(true);
    expect((await host.handlers.getDemoState({})).primaries.length).toBeGreaterThan(0);
    expect(host.engine.snapshot().primaries.every((p) => p.pollIntervalSeconds === 20)).toBe(true);
    const swept = await host.handlers.setMirrorSweep({ intervalSeconds: 300, budgetKBps: 256 });
    expect(swept).toMatchObject({ demo: true, pollIntervalSeconds: 20, mirrorSweep: { intervalSeconds: 300, budgetKBps: 256 } });
    expect(existsSync(file)).toBe(false);
    const scheduled = await host.handlers.setCacheStatistics({ intervalSeconds: 120, budgetKBps: 256 });
    expect(scheduled).toMatchObject({ demo: true, mirrorSweep: { intervalSeconds: 300 }, cacheStatistics: { intervalSeconds: 120, budgetKBps: 256 } });
    expect(existsSync(file)).toBe(false);

    for (const attempt of [
      () => host.handlers.savePrimary({ primary: realPrimary() }),
      () => host.handlers.saveStorage({ source: { id: 's', name: 'S', gluster: { local: { command: 'gluster' } } } }),
      () => host.handlers.importConfig({ yaml: 'primaries: []' }),
    ])
      await expect(attempt()).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/simulated fleet.*confirm/) });
    expect(existsSync(file)).toBe(false);
    expect((await host.handlers.getSettings({})).demo).toBe(true);

    const saved = await host.handlers.savePrimary({ primary: realPrimary(), leaveDemo: true });
    expect(saved.demo).toBe(false);
    expect(readFileSync(file, 'utf8')).toContain('mine');
  });

  it('import moves inline secrets into the vault; set the poll interval', async () => {
    const p = real.primaries[0]!;
    const yaml = `pollIntervalSeconds: 30\nprimaries:\n  - { id: imp, name: Imported, baseUrl: "${p.baseUrl}", read: { token: "${p.read.token}" } }\n`;
    const settings = await host.handlers.importConfig({ yaml, leaveDemo: true });
    expect(settings.primaries[0]!.read).toEqual({ kind: 'token', secret: { source: 'vault' } });
    expect(readFileSync(join(dir, 'fleet.yaml'), 'utf8')).not.toContain(p.read.token);
    expect((await host.handlers.setPollInterval({ seconds: 20 })).pollIntervalSeconds).toBe(20);
    expect((await host.handlers.setMirrorSweep({ intervalSeconds: 1200, budgetKBps: 64 })).mirrorSweep).toEqual({ intervalSeconds: 1200, budgetKBps: 64 });
    expect(readFileSync(join(dir, 'fleet.yaml'), 'utf8')).toMatch(
      /mirrorSweepIntervalSeconds: 1200[\s\S]*mirrorSweepBudgetKBps: 64|mirrorSweepBudgetKBps: 64[\s\S]*mirrorSweepIntervalSeconds: 1200/,
    );
    expect((await host.handlers.setCacheStatistics({ intervalSeconds: 900, budgetKBps: 32 })).cacheStatistics).toEqual({
      intervalSeconds: 900,
      budgetKBps: 32,
    });
    const written = readFileSync(join(dir, 'fleet.yaml'), 'utf8');
    expect(written).toContain('cacheStatsIntervalSeconds: 900');
    expect(written).toContain('cacheStatsBudgetKBps: 32');
    // The engine restarted with the file's new schedule, which a later read of Settings shows.
    expect((await host.handlers.getSettings({})).cacheStatistics).toEqual({ intervalSeconds: 900, budgetKBps: 32 });
  });
});

describe('Settings in browser mode (no vault)', () => {
  it('takes secrets only as environment references', async () => {
    const browser = await startFleetHost({
      config: fleetConfigSchema.parse({ primaries: [] }),
      configPath: join(dir, 'browser.yaml'),
      dataDir: ':memory:',
      engine: { env: { BB_TOKEN: real.primaries[0]!.read.token } },
    });
    try {
      expect((await browser.handlers.getSettings({})).secretStorage.kind).toBe('env-only');
      await expect(browser.handlers.savePrimary({ primary: realPrimary({ admin: { kind: 'none' } }) })).rejects.toMatchObject({
        message: expect.stringMatching(/no vault/),
      });
      const saved = await browser.handlers.savePrimary({
        primary: realPrimary({ read: { kind: 'token', token: { env: 'BB_TOKEN' } }, admin: { kind: 'none' } }),
      });
      expect(saved.primaries[0]!.read).toEqual({ kind: 'token', secret: { source: 'env', name: 'BB_TOKEN' } });
      expect(readFileSync(join(dir, 'browser.yaml'), 'utf8')).toContain('${env:BB_TOKEN}');
    } finally {
      await browser.stop();
    }
  });
});
