import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../shared/model';
import { startCollector, type CollectorProcess } from './collector-process';
import { missingPrometheus, startPrometheus, type RealPrometheus } from './real-prometheus';

/**
 * A real Prometheus (Debian's package) scrapes `fleetscope serve --demo` every second with the
 * bearer token, evaluates the shipped rules, and answers PromQL about the demo fleet; then demo
 * faults show up in it. Every query of the shipped Grafana dashboard must return data.
 */
const TOKEN = 'metrics-test-token-0123456789abcdef';
let dataDir: string;
let collector: CollectorProcess;
let prom: RealPrometheus;

const currentSnapshot = async (): Promise<Snapshot> => (await collector.call('getSnapshot', {})).body as Snapshot;
const values = (r: Array<{ value: [number, string] }>): number[] => r.map((s) => Number(s.value[1]));

beforeAll(async () => {
  const missing = missingPrometheus();
  if (missing) throw new Error(missing);
  dataDir = mkdtempSync(join(tmpdir(), 'fs-metrics-'));
  // A faster simulated clock, so that pushes pile up quickly once the farm stops applying them.
  collector = await startCollector(['serve', '--demo', '--port', '0', '--poll-interval', '1', '--speed', '30', '--data-dir', dataDir], {
    FLEETSCOPE_TOKEN: TOKEN,
  });
  prom = await startPrometheus([{ job: 'fleetscope', address: new URL(collector.url).host, token: TOKEN }]);
}, 90_000);

afterAll(async () => {
  await prom?.stop();
  await collector?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a real Prometheus scraping the demo collector', () => {
  it('scrapes with the token, and sees the primaries up and their repository counts', async () => {
    await prom.until('up{job="fleetscope"}', (r) => values(r)[0] === 1);
    const up = await prom.until('fleetscope_target_up{kind="primary"}', (r) => r.length === 2 && values(r).every((v) => v === 1));
    expect(up.map((s) => s.metric['target']).sort()).toEqual(['prod-eu', 'prod-us']);
    const repos = await prom.until('sum by (primary) (fleetscope_primary_repositories)', (r) => r.length === 2 && values(r).every((v) => v > 0));
    const now = await currentSnapshot();
    for (const s of repos) {
      const p = now.primaries.find((x) => x.id === s.metric['primary'])!;
      const r = p.repositories!;
      // The demo's inventory grows slowly (new repositories appear), so compare with a margin of a few.
      expect(Math.abs(Number(s.value[1]) - (r.available + r.initialising + r.initialisationFailed + r.offline))).toBeLessThanOrEqual(5);
    }
  });

  it('counts cache hits that keep increasing', async () => {
    const first = await prom.until('fleetscope_scm_cache_hits_total{primary="prod-eu"}', (r) => r.length === 1);
    await prom.until('fleetscope_scm_cache_hits_total{primary="prod-eu"}', (r) => values(r)[0]! > values(first)[0]!);
    await prom.until('increase(fleetscope_scm_cache_hits_total{primary="prod-eu"}[30s])', (r) => values(r)[0]! > 0);
  });

  it('executes every query of the Grafana dashboard, each returning data', async () => {
    const dashboard = JSON.parse(readFileSync('deploy/grafana/fleetscope-dashboard.json', 'utf8')) as {
      panels: Array<{ title: string; targets?: Array<{ expr: string }> }>;
    };
    const queries = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, expr: grafanaVariables(t.expr) })));
    expect(queries.length).toBeGreaterThanOrEqual(20);
    for (const q of queries) {
      const r = await prom
        .until(q.expr, (x) => x.length > 0)
        .catch((err: Error) => {
          throw new Error(`Panel "${q.panel}": ${err.message.split('\n')[0]}`);
        });
      expect(r.length, q.panel).toBeGreaterThan(0);
    }
  }, 120_000);

  it("shows the farm's lagging count rising when the farm falls behind", async () => {
    await prom.until('fleetscope_mirror_farm_queue_growing', (r) => r.length > 0);
    const farm = (await currentSnapshot()).mirrorFarms.find((f) => f.mirrorType === 'FARM')!;
    const expr = `fleetscope_mirror_farm_repositories{farm="${farm.id}",state="lagging"}`;
    const before = values(await prom.until(expr, (r) => r.length === 1))[0]!;
    const set = await collector.call('setDemoFault', { targetId: farm.id, fault: { kind: 'mirror-farm-behind' }, enabled: true });
    expect(set.status).toBe(200);
    await prom.until(expr, (r) => values(r)[0]! > before);
    await prom.until(`fleetscope_mirror_farm_queue_growing{farm="${farm.id}"}`, (r) => values(r)[0] === 1);
    await collector.call('setDemoFault', { targetId: farm.id, fault: { kind: 'mirror-farm-behind' }, enabled: false });
  }, 90_000);

  it("turns a volume's verdict degraded with a brick down", async () => {
    const brick = 'gluster2:/data/glusterfs/bbshared/brick1';
    const set = await collector.call('setDemoFault', {
      targetId: 'gluster-demo',
      fault: { kind: 'gluster-brick-down', volume: 'bbshared', brick },
      enabled: true,
    });
    expect(set.status).toBe(200);
    await prom.until('fleetscope_gluster_bricks{volume="bbshared",state="down"}', (r) => values(r)[0] === 1);
    await prom.until('fleetscope_gluster_volume_verdict{volume="bbshared",verdict="degraded"}', (r) => values(r)[0] === 1);
    // The shipped rule sees it too (its `for: 1m` keeps it pending here).
    await prom.until('ALERTS{alertname="FleetscopeGlusterBrickDown",volume="bbshared"}', (r) => r.length === 1);
    await collector.call('setDemoFault', { targetId: 'gluster-demo', fault: { kind: 'gluster-brick-down', volume: 'bbshared', brick }, enabled: false });
  }, 90_000);

  it('refuses /metrics without the token', async () => {
    expect((await fetch(`${collector.url}metrics`)).status).toBe(401);
    expect((await fetch(`${collector.url}metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
  });
});

/** Grafana's own variables, as Grafana would expand them for a 1 s scrape interval. */
function grafanaVariables(expr: string): string {
  return expr.replaceAll('$__rate_interval', '15s').replaceAll('$__interval', '5s');
}
