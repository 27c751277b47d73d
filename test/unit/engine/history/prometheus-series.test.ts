import { describe, expect, it, vi } from 'vitest';
import { mirrorHistoryMetricSchema } from '../../../../shared/contract/mirrors-requests';
import { storageMetricSchema } from '../../../../shared/model/storage';
import type { RangeQuery } from '../../../../electron/engine/history/prometheus-history';
import {
  cacheExpressions,
  historyExpression,
  mirrorExpression,
  repositoryExpressions,
  storageExpression,
  withPrometheusHistory,
} from '../../../../electron/engine/history/prometheus-series';
import type { HandlersOf } from '../../../../electron/engine/handlers';

const NOW = 1_800_000_000_000;
type Points = Array<[number, number]>;
/** Local history of the last minute: two points, so a one-hour range needs Prometheus for the rest. */
const recent = (v: number): Points => [
  [NOW - 60_000, v],
  [NOW, v],
];
/** Prometheus answers two points before the local ones, valued by the expression asked (its length), so a test sees which expression filled which series. */
const prometheus = () =>
  vi.fn<RangeQuery>(async (expr, start, end) => [
    [start, expr.length],
    [end, expr.length],
  ]);
const window = { rangeSeconds: 3600, maxPoints: 600 };

type Names = 'getHistory' | 'getCacheHistory' | 'getMirrorHistory' | 'getStorageHistory' | 'getRepositoryHistory';
const localHandlers = (): HandlersOf<Names> => ({
  getHistory: async () => ({ points: recent(1) }),
  getCacheHistory: async () => ({ all: recent(0.5), clone: [], refs: recent(0.7), v1: [], v2: recent(0.9) }),
  getMirrorHistory: async () => ({ points: recent(3) }),
  getStorageHistory: async () => ({ points: recent(4) }),
  getRepositoryHistory: async () => ({
    from: NOW - 3_600_000,
    to: NOW,
    cacheSource: 'feed',
    hitsPerMinute: recent(2),
    missesPerMinute: [],
    lag: [{ farmId: 'f', farmName: 'F', node: 'm1', points: recent(0) }],
  }),
});

describe('the PromQL of each charted series', () => {
  it('maps the Overview metrics to the exported series, quoting the target id', () => {
    expect(historyExpression('prod-eu', 'repos.total')).toBe('sum(fleetscope_primary_repositories{primary="prod-eu"})');
    expect(historyExpression('prod-eu', 'nodes.up')).toBe('sum(fleetscope_primary_node_status{primary="prod-eu",status="up"})');
    expect(historyExpression('a"b', 'nodes.total')).toBe('count(fleetscope_primary_node_status{primary="a\\"b",status="up"})');
    expect(historyExpression('farm', 'status.rank')).toBe(
      'sum(fleetscope_target_status{target="farm",status="up"}) * 0 + sum(fleetscope_target_status{target="farm",status="unknown"}) * 1 + sum(fleetscope_target_status{target="farm",status="degraded"}) * 2 + sum(fleetscope_target_status{target="farm",status="down"}) * 3',
    );
    expect(historyExpression('prod-eu', 'poll.durationMs')).toBeNull();
  });

  it("maps the caches' hit ratios to Fleetscope's own counters over each step (at least five minutes)", () => {
    const e = cacheExpressions('prod-eu');
    const at = (x: unknown, step: number): string => (x as (s: number) => string)(step);
    expect(at(e.all, 6)).toBe(
      'sum(increase(fleetscope_scm_cache_hits_total{primary="prod-eu"}[300s])) / (sum(increase(fleetscope_scm_cache_hits_total{primary="prod-eu"}[300s])) + sum(increase(fleetscope_scm_cache_misses_total{primary="prod-eu"}[300s])))',
    );
    expect(at(e.all, 3600)).toContain('[3600s]');
    expect(at(e.clone, 6)).toContain('fleetscope_scm_cache_kind_hits_total{primary="prod-eu",cache_kind="upload-pack"}');
    expect(at(e.refs, 6)).toContain('fleetscope_scm_cache_kind_misses_total{primary="prod-eu",cache_kind="refs"}');
    // Git protocol versions are not exported: those series stay local.
    expect(e.v1).toBeNull();
    expect(e.v2).toBeNull();
  });

  it("maps every mirror farm metric to the farm's series", () => {
    const all = Object.fromEntries(mirrorHistoryMetricSchema.options.map((m) => [m, mirrorExpression('farm-1', m)]));
    expect(all).toEqual({
      'mirror.lagSeconds': 'max(fleetscope_mirror_farm_lag_seconds{farm="farm-1"})',
      'mirror.queue': 'max(fleetscope_mirror_farm_queue_length{farm="farm-1"})',
      'mirror.inSync': 'max(fleetscope_mirror_farm_repositories{farm="farm-1",state="in_sync"})',
      'mirror.syncing': 'max(fleetscope_mirror_farm_repositories{farm="farm-1",state="syncing"})',
      'mirror.lagging': 'max(fleetscope_mirror_farm_repositories{farm="farm-1",state="lagging"})',
      'mirror.failing': 'max(fleetscope_mirror_farm_repositories{farm="farm-1",state="failing"})',
      'mirror.notMirrored': 'max(fleetscope_mirror_farm_repositories{farm="farm-1",state="not_mirrored"})',
      'mirror.unknown': 'max(fleetscope_mirror_farm_repositories{farm="farm-1",state="unknown"})',
      'mirror.nodesUp': 'sum(fleetscope_mirror_node_status{farm="farm-1",status="up"})',
    });
  });

  it("maps a volume's heal and brick figures; the fullest brick's use stays local", () => {
    const all = Object.fromEntries(storageMetricSchema.options.map((m) => [m, storageExpression('gluster', 'bbshared', m)]));
    expect(all).toEqual({
      'heal.pending': 'max(fleetscope_gluster_heal_pending_entries{source="gluster",volume="bbshared"})',
      'heal.splitBrain': 'max(fleetscope_gluster_split_brain_entries{source="gluster",volume="bbshared"})',
      'bricks.up': 'max(fleetscope_gluster_bricks{source="gluster",volume="bbshared",state="up"})',
      'capacity.maxUsedPercent': null,
    });
  });

  it("maps a repository's lookups per minute to the opt-in per-repository counters", () => {
    const e = repositoryExpressions('prod-eu', 'PLAT', 'api');
    expect((e.hitsPerMinute as (s: number) => string)(6)).toBe(
      'sum(rate(fleetscope_scm_cache_repository_hits_total{primary="prod-eu",project="PLAT",repository="api"}[300s])) * 60',
    );
    expect((e.missesPerMinute as (s: number) => string)(600)).toContain('fleetscope_scm_cache_repository_misses_total{');
  });
});

