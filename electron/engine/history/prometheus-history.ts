import { readFileSync } from 'node:fs';
import type { Agent, fetch as undiciFetch } from 'undici';
import { FleetApiError } from '../../../shared/contract';
import { lttb } from '../../../shared/logic/lttb';
import type { PrometheusConfig } from '../config/fleet-config-schema';

type Point = [number, number];

/** Reads a range of one PromQL expression: [ms, value] points from `startMs` to `endMs`. */
export type RangeQuery = (expr: string, startMs: number, endMs: number, stepSeconds: number) => Promise<Point[]>;

export interface PrometheusHistory {
  readonly url: string;
  query: RangeQuery;
  close(): Promise<void>;
}

/**
 * The PromQL of one charted series: a fixed expression, or one built for the query's step (a
 * ratio or a rate over each step, so a point covers the interval up to it, as a local point does).
 */
export type HistoryExpr = string | ((stepSeconds: number) => string);

/** Prometheus' HTTP API (`/api/v1/query_range`) with the config's bearer token and CA file. */
export function createPrometheusHistory(config: PrometheusConfig, timeoutMs = 10_000): PrometheusHistory {
  const base = config.url.endsWith('/') ? config.url : `${config.url}/`;
  const ca = config.caFile ? readFileSync(config.caFile, 'utf8') : undefined;
  // undici's index (fetch, cookies, caches…) is imported at the first query, not at every start
  // (issue 13 item 7): most starts never read Prometheus.
  let client: Promise<{ dispatcher: Agent; fetch: typeof undiciFetch }> | undefined;
  const connect = (): Promise<{ dispatcher: Agent; fetch: typeof undiciFetch }> =>
    (client ??= import('undici').then((u) => ({ dispatcher: new u.Agent(ca ? { connect: { ca } } : {}), fetch: u.fetch })));
  const origin = new URL(base).origin;
  return {
    url: origin,
    query: async (expr, startMs, endMs, stepSeconds) => {
      const params = new URLSearchParams({ query: expr, start: String(startMs / 1000), end: String(endMs / 1000), step: String(stepSeconds) });
      const { dispatcher, fetch: undiciFetch } = await connect();
      let body: { status?: string; error?: string; data?: { resultType?: string; result?: Array<{ values: [number, string][] }> } };
      try {
        const res = await undiciFetch(new URL(`api/v1/query_range?${params.toString()}`, base), {
          headers: config.token ? { authorization: `Bearer ${config.token}` } : {},
          dispatcher,
          signal: AbortSignal.timeout(timeoutMs),
        });
        body = (await res.json().catch(() => ({ error: `HTTP ${res.status}` }))) as typeof body;
        if (!res.ok && body.status !== 'error')
          throw new Error(res.status === 401 || res.status === 403 ? `HTTP ${res.status}: check prometheus.token` : `HTTP ${res.status}`);
      } catch (err) {
        const cause = (err as { cause?: { code?: string; message?: string } }).cause;
        throw new FleetApiError(
          'network',
          `The history older than this Fleetscope keeps comes from Prometheus at ${origin}, which cannot be reached (${cause?.code ?? cause?.message ?? (err as Error).message}); check prometheus.url in the fleet config, or shorten the range.`,
        );
      }
      if (body.status !== 'success')
        throw new FleetApiError('internal', `Prometheus at ${origin} refused the history query: ${body.error ?? 'no reason given'}.`);
      const series = body.data?.result?.[0];
      return (series?.values ?? []).map(([t, v]): Point => [Math.round(t * 1000), Number(v)]).filter(([, v]) => Number.isFinite(v));
    },
    close: async () => {
      if (client) await (await client).dispatcher.close();
    },
  };
}

/**
 * A history read with the part older than the local store's first point taken from Prometheus:
 * the store keeps what its retention allows (and nothing from before it started), Prometheus
 * keeps longer. Points Prometheus gives inside the local span are dropped; both halves are then
 * downsampled together to the chart's width.
 */
export async function withOlderHistory(opts: {
  local: Point[];
  expr: HistoryExpr | null;
  rangeSeconds: number;
  maxPoints: number;
  now: number;
  query: RangeQuery | undefined;
}): Promise<Point[]> {
  const { local, expr, query } = opts;
  if (!expr || !query) return local;
  const start = opts.now - opts.rangeSeconds * 1000;
  const localStart = local[0]?.[0] ?? opts.now;
  const step = Math.max(1, Math.ceil(opts.rangeSeconds / opts.maxPoints));
  if (localStart - start < step * 1000) return local;
  const older = (await query(typeof expr === 'string' ? expr : expr(step), start, localStart - 1, step)).filter(([t]) => t < localStart);
  return older.length === 0 ? local : lttb([...older, ...local], opts.maxPoints).map(([t, v]): Point => [t, v]);
}
