import type { ParsedArgs, RequestResult } from '../../../shared/contract';
import { STATUS_RANK, type TargetStatus } from '../../../shared/model';
import type { HandlersOf } from '../handlers';
import { withOlderHistory, type HistoryExpr, type RangeQuery } from './prometheus-history';

/** The history reads whose ranges older than the local store come from Prometheus. */
export const PROMETHEUS_HISTORY_NAMES = ['getHistory', 'getCacheHistory', 'getMirrorHistory', 'getStorageHistory', 'getRepositoryHistory'] as const;
type HistoryName = (typeof PROMETHEUS_HISTORY_NAMES)[number];

type Points = Array<[number, number]>;
/** The fields of an answer that hold a chart's points. */
type PointsField<T> = { [K in keyof T]: T[K] extends Points ? K : never }[keyof T];
type SeriesOf<N extends HistoryName> = Partial<Record<PointsField<RequestResult<N>>, HistoryExpr | null>>;

/**
 * A counter's rate is read over a window of at least this many seconds (or the query's step when
 * longer): Prometheus needs two samples in it, and five minutes holds several at any usual scrape
 * interval. A point is then the figure over the last five minutes (or the step), not over one poll.
 */
export const RATE_WINDOW_MIN_SECONDS = 300;
const windowOf = (step: number): string => `[${Math.max(step, RATE_WINDOW_MIN_SECONDS)}s]`;

/** Label matchers, values quoted as PromQL strings (JSON's escapes are PromQL's). */
const matchers = (labels: Record<string, string>): string =>
  Object.entries(labels)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(',');
const sel = (metric: string, labels: Record<string, string>): string => `${metric}{${matchers(labels)}}`;

/** hits / (hits + misses) over each step, from two of Fleetscope's own counters. */
const hitRatio =
  (hits: string, misses: string): HistoryExpr =>
  (step) => {
    const h = `sum(increase(${hits}${windowOf(step)}))`;
    return `${h} / (${h} + sum(increase(${misses}${windowOf(step)})))`;
  };
const perMinute =
  (counter: string): HistoryExpr =>
  (step) =>
    `sum(rate(${counter}${windowOf(step)})) * 60`;

const MIRROR_STATES: Record<string, string> = {
  'mirror.inSync': 'in_sync',
  'mirror.syncing': 'syncing',
  'mirror.lagging': 'lagging',
  'mirror.failing': 'failing',
  'mirror.notMirrored': 'not_mirrored',
  'mirror.unknown': 'unknown',
};

/**
 * The PromQL that gives a metric of `getHistory` from the series `/metrics` exports, or null for
 * a metric Prometheus cannot give (a poll's own duration is only a histogram there).
 */
export function historyExpression(targetId: string, metric: string): string | null {
  const primary = { primary: targetId };
  switch (metric) {
    case 'nodes.up':
      return `sum(${sel('fleetscope_primary_node_status', { ...primary, status: 'up' })})`;
    case 'nodes.total':
      return `count(${sel('fleetscope_primary_node_status', { ...primary, status: 'up' })})`;
    case 'repos.total':
      return `sum(${sel('fleetscope_primary_repositories', primary)})`;
    case 'status.rank':
      return (Object.entries(STATUS_RANK) as [TargetStatus, number][])
        .map(([status, rank]) => `sum(${sel('fleetscope_target_status', { target: targetId, status })}) * ${rank}`)
        .join(' + ');
    default:
      return null;
  }
}

/** A farm's charted figure (`getMirrorHistory`) from the farm's series. */
export function mirrorExpression(farmId: string, metric: string): string | null {
  const farm = { farm: farmId };
  if (metric in MIRROR_STATES) return `max(${sel('fleetscope_mirror_farm_repositories', { ...farm, state: MIRROR_STATES[metric]! })})`;
  switch (metric) {
    case 'mirror.lagSeconds':
      return `max(${sel('fleetscope_mirror_farm_lag_seconds', farm)})`;
    case 'mirror.queue':
      return `max(${sel('fleetscope_mirror_farm_queue_length', farm)})`;
    case 'mirror.nodesUp':
      return `sum(${sel('fleetscope_mirror_node_status', { ...farm, status: 'up' })})`;
    default:
      return null;
  }
}

