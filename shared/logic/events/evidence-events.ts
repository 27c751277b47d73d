import type { AccessLogReport, NewFleetEvent, ProbeReport } from '../../model';
import { logSpanWords, slowCloneNodes } from '../slow-clone-evidence';
import { formatDuration } from '../units';

/** Access-log analyses are about the logs, not one target of the fleet: the Timeline files them here. */
export const LOG_EVENT_TARGET = 'access-logs';

/**
 * A finished clone probe on the fleet's timeline: one event per endpoint with its verdict, a
 * warning when the endpoint failed or its refs differ from the primary's. Cancelled endpoints say nothing.
 */
export function probeEvents(report: ProbeReport): NewFleetEvent[] {
  const repo = `${report.projectKey}/${report.repoSlug}`;
  return report.endpoints
    .filter((e) => e.clone?.outcome !== 'cancelled')
    .map((e) => {
      const failed = e.error !== null || (e.clone !== null && (e.clone.outcome === 'failed' || e.clone.outcome === 'timeout'));
      return {
        at: report.finishedAt,
        kind: 'probe' as const,
        severity: failed || e.refsMatchPrimary === false ? ('warning' as const) : ('info' as const),
        targetId: report.primaryId,
        subject: repo,
        text: `Probe of ${repo} — ${e.verdict}`,
        demo: false,
      };
    });
}

/** Repositories with a slow node named in the event; the rest are counted. */
const NAMED_SLOW_REPOSITORIES = 2;

/**
 * A finished access-log analysis on the timeline: what was read and what it found, a warning when
 * a node's clones are far slower than the others' (over all repositories, or for one repository), time was spent above the hosting limit, or
 * most clones missed the cache. Stamped when it finished: the log's own clock has no time zone.
 */
export function logAnalysisEvent(report: AccessLogReport, analysedAt: number): NewFleetEvent {
  const names = report.sources.map((s) => s.name);
  const read = names.length <= 2 ? names.join(', ') : `${names[0]} and ${names.length - 1} more`;
  const clone = mergeCache(report.cache.byKind.clone, report.cache.byKind.shallow);
  const cached = clone.hit + clone.miss;
  const missShare = cached > 0 ? clone.miss / cached : 0;
  const slow = slowCloneNodes(report.durations.clonesByNode);
  const ops = report.operations.total;
  const parts = [`${ops.toLocaleString('en-US')} git operation${ops === 1 ? '' : 's'}, ${logSpanWords(report.seen)}`];
  if (cached > 0) parts.push(`${Math.round((1 - missShare) * 100)} % of cached clones hit`);
  const p95 = report.durations.byKind.clone.p95Ms;
  if (p95 !== null) parts.push(`clone p95 ${formatDuration(p95)}`);
  for (const n of slow) parts.push(`node ${n.node}'s clone p95 is ${n.ratio.toFixed(1)}× the other nodes'`);
  const slowRepos = report.durations.slowNodesByRepository;
  for (const r of slowRepos.slice(0, NAMED_SLOW_REPOSITORIES))
    parts.push(`${r.repository} clones p95 ${r.ratio.toFixed(1)}× slower on node ${r.node} than on its other nodes`);
  if (slowRepos.length > NAMED_SLOW_REPOSITORIES)
    parts.push(`and ${slowRepos.length - NAMED_SLOW_REPOSITORIES} more repositories with a slow node (Logs view)`);
  if (report.concurrency.secondsOverLimit > 0) parts.push(`${report.concurrency.secondsOverLimit.toLocaleString('en-US')} s above the hosting limit`);
  const warn = slow.length > 0 || slowRepos.length > 0 || report.concurrency.secondsOverLimit > 0 || (cached >= 5 && missShare >= 0.5);
  return {
    at: analysedAt,
    kind: 'log-analysis',
    severity: warn ? 'warning' : 'info',
    targetId: LOG_EVENT_TARGET,
    subject: null,
    text: `Access logs read (${read}): ${parts.join('; ')}`,
    demo: false,
  };
}

const mergeCache = (a: { hit: number; miss: number }, b: { hit: number; miss: number }) => ({ hit: a.hit + b.hit, miss: a.miss + b.miss });
