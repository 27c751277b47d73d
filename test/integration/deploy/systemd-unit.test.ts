import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFleetConfigYaml, startDemoFleet, type DemoFleet } from '../../../electron/demo';
import { makePki } from '../engine/helpers/certs';
import { startCollector, type CollectorProcess } from '../metrics/collector-process';
import { freeLoopbackPort } from '../metrics/loopback-port';
import { containerCommandLine, containerEnvironment, envExample, UNIT, unitCommandLine, unitEnvironment } from './deploy-files';

/**
 * The systemd unit, as far as this machine allows: systemd-analyze verifies it, and the collector
 * starts with exactly its ExecStart — the same binary, script, subcommand and flags — with only
 * the unit's folders mapped to a temporary one (/opt/fleetscope → this checkout, /etc/fleetscope and
 * /var/lib/fleetscope → a temporary folder), its port to a free one, and 0.0.0.0 to 127.0.0.1
 * (tests stay on loopback; a non-loopback bind without TLS is refused, see test/unit/cli/collector-options.test.ts).
 * The container file runs the same command line.
 */
let dir: string;
let fleet: DemoFleet;
let collector: CollectorProcess;
let port: number;
const pki = makePki();
const admin = randomBytes(24).toString('base64url');
const viewer = randomBytes(24).toString('base64url');
const tlsAgent = new Agent({ connect: { ca: pki.caPem } });

const mapped = (argv: string[]): string[] =>
  argv.map((a) => {
    if (a === '4780') return String(port);
    if (a === '0.0.0.0') return '127.0.0.1';
    return a
      .replace(/^\/opt\/fleetscope\//, `${resolve('.')}/`)
      .replace(/^\/etc\/fleetscope\//, `${dir}/etc/`)
      .replace(/^\/var\/lib\/fleetscope$/, `${dir}/data`);
  });

beforeAll(async () => {
  if (!existsSync('dist-electron/cli.mjs'))
    throw new Error('Build Fleetscope first (npm run build): the unit runs bin/fleetscope.mjs, which needs dist-electron/.');
  dir = mkdtempSync(join(tmpdir(), 'fs-unit-'));
  mkdirSync(join(dir, 'etc', 'tls'), { recursive: true });
  writeFileSync(join(dir, 'etc', 'tls', 'cert.pem'), pki.server.cert);
  writeFileSync(join(dir, 'etc', 'tls', 'key.pem'), pki.server.key);
  fleet = await startDemoFleet({ primaries: 1, reposPerPrimary: 20 });
  writeFileSync(join(dir, 'etc', 'fleet.yaml'), demoFleetConfigYaml(fleet));
  port = await freeLoopbackPort();
  const env = {
    ...unitEnvironment(),
    ...envExample(),
    FLEETSCOPE_ADMIN_TOKENS: `alice=${admin}`,
    FLEETSCOPE_VIEWER_TOKENS: `prometheus=${viewer}`,
    FLEETSCOPE_TOKEN: '',
  };
  collector = await startCollector([], env, mapped(unitCommandLine()));
}, 60_000);

afterAll(async () => {
  await collector?.stop();
  await fleet?.stop();
  await tlsAgent.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('deploy/systemd/fleetscope.service', () => {
  it('passes systemd-analyze verify', () => {
    const copy = join(dir, 'fleetscope.service');
    writeFileSync(copy, readFileSync(UNIT, 'utf8'));
    const r = spawnSync('systemd-analyze', ['verify', copy], { encoding: 'utf8' });
    expect(`${r.stdout}${r.stderr}`.trim()).toBe('');
    expect(r.status).toBe(0);
  });

  it('starts a collector with its exact command line: HTTPS, team tokens, metrics', async () => {
    expect(unitCommandLine().slice(0, 3)).toEqual(['/usr/bin/node', '/opt/fleetscope/bin/fleetscope.mjs', 'serve']);
    expect(unitCommandLine()).toContain('0.0.0.0');
    expect(collector.url).toBe(`https://127.0.0.1:${port}/`);
    expect(collector.output()).toContain('Team tokens: 1 admin, 1 viewer.');
    const base = `https://127.0.0.1:${port}`;
    const get = (path: string, token: string) => undiciFetch(`${base}${path}`, { dispatcher: tlsAgent, headers: { authorization: `Bearer ${token}` } });
    expect(await (await get('/api/session', viewer)).json()).toEqual({ name: 'prometheus', role: 'viewer' });
    expect(await (await get('/api/session', admin)).json()).toEqual({ name: 'alice', role: 'admin' });
    const metrics = await get('/metrics', viewer);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/^fleetscope_target_up\{kind="primary",target="[^"]+"\} [01]$/m);
    expect((await get('/metrics', 'not-a-token')).status).toBe(401);
    // Its own page is served over HTTPS, so that is the origin it accepts, and plain http is not.
    const from = (origin: string) => undiciFetch(`${base}/api/snapshot`, { dispatcher: tlsAgent, headers: { authorization: `Bearer ${viewer}`, origin } });
    expect((await from(base)).status).toBe(200);
    expect((await from(`http://127.0.0.1:${port}`)).status).toBe(403);
  });

  it("runs the collector with the unit's allocator settings, and the container file sets the same", () => {
    const unit = unitEnvironment();
    expect(unit).toEqual({ MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072', MALLOC_TRIM_THRESHOLD_: '131072' });
    const environ = readFileSync(`/proc/${collector.pid}/environ`, 'utf8').split('\0');
    for (const [name, value] of Object.entries(unit)) expect(environ).toContain(`${name}=${value}`);
    expect(containerEnvironment()).toMatchObject(unit);
  });

  it('keeps the container file on the same command line', () => {
    const unit = unitCommandLine();
    const image = containerCommandLine();
    // The node image has node in /usr/local/bin; everything after the interpreter is identical.
    expect(image[0]).toBe('/usr/local/bin/node');
    expect(image.slice(1)).toEqual(unit.slice(1));
  });
});
