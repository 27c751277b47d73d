import type { DurationStats, ProbeEndpoint, ProbeReport, RepositoryLogFigures } from '../../shared/model';
import { endpointOf } from './probe-fixtures';

/** A probe of WEB/web-ui on `prod` that finished at `finishedAt` with these endpoints. */
export const reportOf = (endpoints: ProbeEndpoint[], finishedAt: number, over: Partial<ProbeReport> = {}): ProbeReport => ({
  primaryId: 'prod',
  projectKey: 'WEB',
  repoSlug: 'web-ui',
  startedAt: finishedAt - 30_000,
  finishedAt,
  gitVersion: '2.39.5',
  protocol: 2,
  transport: 'both',
  full: false,
  capBytes: 200_000_000,
  cancelled: false,
  endpoints,
  notes: [],
  ...over,
});

/** A mirror endpoint whose clone took `totalMs` in all (mostly receiving the pack). */
export const mirrorEndpoint = (label: string, totalMs: number, over: Partial<ProbeEndpoint> = {}): ProbeEndpoint =>
  endpointOf({
    label,
    kind: 'mirror',
    url: `https://${label.replace(/\W/g, '').toLowerCase()}/scm/WEB/web-ui.git`,
    cache: 'not-counted',
    refsMatchPrimary: true,
    clone: {
      outcome: 'ok',
      totalMs,
      phases: [
        { name: 'connect', ms: totalMs * 0.02 },
        { name: 'refs', ms: totalMs * 0.05 },
        { name: 'negotiation', ms: 0 },
        { name: 'transfer', ms: totalMs * 0.9 },
        { name: 'other', ms: totalMs * 0.03 },
      ],
      packBytes: 2_000_000,
      bytesPerSecond: 2_000_000 / ((totalMs * 0.9) / 1000),
      shallow: true,
    },
    ...over,
  });

export const stats = (count: number, p95Ms: number | null, p50Ms: number | null = p95Ms === null ? null : p95Ms / 2): DurationStats => ({
  count,
  p50Ms,
  p95Ms,
  maxMs: p95Ms === null ? null : p95Ms * 1.2,
});

/** WEB/web-ui in an analysis of one log: 40 clones, `hit`/`miss` of them through the cache. */
export const logFiguresOf = (over: Partial<RepositoryLogFigures> = {}): RepositoryLogFigures => ({
  jobId: 'job-1',
  analysedAt: Date.UTC(2026, 10, 2, 15, 0),
  sources: ['atlassian-bitbucket-access.log'],
  range: { from: null, to: null },
  seen: { first: Date.UTC(2026, 10, 2, 13, 0), last: Date.UTC(2026, 10, 2, 14, 10) },
  repository: 'WEB/web-ui',
  operations: 120,
  clones: stats(40, 9_000, 2_000),
  cache: { hit: 30, miss: 10, none: 0 },
  clonesByNode: [
    { node: 'N1', durations: stats(50, 2_000) },
    { node: 'N2', durations: stats(50, 2_200) },
  ],
  ...over,
});
