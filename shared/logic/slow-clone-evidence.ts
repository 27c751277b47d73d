import type { ProbeEndpoint, ProbeReport, RepositoryLogFigures } from '../model';
import { cloneTimeWords } from './probe-words';
import { repoRoute, viewRoute } from './route';
import { formatSpan, type SlowCloneFinding } from './slow-clone-finding';
import { slowCloneNodes } from './slow-clone-nodes';
import { formatDuration } from './units';

// Its own module so the access-log aggregator (and its worker thread) need none of this one's imports.
export { slowCloneNodes };

/**
 * "What could make this slow" from measurements rather than state (issue #14 item 4): the last
 * clone probes of the repository and the most recent access-log analysis that saw it. Each rule
 * is a pure function stating its evidence; `explainSlowClone` orders them with the other rules.
 */
export type CloneEvidenceInput = {
  now: number;
  /** The repository's last probes on its primary, newest first (empty when never probed). */
  probes?: readonly ProbeReport[] | undefined;
  /** Its clones in the most recent log analysis that saw it; null or absent when none did. */
  logs?: RepositoryLogFigures | null | undefined;
};

type Rule = (input: CloneEvidenceInput) => SlowCloneFinding[];

/** A probed clone this long or longer is worth naming even with nothing faster to compare it with. */
export const SLOW_PROBE_ALONE_MS = 30_000;
/** Slower than the fastest endpoint by this factor, and at least SLOW_PROBE_MIN_MS, names an endpoint. */
export const SLOW_PROBE_FACTOR = 3;
export const SLOW_PROBE_MIN_MS = 2_000;
/** Clones that went through the cache: at least this many before a miss share is stated. */
export const MIN_CACHED_CLONES = 5;
export const HIGH_MISS_SHARE = 0.3;

const lastProbe = (input: CloneEvidenceInput): ProbeReport | null => input.probes?.[0] ?? null;
const probeAge = (report: ProbeReport, now: number): string => `last probe, ${formatSpan(now - report.finishedAt)} ago`;
const probeLink = (r: ProbeReport) => repoRoute(r.projectKey, r.repoSlug, r.primaryId);
const times = (ratio: number): string => (ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(1).replace(/\.0$/, ''));
const measured = (e: ProbeEndpoint): e is ProbeEndpoint & { clone: NonNullable<ProbeEndpoint['clone']> } =>
  e.clone !== null && (e.clone.outcome === 'ok' || e.clone.outcome === 'capped');

/** "2026-11-02 13:00 to 14:10 UTC": the stretch of the log an analysis saw, on the log's own clock. */
export function logSpanWords(seen: RepositoryLogFigures['seen']): string {
  if (seen.first === null || seen.last === null) return 'no operations';
  const at = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
  const from = at(seen.first);
  const to = at(seen.last);
  return from.slice(0, 10) === to.slice(0, 10) ? `${from} to ${to.slice(11)} UTC` : `${from} to ${to} UTC`;
}

export const probeFailedRule: Rule = (input) => {
  const r = lastProbe(input);
  if (!r) return [];
  return r.endpoints
    .filter((e) => e.error !== null && e.clone?.outcome !== 'cancelled' && !measured(e))
    .map((e) => ({
      rule: 'probe-failed',
      impact: 78,
      severity: 'critical' as const,
      text: `The last probe of ${e.label} (${formatSpan(input.now - r.finishedAt)} ago) failed: ${e.error}. Clones there fail or hang.`,
      link: probeLink(r),
    }));
};

export const probeStaleRefsRule: Rule = (input) => {
  const r = lastProbe(input);
  if (!r) return [];
  return r.endpoints
    .filter((e) => e.refsMatchPrimary === false)
    .map((e) => ({
      rule: 'probe-stale-refs',
      impact: 65,
      severity: 'warning' as const,
      text: `${e.label} serves old refs (${probeAge(r, input.now)}): ${e.refsNote ?? 'its refs differ from the primary'}. Clones there miss the newest commits.`,
      link: probeLink(r),
    }));
};

export const probeSlowEndpointRule: Rule = (input) => {
  const r = lastProbe(input);
  if (!r) return [];
  const done = r.endpoints.filter(measured);
  const fastest = done.reduce<(typeof done)[number] | null>((f, e) => (f === null || e.clone.totalMs < f.clone.totalMs ? e : f), null);
  return done.flatMap((e) => {
    const other = fastest !== null && fastest !== e ? fastest : null;
    const ratio = other && other.clone.totalMs > 0 ? e.clone.totalMs / other.clone.totalMs : null;
    const slowAgainstOthers = ratio !== null && ratio >= SLOW_PROBE_FACTOR && e.clone.totalMs >= SLOW_PROBE_MIN_MS;
    if (!slowAgainstOthers && e.clone.totalMs < SLOW_PROBE_ALONE_MS) return [];
    const against = slowAgainstOthers && other ? ` — ${times(ratio!)}× ${other.label} (${formatDuration(other.clone.totalMs)})` : '';
    return [
      {
        rule: 'probe-slow-endpoint',
        impact: Math.min(70, 45 + Math.round((ratio ?? SLOW_PROBE_FACTOR) * 2)),
        severity: 'warning' as const,
        text: `The last probe of ${e.label} (${formatSpan(input.now - r.finishedAt)} ago) took ${cloneTimeWords(e.clone)}${against}.`,
        link: probeLink(r),
      },
    ];
  });
};

export const logSlowNodeRule: Rule = ({ logs }) => {
  if (!logs) return [];
  return slowCloneNodes(logs.clonesByNode).map((n) => ({
    rule: 'log-slow-node',
    impact: Math.min(72, 50 + Math.round(n.ratio)),
    severity: 'warning' as const,
    text: `Node ${n.node} served clones of ${logs.repository} slowest: p95 ${times(n.ratio)}× its other nodes' (${formatDuration(n.p95Ms)} against ${formatDuration(n.othersP95Ms)}, access logs ${logSpanWords(logs.seen)}): its clones that land there wait.`,
    link: viewRoute('logs'),
  }));
};

export const logCacheMissRule: Rule = ({ logs }) => {
  if (!logs) return [];
  const cached = logs.cache.hit + logs.cache.miss;
  if (cached < MIN_CACHED_CLONES) return [];
  const share = logs.cache.miss / cached;
  if (share < HIGH_MISS_SHARE) return [];
  return [
    {
      rule: 'log-cache-miss',
      impact: 30 + Math.round(40 * share),
      severity: share >= 0.5 ? 'warning' : 'info',
      text: `${Math.round(share * 100)} % of clones of ${logs.repository} missed the cache in the logs (${logs.cache.miss.toLocaleString('en-US')} of ${cached.toLocaleString('en-US')}, ${logSpanWords(logs.seen)}): each miss builds the pack with git on the primary.`,
      link: viewRoute('logs'),
    },
  ];
};

export const CLONE_EVIDENCE_RULES: readonly Rule[] = [probeFailedRule, probeStaleRefsRule, probeSlowEndpointRule, logSlowNodeRule, logCacheMissRule];
