import { parseArgs } from 'node:util';
import { GIT_OP_KINDS, GIT_OP_LABELS, type AccessLogReport, type DurationStats } from '../../shared/model/access-log';
import { formatCount, formatOptionalDuration, formatRatio, formatTimestamp } from '../../shared/logic/units';
import { ConfigError } from '../engine/config/load-config';
import { analyseAccessLogs } from '../engine/access-log/analyse';
import { parseLogTime } from '../engine/access-log/log-time';
import { LOGS_USAGE } from './usage';

/** `fleetscope logs`: the access-log figures as text or JSON, for scripts. */
export async function logsCommand(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      interval: { type: 'string' },
      'hosting-limit': { type: 'string' },
      threads: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (positionals.length === 0) throw new ConfigError(`logs needs at least one file, folder or support zip.\nUsage:\n${LOGS_USAGE}`);
  const from = values.from === undefined ? null : parseLogTime(values.from, '--from');
  const to = values.to === undefined ? null : parseLogTime(values.to, '--to');
  const interval = values.interval === undefined ? null : Number(values.interval);
  if (interval !== null && !(Number.isInteger(interval) && interval >= 5 && interval % 5 === 0))
    throw new ConfigError('--interval is in minutes: a multiple of 5 (5, 15, 60, 1440…).');
  const limit = values['hosting-limit'] === undefined ? null : Number(values['hosting-limit']);
  if (limit !== null && !(Number.isInteger(limit) && limit > 0))
    throw new ConfigError('--hosting-limit must be a whole number above 0 (the SCM hosting ticket limit).');
  const threads = values.threads === undefined ? null : Number(values.threads);
  if (threads !== null && !(Number.isInteger(threads) && threads > 0))
    throw new ConfigError('--threads must be a whole number above 0 (threads reading one log at once).');
  // Chosen threads apply to a log of any size; by default only large plain logs are read in ranges.
  const parallel = threads === null ? {} : { threads, parallelMinBytes: 0 };
  let report: AccessLogReport;
  try {
    report = await analyseAccessLogs(positionals, { from, to, intervalMs: interval === null ? null : interval * 60_000, hostingLimit: limit, ...parallel });
  } catch (e) {
    err(`Could not read the logs: ${(e as Error).message}\n`);
    return 1;
  }
  out(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatLogReport(report));
  return 0;
}

const time = (at: number | null): string => formatTimestamp(at, 'UTC');
const dur = (d: DurationStats | null): string =>
  d ? `${formatOptionalDuration(d.p50Ms)} / ${formatOptionalDuration(d.p95Ms)} / ${formatOptionalDuration(d.maxMs)}` : '—';

/** The report as the terminal reads it: `|`-separated tables, one header each. */
export function formatLogReport(r: AccessLogReport): string {
  const lines: string[] = [];
  const l = r.lines;
  lines.push(
    `${r.sources.length} log(s), ${formatCount(l.total)} lines: ${formatCount(l.git)} git, ${formatCount(l.other)} other, ${formatCount(l.unparsable)} unparsable, ${formatCount(l.outOfRange)} out of range`,
  );
  lines.push(`operations ${time(r.seen.first)} to ${time(r.seen.last)} (log clock): ${formatCount(r.operations.total)}`);
  lines.push('', `# interval start | ${GIT_OP_KINDS.map((k) => GIT_OP_LABELS[k]).join(' | ')}`);
  for (const row of r.perInterval) lines.push(`${time(row.start)} | ${row.byKind.join(' | ')}`);
  lines.push('', '# kind | operations | cache hit | cache miss | not cached | hit ratio | p50 / p95 / max');
  for (const k of GIT_OP_KINDS) {
    const c = r.cache.byKind[k];
    lines.push(
      `${GIT_OP_LABELS[k]} | ${r.operations.byKind[k]} | ${c.hit} | ${c.miss} | ${c.none} | ${formatRatio(c.hit + c.miss ? c.hit / (c.hit + c.miss) : null)} | ${dur(r.durations.byKind[k])}`,
    );
  }
  lines.push('', '# protocol | git protocol | cache hit | cache miss | not cached | hit ratio');
  for (const p of r.cache.byProtocol)
    lines.push(
      `${p.protocol} | v${p.gitProtocol} | ${p.counts.hit} | ${p.counts.miss} | ${p.counts.none} | ${formatRatio(p.counts.hit + p.counts.miss ? p.counts.hit / (p.counts.hit + p.counts.miss) : null)}`,
    );
  lines.push('', '# node | operations | p50 / p95 / max');
  for (const n of r.durations.byNode) lines.push(`${n.node} | ${n.durations.count} | ${dur(n.durations)}`);
  const c = r.concurrency;
  lines.push(
    '',
    `concurrent git operations: peak ${c.peak}${c.limit === null ? '' : `, hosting limit ${c.limit}, ${formatCount(c.secondsOverLimit)} s above it`}${c.truncated ? ' (some hours not tracked: narrow --from/--to)' : ''}`,
  );
  for (const [name, list] of [
    ['repository', r.top.repositories],
    ['user', r.top.users],
    ['client IP', r.top.clientIps],
  ] as const) {
    lines.push('', `# top ${name} | operations | total time | p50 / p95 / max`);
    for (const e of list.slice(0, 10))
      lines.push(`${e.key} | ${e.operations}${e.error ? ` (±${e.error})` : ''} | ${formatOptionalDuration(e.totalMs)} | ${dur(e.durations)}`);
  }
  lines.push('', '# slowest: start | duration | kind | repository | user | client IP | node | protocol | cache');
  for (const s of r.slowest)
    lines.push(
      `${time(s.at)} | ${formatOptionalDuration(s.durationMs)} | ${GIT_OP_LABELS[s.kind]} | ${s.repository} | ${s.user} | ${s.clientIp} | ${s.node} | ${s.protocol} v${s.gitProtocol} | ${s.cache}`,
    );
  if (r.unparsable.count > 0) {
    lines.push('', `# unparsable lines: ${r.unparsable.count} (first ${r.unparsable.examples.length})`);
    for (const e of r.unparsable.examples) lines.push(`${e.source}:${e.line}: ${e.reason}: ${e.text}`);
  }
  return `${lines.join('\n')}\n`;
}
