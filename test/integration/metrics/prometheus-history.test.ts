import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { demoFleetConfig, startDemoFleet, type DemoFleet } from '../../../electron/demo';
import { fleetConfigSchema } from '../../../electron/engine/config/fleet-config-schema';
import { startFleetHost } from '../../../electron/host/fleet-host';
import type { FleetHost } from '../../../electron/host/host-types';
import { startCollector, type CollectorProcess } from './collector-process';
import { freeLoopbackPort } from './loopback-port';
import { missingPrometheus, startPrometheus, type RealPrometheus } from './real-prometheus';

/**
 * Histories older than what a Fleetscope keeps come from Prometheus (`prometheus: {url}` in the
 * config): a real Prometheus scrapes a collector of the demo fleet (per-repository series opted
 * into, with a small limit); a second Fleetscope with a fresh, empty history and the same primary
 * and storage ids reads long ranges — of the Overview, the caches, a volume, a repository — and
 * gets Prometheus' points; with Prometheus unreachable the chart's read fails with what happened
 * and what to do.
 */
const TOKEN = 'history-test-token-0123456789abcdef';
const REPOSITORY_LIMIT = 3;
let dataDir: string;
let fleet: DemoFleet;
let collector: CollectorProcess;
let prom: RealPrometheus;
const hosts: FleetHost[] = [];

const hostWith = async (prometheusUrl: string): Promise<FleetHost> => {
  // The primary is the collector's prod-eu by id; its own address answers nothing, so this
  // Fleetscope's history holds no point older than now.
  const config = fleetConfigSchema.parse({
    pollIntervalSeconds: 3600,
    primaries: [{ id: 'prod-eu', name: 'Production EU', baseUrl: 'http://127.0.0.1:9' }],
    // The collector's GlusterFS source by id; its command does not exist, so nothing is kept locally.
    storage: [{ id: 'gluster-demo', name: 'Demo GlusterFS', gluster: { local: { command: join(dataDir, 'missing', 'gluster') } } }],
    prometheus: { url: prometheusUrl },
  });
  const host = await startFleetHost({ config, configPath: join(dataDir, 'fleet.yaml'), dataDir: ':memory:', shell: 'browser mode' });
  hosts.push(host);
  return host;
};

beforeAll(async () => {
  const missing = missingPrometheus();
  if (missing) throw new Error(missing);
  dataDir = mkdtempSync(join(tmpdir(), 'fs-prom-history-'));
  // The demo fleet watched through a config file, as a team runs it, with a few repositories opted into per-repository series.
  fleet = await startDemoFleet();
  const config = { ...demoFleetConfig(fleet, { pollIntervalSeconds: 1 }), metrics: { perRepository: { limit: REPOSITORY_LIMIT } } };
  writeFileSync(join(dataDir, 'collector.yaml'), stringify(config));
  collector = await startCollector(['serve', '--config', join(dataDir, 'collector.yaml'), '--port', '0', '--data-dir', join(dataDir, 'collector')], {
    FLEETSCOPE_TOKEN: TOKEN,
  });
  prom = await startPrometheus([{ job: 'fleetscope', address: new URL(collector.url).host, token: TOKEN }]);
}, 90_000);