/** A volume's charted figure (`getStorageHistory`); the fullest brick's use is not exported, so null. */
export function storageExpression(storageId: string, volume: string, metric: string): string | null {
  const l = { source: storageId, volume };
  switch (metric) {
    case 'heal.pending':
      return `max(${sel('fleetscope_gluster_heal_pending_entries', l)})`;
    case 'heal.splitBrain':
      return `max(${sel('fleetscope_gluster_split_brain_entries', l)})`;
    case 'bricks.up':
      return `max(${sel('fleetscope_gluster_bricks', { ...l, state: 'up' })})`;
    default:
      return null;
  }
}

/**
 * The hit-ratio series of a primary's cache (`getCacheHistory`): overall, and clone (upload-pack)
 * and ref advertisement where the statistics break them down. Git protocol versions are not exported.
 */
export function cacheExpressions(primaryId: string): SeriesOf<'getCacheHistory'> {
  const p = { primary: primaryId };
  const kind = (cacheKind: string): HistoryExpr =>
    hitRatio(
      sel('fleetscope_scm_cache_kind_hits_total', { ...p, cache_kind: cacheKind }),
      sel('fleetscope_scm_cache_kind_misses_total', { ...p, cache_kind: cacheKind }),
    );
  return {
    all: hitRatio(sel('fleetscope_scm_cache_hits_total', p), sel('fleetscope_scm_cache_misses_total', p)),
    clone: kind('upload-pack'),
    refs: kind('refs'),
    v1: null,
    v2: null,
  };
}

/** One repository's lookups per minute, from the per-repository series a collector exports when opted in (`metrics.perRepository`). */
export function repositoryExpressions(primaryId: string, projectKey: string, repoSlug: string): SeriesOf<'getRepositoryHistory'> {
  const l = { primary: primaryId, project: projectKey, repository: repoSlug };
  return {
    hitsPerMinute: perMinute(sel('fleetscope_scm_cache_repository_hits_total', l)),
    missesPerMinute: perMinute(sel('fleetscope_scm_cache_repository_misses_total', l)),
  };
}

/** For each history read, the PromQL of every points field of its answer. */
const SERIES: { [N in HistoryName]: (args: ParsedArgs<N>) => SeriesOf<N> } = {
  getHistory: (a) => ({ points: historyExpression(a.targetId, a.metric) }),
  getCacheHistory: (a) => cacheExpressions(a.primaryId),
  getMirrorHistory: (a) => ({ points: mirrorExpression(a.farmId, a.metric) }),
  getStorageHistory: (a) => ({ points: storageExpression(a.storageId, a.volume, a.metric) }),
  getRepositoryHistory: (a) => repositoryExpressions(a.primaryId, a.projectKey, a.repoSlug),
};

/**
 * The history reads with every charted series completed from Prometheus where the range reaches
 * further back than the local store (the one fallback, `withOlderHistory`, for every area).
 * `query` is read on each call: Settings may name another Prometheus, or none.
 */
export function withPrometheusHistory(
  local: HandlersOf<HistoryName>,
  query: () => RangeQuery | undefined,
  now: () => number = Date.now,
): HandlersOf<HistoryName> {
  const wrap = <N extends HistoryName>(name: N): HandlersOf<N>[N] => {
    const handler = local[name] as (args: ParsedArgs<N>, caller: unknown) => Promise<RequestResult<N>>;
    const series = SERIES[name] as (args: ParsedArgs<N>) => SeriesOf<N>;
    return (async (args: ParsedArgs<N>, caller: unknown) => {
      const answer = await handler(args, caller);
      const q = query();
      if (!q) return answer;
      const { rangeSeconds, maxPoints } = args as { rangeSeconds: number; maxPoints: number };
      const at = now();
      const merged = await Promise.all(
        Object.entries(series(args) as Record<string, HistoryExpr | null>).map(
          async ([field, expr]) =>
            [field, await withOlderHistory({ local: (answer as Record<string, Points>)[field]!, expr, rangeSeconds, maxPoints, now: at, query: q })] as const,
        ),
      );
      return { ...answer, ...Object.fromEntries(merged) };
    }) as HandlersOf<N>[N];
  };
  return Object.fromEntries(PROMETHEUS_HISTORY_NAMES.map((n) => [n, wrap(n)])) as HandlersOf<HistoryName>;
}
