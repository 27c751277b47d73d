import { BYTE_UNITS_NOTE, formatBytes, formatCount, formatRatio, formatSeconds } from '../../../shared/logic/units';
import type { CacheCounters, Primary, PrimaryCache } from '../../../shared/model';
import { RelativeTime } from '../../components/relative-time';
import { StatusBadge } from '../../components/status';
import { RECENT_RATIO_LABEL, recentRatioText, SINCE_RESET_RATIO_LABEL } from './hit-ratio-figures';

const count = (n: number | null): string => (n === null ? '—' : formatCount(n));

/** Caching switched itself off: what happened, the figures behind it, and what to do. */
export const DiskGuardBanner = ({ cache }: { cache: PrimaryCache }) => {
  if (!cache.diskGuardTripped) return null;
  const { freeBytes, minimumFreeBytes } = cache.disk;
  return (
    <div className="banner banner--critical" role="alert" data-testid="disk-guard-banner">
      <strong>Caching is off: the disk guard tripped.</strong>{' '}
      {freeBytes !== null && minimumFreeBytes !== null
        ? `Only ${formatBytes(freeBytes)} is free under the cache directory, below the minimum of ${formatBytes(minimumFreeBytes)}. `
        : 'Free disk space under the cache directory is below the plugin\u2019s minimum. '}
      Every clone is served by git until space is freed: clean up or grow the volume under <code>&lt;home&gt;/caches</code>, or lower{' '}
      <code>plugin.bitbucket-scm-cache.minimum.free.space</code>. Caching resumes by itself once there is room.
    </div>
  );
};

/** The cache's status, with the last successful read when the current one failed. */
export const CacheStatusLine = ({ cache }: { cache: PrimaryCache }) => (
  <div className="cache-status" data-testid="cache-status" data-status={cache.status}>
    <StatusBadge status={cache.status} testId="cache-status-badge" />
    {cache.statusMessage && <span className="cache-status__message">{cache.statusMessage}</span>}
    <span className="muted small">
      polled <RelativeTime at={cache.polledAt} /> · last good read <RelativeTime at={cache.lastSuccessAt} />
    </span>
    <StatisticsLine cache={cache} />
  </div>
);

/**
 * When the statistics (totals, hit rates, disk, repositories) were read: they list every
 * repository, so at scale they come less often than the settings (issue 13).
 */
const StatisticsLine = ({ cache }: { cache: PrimaryCache }) => {
  const s = cache.statistics;
  if (!s) return null;
  const period = s.intervalSeconds === 0 ? 'every poll' : `every ${formatSeconds(s.intervalSeconds)}`;
  // The budget stretches the period after a large body: the gap the user actually gets.
  const gap = s.readAt !== null && s.nextAt !== null ? Math.round((s.nextAt - s.readAt) / 1000) : null;
  return (
    <span className="muted small" data-testid="cache-statistics-read">
      statistics read <RelativeTime at={s.readAt} never="not yet" />
      {s.bytes !== null && ` (${formatBytes(s.bytes)})`} · read {period} within {formatCount(s.budgetKBps)} KB/s
      {gap !== null && gap > 0 && `, next in ≥ ${formatSeconds(gap)} after a read`}
    </span>
  );
};

const Figure = ({ label, value, testId, raw }: { label: string; value: string; testId: string; raw: number | null }) => (
  <div>
    <dt>{label}</dt>
    <dd className="num" data-testid={testId} data-value={raw ?? ''}>
      {value}
    </dd>
  </div>
);

const KindLine = ({ label, c }: { label: string; c: CacheCounters | null }) =>
  c && (
    <li>
      {label}: {formatBytes(c.size)}, {count(c.hits)} hits, {count(c.misses)} misses, {SINCE_RESET_RATIO_LABEL.toLowerCase()} {formatRatio(c.hitRatio)}
    </li>
  );

/** Totals since the counters last started, the last interval, and the disk. */
export const CacheTotals = ({ primary, cache }: { primary: Primary; cache: PrimaryCache }) => {
  const { totals, recent } = cache;
  return (
    <section className="panel cache-totals" data-testid="cache-totals" aria-label={`SCM cache totals of ${primary.name}`}>
      <dl className="facts">
        <Figure label="Cached" value={formatBytes(totals.size)} testId="cache-total-size" raw={totals.size} />
        <Figure label="Hits" value={count(totals.hits)} testId="cache-total-hits" raw={totals.hits} />
        <Figure label="Misses" value={count(totals.misses)} testId="cache-total-misses" raw={totals.misses} />
        <Figure label={SINCE_RESET_RATIO_LABEL} value={formatRatio(totals.hitRatio)} testId="cache-total-ratio" raw={totals.hitRatio} />
        <Figure label={RECENT_RATIO_LABEL} value={recentRatioText(recent)} testId="cache-recent-ratio" raw={recent?.hitRatio ?? null} />
        <Figure label="Free disk" value={formatBytes(cache.disk.freeBytes)} testId="cache-free" raw={cache.disk.freeBytes} />
        <Figure label="Minimum free" value={formatBytes(cache.disk.minimumFreeBytes)} testId="cache-minimum-free" raw={cache.disk.minimumFreeBytes} />
      </dl>
      {(cache.byKind.refs || cache.byKind.uploadPack) && (
        <ul className="cache-kinds muted small">
          <KindLine label="Clone" c={cache.byKind.uploadPack} />
          <KindLine label="Ref advertisement" c={cache.byKind.refs} />
        </ul>
      )}
      <p className="muted small units-note">{BYTE_UNITS_NOTE}</p>
    </section>
  );
};

/** Reads that answered something unusable (shown with the raw body) and fields nobody documented. */
export const CacheOddities = ({ cache }: { cache: PrimaryCache }) => {
  if (cache.problems.length === 0 && cache.raw.length === 0) return null;
  return (
    <section
      className="panel cache-oddities"
      data-testid="cache-oddities"
      aria-label={cache.problems.length > 0 ? 'Unexpected answers' : 'Other fields in Bitbucket’s answer'}
    >
      {cache.problems.map((p) => (
        <div key={p.endpoint} className="cache-problem" data-testid="cache-problem" data-endpoint={p.endpoint} data-code={p.code}>
          <p>
            <span className="error-code">{p.code}</span> <code>{p.endpoint}</code>: {p.message}
            {p.httpStatus !== null && ` (HTTP ${p.httpStatus})`}
          </p>
          {p.body !== null && (
            <pre className="cache-raw-body" data-testid="cache-problem-body">
              {p.body}
            </pre>
          )}
        </div>
      ))}
      {cache.raw.length > 0 && (
        <details data-testid="cache-raw">
          <summary>
            {cache.raw.length} more field{cache.raw.length === 1 ? '' : 's'} in Bitbucket&apos;s answer, shown as sent (Fleetscope does not use{' '}
            {cache.raw.length === 1 ? 'it' : 'them'})
          </summary>
          <dl className="cache-raw-fields">
            {cache.raw.map((r) => (
              <div key={r.key}>
                <dt className="mono">{r.key}</dt>
                <dd className="mono">{r.value}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
    </section>
  );
};