afterAll(async () => {
  for (const h of hosts) await h.stop();
  await prom?.stop();
  await collector?.stop();
  await fleet?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('charts read beyond the local history from Prometheus', () => {
  it("gives a long range's points from query_range when the local store has none of them", async () => {
    // A few scrapes of the repository count, so the range (one point a second) has several.
    const first = await prom.until('sum(fleetscope_primary_repositories{primary="prod-eu"})', (r) => r.length === 1 && Number(r[0]!.value[1]) > 0);
    await prom.until('count_over_time(sum(fleetscope_primary_repositories{primary="prod-eu"})[30s:1s])', (r) => Number(r[0]?.value[1] ?? 0) >= 5);
    const host = await hostWith(prom.url);
    const outcome = await host.dispatch('getHistory', { targetId: 'prod-eu', metric: 'repos.total', rangeSeconds: 3600, maxPoints: 3600 });
    expect(outcome.ok).toBe(true);
    const points = (outcome as { value: { points: [number, number][] } }).value.points;
    expect(points.length).toBeGreaterThanOrEqual(2);
    expect(points.every(([t, v]) => t <= Date.now() && t >= Date.now() - 3_600_000 && v > 0)).toBe(true);
    expect(points.map(([, v]) => v)).toContain(Number(first[0]!.value[1]));
    // Node counts come the same way, merged with this Fleetscope's own points: Prometheus' show the
    // collector's three nodes of prod-eu; what this one polled itself (if it has yet) comes after them.
    const nodes = await host.dispatch('getHistory', { targetId: 'prod-eu', metric: 'nodes.total', rangeSeconds: 3600, maxPoints: 3600 });
    const nodePoints = (nodes as { value: { points: [number, number][] } }).value.points;
    const local = await host.dispatch('getHistory', { targetId: 'prod-eu', metric: 'poll.durationMs', rangeSeconds: 3600 });
    const localStart = (local as { value: { points: [number, number][] } }).value.points[0]?.[0] ?? Date.now();
    const older = nodePoints.filter(([t]) => t < localStart);
    expect(older.length).toBeGreaterThanOrEqual(2);
    expect(older.every(([, v]) => v === 3)).toBe(true);
  }, 90_000);

  it("gives the caches' hit ratio and a volume's bricks from query_range, each area through the same fallback", async () => {
    // The ratio itself has answers at three steps, not only its counters three scrapes: counters
    // scraped before the demo's cache traffic starts do not increase, and 0 / 0 is no point.
    const increase = (m: string) => `sum(increase(${m}{primary="prod-eu"}[300s]))`;
    const ratioExpr = `${increase('fleetscope_scm_cache_hits_total')} / (${increase('fleetscope_scm_cache_hits_total')} + ${increase('fleetscope_scm_cache_misses_total')})`;
    await prom.until(`count_over_time(((${ratioExpr}) >= 0)[30s:1s])`, (r) => Number(r[0]?.value[1] ?? 0) >= 3);
    const up = await prom.until('fleetscope_gluster_bricks{source="gluster-demo",volume="bbshared",state="up"}', (r) => Number(r[0]?.value[1] ?? 0) > 0);
    const host = await hostWith(prom.url);
    const cache = await host.dispatch('getCacheHistory', { primaryId: 'prod-eu', rangeSeconds: 3600, maxPoints: 3600 });
    expect(cache.ok).toBe(true);
    const ratio = (cache as { value: { all: [number, number][]; v1: [number, number][] } }).value;
    expect(ratio.all.length).toBeGreaterThanOrEqual(2);
    expect(ratio.all.every(([t, v]) => t >= Date.now() - 3_600_000 && t <= Date.now() && v >= 0 && v <= 1)).toBe(true);
    // The demo's caches serve more than they miss.
    expect(ratio.all.some(([, v]) => v > 0)).toBe(true);
    // Not exported: only what this Fleetscope kept (nothing, its primary answers nothing).
    expect(ratio.v1).toEqual([]);
    const bricks = await host.dispatch('getStorageHistory', {
      storageId: 'gluster-demo',
      volume: 'bbshared',
      metric: 'bricks.up',
      rangeSeconds: 3600,
      maxPoints: 3600,
    });
    expect(bricks.ok).toBe(true);
    const points = (bricks as { value: { points: [number, number][] } }).value.points;
    expect(points.length).toBeGreaterThanOrEqual(2);
    expect(points.map(([, v]) => v)).toContain(Number(up[0]!.value[1]));
  }, 90_000);

  it('exports the opted-in repositories within the limit, and the repository page reads their older lookups from query_range', async () => {
    const hits = await prom.until('fleetscope_scm_cache_repository_hits_total', (r) => r.length > 0);
    expect(hits.length).toBeLessThanOrEqual(REPOSITORY_LIMIT);
    // The demo has more repositories than that: the rest are counted, and the collector said so.
    await prom.until('fleetscope_metrics_repositories_dropped', (r) => Number(r[0]?.value[1] ?? 0) > 0);
    expect(collector.output()).toMatch(/metrics\.perRepository selects \d+ repositories, more than its limit of 3/);
    const farms = ((await collector.call('getSnapshot', {})).body as { mirrorFarms: unknown[] }).mirrorFarms.length;
    const states = await prom.until('fleetscope_mirror_repository_state', (r) => r.length > 0);
    expect(states.length).toBeLessThanOrEqual(REPOSITORY_LIMIT * farms);
    // The first repositories by primary, project and slug: prod-eu's.
    const repo = hits[0]!.metric as { primary: string; project: string; repository: string };
    expect(repo.primary).toBe('prod-eu');
    const series = `fleetscope_scm_cache_repository_hits_total{primary="prod-eu",project="${repo.project}",repository="${repo.repository}"}`;
    // The rate the page charts has answers at three steps, not only the counter three scrapes.
    await prom.until(`count_over_time(rate(${series}[300s])[30s:1s])`, (r) => Number(r[0]?.value[1] ?? 0) >= 3);
    const host = await hostWith(prom.url);
    const history = await host.dispatch('getRepositoryHistory', {
      primaryId: 'prod-eu',
      projectKey: repo.project,
      repoSlug: repo.repository,
      rangeSeconds: 3600,
      maxPoints: 3600,
    });
    expect(history.ok).toBe(true);
    const perMinute = (history as { value: { hitsPerMinute: [number, number][]; missesPerMinute: [number, number][] } }).value;
    expect(perMinute.hitsPerMinute.length).toBeGreaterThanOrEqual(2);
    expect(perMinute.hitsPerMinute.every(([t, v]) => t >= Date.now() - 3_600_000 && t <= Date.now() && v >= 0)).toBe(true);
    expect(perMinute.missesPerMinute.length).toBeGreaterThanOrEqual(2);
  }, 90_000);

  it('says on the chart when Prometheus cannot be reached', async () => {
    const port = await freeLoopbackPort();
    const host = await hostWith(`http://127.0.0.1:${port}`);
    const outcome = await host.dispatch('getHistory', { targetId: 'prod-eu', metric: 'repos.total', rangeSeconds: 86_400 });
    expect(outcome).toEqual({
      ok: false,
      error: {
        code: 'network',
        message: `The history older than this Fleetscope keeps comes from Prometheus at http://127.0.0.1:${port}, which cannot be reached (ECONNREFUSED); check prometheus.url in the fleet config, or shorten the range.`,
      },
    });
    // A metric Prometheus does not carry is read locally only, and does not fail.
    expect((await host.dispatch('getHistory', { targetId: 'prod-eu', metric: 'poll.durationMs', rangeSeconds: 86_400 })).ok).toBe(true);
    // The other areas' charts say the same.
    const volume = await host.dispatch('getStorageHistory', { storageId: 'gluster-demo', volume: 'bbshared', metric: 'heal.pending', rangeSeconds: 86_400 });
    expect(volume).toMatchObject({ ok: false, error: { code: 'network' } });
  });
});