describe('every history read completed from Prometheus', () => {
  it('leaves every answer as it is when no Prometheus is named', async () => {
    const local = localHandlers();
    const h = withPrometheusHistory(
      local,
      () => undefined,
      () => NOW,
    );
    expect(await h.getCacheHistory({ primaryId: 'p', ...window })).toEqual(await local.getCacheHistory({ primaryId: 'p', ...window }));
    expect(await h.getStorageHistory({ storageId: 's', volume: 'v', metric: 'heal.pending', ...window })).toEqual({ points: recent(4) });
  });

  it('caches: each exported ratio gets its older part, an empty local series its whole range, the others stay local', async () => {
    const query = prometheus();
    const h = withPrometheusHistory(
      localHandlers(),
      () => query,
      () => NOW,
    );
    const r = await h.getCacheHistory({ primaryId: 'prod-eu', ...window });
    const e = cacheExpressions('prod-eu');
    const len = (x: unknown): number => (x as (s: number) => string)(6).length;
    expect(r.all).toEqual([[NOW - 3_600_000, len(e.all)], [NOW - 60_001, len(e.all)], ...recent(0.5)]);
    expect(r.refs.slice(0, 2).map(([, v]) => v)).toEqual([len(e.refs), len(e.refs)]);
    // No local clone points: all of the range is Prometheus'.
    expect(r.clone).toEqual([
      [NOW - 3_600_000, len(e.clone)],
      [NOW - 1, len(e.clone)],
    ]);
    expect(r.v1).toEqual([]);
    expect(r.v2).toEqual(recent(0.9));
    expect(query).toHaveBeenCalledTimes(3);
  });

  it("mirrors and storage: the chart's one series, by farm or volume", async () => {
    const query = prometheus();
    const h = withPrometheusHistory(
      localHandlers(),
      () => query,
      () => NOW,
    );
    const farm = await h.getMirrorHistory({ farmId: 'farm-1', metric: 'mirror.lagging', ...window });
    const lagging = mirrorExpression('farm-1', 'mirror.lagging')!;
    expect(query).toHaveBeenLastCalledWith(lagging, NOW - 3_600_000, NOW - 60_001, 6);
    expect(farm.points).toEqual([[NOW - 3_600_000, lagging.length], [NOW - 60_001, lagging.length], ...recent(3)]);
    const volume = await h.getStorageHistory({ storageId: 'gluster', volume: 'bbshared', metric: 'bricks.up', ...window });
    expect(query).toHaveBeenLastCalledWith(storageExpression('gluster', 'bbshared', 'bricks.up'), NOW - 3_600_000, NOW - 60_001, 6);
    expect(volume.points.slice(2)).toEqual(recent(4));
    query.mockClear();
    expect((await h.getStorageHistory({ storageId: 'gluster', volume: 'bbshared', metric: 'capacity.maxUsedPercent', ...window })).points).toEqual(recent(4));
    expect(query).not.toHaveBeenCalled();
  });

  it("repositories: hits and misses per minute from the opt-in series; lag and the answer's other fields as they were", async () => {
    const query = prometheus();
    const h = withPrometheusHistory(
      localHandlers(),
      () => query,
      () => NOW,
    );
    const r = await h.getRepositoryHistory({ primaryId: 'prod-eu', projectKey: 'PLAT', repoSlug: 'api', ...window });
    expect(r.hitsPerMinute).toHaveLength(4);
    expect(r.missesPerMinute).toHaveLength(2);
    expect(r.lag).toEqual([{ farmId: 'f', farmName: 'F', node: 'm1', points: recent(0) }]);
    expect([r.from, r.to, r.cacheSource]).toEqual([NOW - 3_600_000, NOW, 'feed']);
    expect(query.mock.calls.map(([expr]) => expr)).toEqual([
      (repositoryExpressions('prod-eu', 'PLAT', 'api').hitsPerMinute as (s: number) => string)(6),
      (repositoryExpressions('prod-eu', 'PLAT', 'api').missesPerMinute as (s: number) => string)(6),
    ]);
  });

  it('the Overview: getHistory through the same fallback', async () => {
    const query = prometheus();
    const h = withPrometheusHistory(
      localHandlers(),
      () => query,
      () => NOW,
    );
    const r = await h.getHistory({ targetId: 'prod-eu', metric: 'repos.total', ...window });
    expect(query).toHaveBeenCalledWith(historyExpression('prod-eu', 'repos.total'), NOW - 3_600_000, NOW - 60_001, 6);
    expect(r.points.slice(2)).toEqual(recent(1));
  });
});
