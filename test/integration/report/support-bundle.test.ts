import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { demoFleetConfig, startDemoFleet, type DemoFleet } from '../../../electron/demo';
import { memorySecretStore } from '../../../electron/engine/secrets/secret-store';
import { startFleetHost } from '../../../electron/host/fleet-host';
import type { FleetHost } from '../../../electron/host/host-types';
import { pollAndWait } from '../../helpers/poll-and-wait';
import { unzipTexts } from './unzip';

let fleet: DemoFleet | undefined;
let host: FleetHost | undefined;
let dir: string | undefined;
afterEach(async () => {
  await host?.stop();
  await fleet?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
  host = fleet = dir = undefined;
});

const API_TOKEN = 'api-token-of-this-session-0123456789';
const ONE_TIME_PASSWORD = 'one-time-admin-password-4242';

describe('the support bundle', () => {
  it('holds the listed files, the range’s events and actions, config references, and no secret of the session', async () => {
    fleet = await startDemoFleet({ primaries: 1, reposPerPrimary: 10 });
    dir = mkdtempSync(join(tmpdir(), 'fleetscope-bundle-'));
    const demo = demoFleetConfig(fleet, { pollIntervalSeconds: 60 });
    const p = demo.primaries[0]!;
    const readToken = p.read.token;
    const adminPassword = p.admin.password;
    // The read token comes from the vault, the admin password is written into the file (a literal secret).
    const vault = memorySecretStore();
    await vault.set('prod-read', readToken);
    const configPath = join(dir, 'fleet.yaml');
    writeFileSync(configPath, stringify({ ...demo, primaries: [{ ...p, read: { token: '${vault:prod-read}' } }] }));
    host = await startFleetHost({
      configPath,
      dataDir: join(dir, 'data'),
      secrets: vault,
      engine: { publishDelayMs: 0, env: { ...process.env, FLEETSCOPE_TOKEN: API_TOKEN } },
      warn: () => undefined,
      log: { warn: () => undefined, error: () => undefined },
    });
    await host.engine.firstPoll();
    const from = Date.now() - 1_000;
    // An action with a one-time admin credential (audited, its password forgotten), a failed one that logs, and a node down.
    await host.handlers
      .setCacheTtl({ primaryId: p.id, cache: 'upload-pack', seconds: 5400, admin: { username: p.admin.username, password: ONE_TIME_PASSWORD } })
      .catch(() => undefined);
    await host.handlers.setCacheTtl({ primaryId: p.id, cache: 'upload-pack', seconds: 5400 });
    await host.dispatch('getHistory', { targetId: 'no-such-target', metric: 'nodes.up', rangeSeconds: 'soon' });
    const node = fleet.primaries[0]!.nodes[1]!.name;
    await host.handlers.setDemoFault({ targetId: p.id, fault: { kind: 'node-down', node }, enabled: true }).catch(() => undefined);
    await pollAndWait(host, p.id);
    host.log(`a server line that echoed ${API_TOKEN} by mistake`);

    const bundle = await host.handlers.getSupportBundle({ from, to: Date.now() + 1_000 });
    expect(bundle.fileName).toMatch(/^fleetscope-support-\d{8}-\d{4}_\d{8}-\d{4}Z\.zip$/);
    const files = await unzipTexts(Buffer.from(bundle.base64, 'base64'));
    expect([...files.keys()].sort()).toEqual(
      [
        'README.txt',
        'alerts.csv',
        'alerts.json',
        'audit.csv',
        'audit.json',
        'config.yaml',
        'events.csv',
        'events.json',
        'fleetscope.log',
        'history.csv',
        'history.json',
        'report.html',
        'snapshot.json',
      ].sort(),
    );
    const audit = JSON.parse(files.get('audit.json')!) as Array<{ action: string; credential: string | null }>;
    expect(audit.filter((a) => a.action === 'setCacheTtl').length).toBe(2);
    expect(files.get('events.csv')).toMatch(/admin-action/);
    expect(files.get('history.csv')!.split('\r\n')[0]).toBe('at,targetId,metric,value');
    expect(files.get('history.csv')).toContain(`,${p.id},nodes.up,`);
    expect(files.get('config.yaml')).toContain('token: ${vault:prod-read}');
    expect(files.get('config.yaml')).toContain('password: "<redacted: literal in config>"');
    expect(files.get('fleetscope.log')).toMatch(/Invalid arguments for getHistory/);
    expect(files.get('fleetscope.log')).toMatch(/a server line that echoed <redacted> by mistake/);
    for (const [name, text] of files) {
      for (const secret of [readToken, adminPassword, API_TOKEN, ONE_TIME_PASSWORD]) {
        expect(text.includes(secret), `${name} holds a secret`).toBe(false);
      }
    }
  });
});
