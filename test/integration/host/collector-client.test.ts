import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type CollectorProcess } from '../metrics/collector-process';
import { freeLoopbackPort } from '../metrics/loopback-port';
import { readSnapshotStream } from '../../helpers/snapshot-stream';

/**
 * The desktop's host as a client of a team collector: a real `serve --demo` collector on loopback,
 * and `serve --collector URL` in front of it (what the desktop runs in client mode), once with a
 * viewer token and once with an admin token of that collector.
 */
const alice = randomBytes(24).toString('base64url');
const grafana = randomBytes(24).toString('base64url');
const owner = randomBytes(24).toString('base64url');
let dir: string;
let port: number;
let collector: CollectorProcess;
let viewer: CollectorProcess;
let admin: CollectorProcess;

const collectorArgs = (): string[] => [
  'serve',
  '--demo',
  '--port',
  String(port),
  '--poll-interval',
  '1',
  '--speed',
  '30',
  '--data-dir',
  join(dir, 'collector'),
];
const collectorEnv = { FLEETSCOPE_TOKEN: owner, FLEETSCOPE_ADMIN_TOKENS: `alice=${alice}`, FLEETSCOPE_VIEWER_TOKENS: `grafana=${grafana}` };
const client = (token: string, name: string): Promise<CollectorProcess> =>
  startCollector(['serve', '--collector', collector.url, '--port', '0', '--data-dir', join(dir, name)], {
    FLEETSCOPE_COLLECTOR_TOKEN: token,
    FLEETSCOPE_TOKEN: '',
  });

async function get(server: CollectorProcess, path: string, token = server.token): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json() };
}

type Snap = { generatedAt: number; primaries: Array<{ id: string; name: string }>; mirrorFarms: Array<{ id: string }>; storage: Array<{ id: string }> };
const shape = (s: Snap) => ({
  primaries: s.primaries.map((p) => [p.id, p.name]),
  farms: s.mirrorFarms.map((f) => f.id),
  storage: s.storage.map((x) => x.id),
});

/** Reads the snapshots a server's event stream stands for until `enough` says stop. */
const readSnapshots = async (server: CollectorProcess, enough: (seen: Snap[]) => boolean, timeoutMs = 60_000): Promise<Snap[]> =>
  (await readSnapshotStream<Snap>(server.url, server.token, enough, timeoutMs)).seen;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fs-client-'));
  port = await freeLoopbackPort(23_100, 23_199);
  collector = await startCollector(collectorArgs(), collectorEnv);
  [viewer, admin] = await Promise.all([client(grafana, 'viewer'), client(alice, 'admin')]);
}, 90_000);

afterAll(async () => {
  await Promise.all([viewer?.stop(), admin?.stop()]);
  await collector?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('serve --collector: a Fleetscope that serves a team collector’s fleet', () => {
  it('does not start without the collector’s token, or with one it refuses, and says what to do', async () => {
    await expect(client('', 'none')).rejects.toThrow(/--collector needs the collector's token in FLEETSCOPE_COLLECTOR_TOKEN/);
    await expect(client(randomBytes(24).toString('base64url'), 'wrong')).rejects.toThrow(
      /Cannot use the team collector at http:\/\/127\.0\.0\.1:\d+: The team collector at .* refused the token: ask whoever runs it for a token/,
    );
  }, 120_000);

  it('says whose fleet it shows and as whom', () => {
    expect(viewer.output()).toContain(`Watching the team collector at http://127.0.0.1:${port} as grafana (viewer)`);
    expect(admin.output()).toContain('as alice (admin)');
  });

  it('shows the same snapshot as the collector, and pushes its snapshots', async () => {
    const direct = (await get(collector, 'api/snapshot')).body as Snap;
    expect(direct.primaries.length).toBeGreaterThan(0);
    // The client shows what the collector last pushed (at most one push a second): it converges on the same fleet.
    await expect.poll(async () => shape((await get(viewer, 'api/snapshot')).body as Snap), { timeout: 30_000 }).toEqual(shape(direct));
    const same = (x: Snap): boolean => JSON.stringify(shape(x)) === JSON.stringify(shape(direct));
    const pushed = await readSnapshots(viewer, (s) => s.length >= 2 && same(s[s.length - 1]!));
    expect(pushed[pushed.length - 1]!.generatedAt).toBeGreaterThan(pushed[0]!.generatedAt);
  });

  it('acts with the role of the collector’s token: a viewer is refused with the reason, an admin is audited by name', async () => {
    expect((await get(viewer, 'api/session')).body).toEqual({ name: 'grafana', role: 'viewer' });
    const args = { primaryId: 'prod-eu', cache: 'upload-pack', seconds: 4500 };
    const refused = await viewer.call('setCacheTtl', args);
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({
      error: { code: 'forbidden', message: expect.stringMatching(/^grafana may only view this Fleetscope: actions need an admin token/) },
    });

    const done = await admin.call('setCacheTtl', args);
    expect(done).toMatchObject({ status: 200, body: { ok: true } });
    const { entries } = (await collector.call('getAuditLog', { limit: 1 })).body as { entries: Array<{ actor: string; action: string; outcome: string }> };
    expect(entries[0]).toMatchObject({ actor: 'alice', action: 'setCacheTtl', outcome: 'succeeded' });
  });

  it('keeps its own event stream across a restart of the collector, reconnecting by itself', async () => {
    let restarted = false;
    let seenWhenBack: number | null = null;
    const seen = await readSnapshots(
      admin,
      (s) => {
        if (!restarted && s.length === 1) {
          restarted = true;
          void (async () => {
            await collector.stop();
            collector = await startCollector(collectorArgs(), collectorEnv);
            seenWhenBack = s.length;
          })();
        }
        // A snapshot pushed after the new collector was up, on the stream opened before it went down.
        return seenWhenBack !== null && s.length > seenWhenBack;
      },
      90_000,
    );
    expect(restarted).toBe(true);
    expect(admin.output()).toMatch(/Lost the team collector at http:\/\/127\.0\.0\.1:\d+ \(.+\); retrying in \d+ s\./);
    expect(shape(seen.at(-1)!).primaries).toEqual(shape(seen[0]!).primaries);
    expect((await get(admin, 'api/session')).body).toEqual({ name: 'alice', role: 'admin' });
  }, 120_000);
});
