import type { DetailSweep, InitialSync, MirrorNode, MirrorRepoCounts, RepoSyncState } from '../../../shared/model';
import { formatCount, formatOptionalDuration, formatSeconds } from '../../../shared/logic/units';
import { RelativeTime } from '../../components/relative-time';
import { StatusDot } from '../../components/status';
import { COUNT_OF, STATE_HELP, STATE_LABEL, STATE_ORDER } from './sync-states';

/** A lag in whole seconds: "none", "45 s", "12 min", "3 h 5 min"; an em dash when unknown. */
export const formatLag = (seconds: number | null): string => (seconds === null ? '—' : seconds <= 0 ? 'none' : formatSeconds(seconds));

/**
 * Repositories per state as one stacked bar and a legend; each legend entry opens the
 * repository table filtered to that state.
 */
export const SyncSummary = ({ counts, onPick }: { counts: MirrorRepoCounts; onPick(state: RepoSyncState): void }) => {
  const total = STATE_ORDER.reduce((n, s) => n + counts[COUNT_OF[s]], 0);
  return (
    <div className="sync-summary" data-testid="sync-summary">
      <div className="sync-summary__bar" role="img" aria-label={STATE_ORDER.map((s) => `${STATE_LABEL[s]} ${counts[COUNT_OF[s]]}`).join(', ')}>
        {total > 0 &&
          STATE_ORDER.filter((s) => counts[COUNT_OF[s]] > 0).map((s) => (
            <span key={s} className={`sync-summary__seg sync-fill--${s.toLowerCase()}`} style={{ flexGrow: counts[COUNT_OF[s]] }} />
          ))}
      </div>
      <ul className="sync-summary__legend">
        {STATE_ORDER.map((s) => (
          <li key={s}>
            <button
              type="button"
              className="sync-summary__item"
              title={STATE_HELP[s]}
              data-testid={`count-${COUNT_OF[s]}`}
              data-value={counts[COUNT_OF[s]]}
              onClick={() => onPick(s)}
            >
              <span className={`sync-summary__swatch sync-fill--${s.toLowerCase()}`} aria-hidden="true" />
              {STATE_LABEL[s]} <span className="num">{formatCount(counts[COUNT_OF[s]])}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
};

/** The initial synchronization while it runs: discovering, then repositories synced of total. */
export const InitialSyncProgress = ({ sync }: { sync: InitialSync | null }) => {
  if (sync === null || sync.complete) return null;
  const pct = sync.totalRepos > 0 ? Math.round((sync.syncedRepos / sync.totalRepos) * 100) : 0;
  return (
    <div className="initial-sync" data-testid="initial-sync" data-synced={sync.syncedRepos} data-total={sync.totalRepos}>
      <span className="muted small">
        {sync.discovering
          ? 'Initial synchronization: discovering repositories…'
          : `Initial synchronization: ${formatCount(sync.syncedRepos)} of ${formatCount(sync.totalRepos)} repositories (${pct} %)`}
      </span>
      <progress
        max={sync.discovering ? undefined : Math.max(1, sync.totalRepos)}
        value={sync.discovering ? undefined : sync.syncedRepos}
        aria-label="Initial synchronization"
      />
    </div>
  );
};

/** The nodes of a farm: status, version, address, last seen, and their repositories in sync. */
export const MirrorNodeTable = ({ nodes }: { nodes: readonly MirrorNode[] }) => {
  if (nodes.length === 0) return <p className="muted small">No nodes known yet.</p>;
  return (
    <table className="node-table mirror-nodes">
      <thead>
        <tr>
          <th scope="col">Node</th>
          <th scope="col">State</th>
          <th scope="col">Version</th>
          <th scope="col">Last seen</th>
          <th scope="col" className="num">
            In sync
          </th>
          <th scope="col" className="num">
            Response
          </th>
          <th scope="col">Message</th>
        </tr>
      </thead>
      <tbody>
        {nodes.map((n) => (
          <tr key={n.id ?? n.name} data-testid="mirror-node-row" data-node-name={n.name} data-status={n.status}>
            <td>
              <span className="node-table__name" title={[n.address, n.baseUrl].filter(Boolean).join(' · ') || undefined}>
                <StatusDot status={n.status} label={`Status: ${n.status}`} />
                {n.name}
              </span>
            </td>
            <td className="mono">{n.state ?? '—'}</td>
            <td className="mono">{n.version ?? '—'}</td>
            <td>
              <RelativeTime at={n.lastSeenAt} />
            </td>
            <td className="num" data-testid="node-in-sync">
              {n.repos === null ? '—' : `${formatCount(n.repos.inSync)}${n.repos.failing > 0 ? ` · ${formatCount(n.repos.failing)} failing` : ''}`}
            </td>
            <td className="num">{formatOptionalDuration(n.responseMs)}</td>
            <td className="node-table__message">{n.message ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};

/**
 * How fresh the per-repository states are: they come from a slower sweep of the hashes and each
 * node's repoSyncStatus, on its own period and bytes-per-second budget (issue #13).
 */
export const DetailSweepLine = ({ sweep }: { sweep: DetailSweep | undefined }) => {
  if (!sweep) return null;
  const every = sweep.intervalSeconds === 0 ? 'in every poll' : `every ${formatSeconds(sweep.intervalSeconds)}`;
  return (
    <p className="farm-card__sweep muted small" data-testid="farm-detail-sweep">
      Per-repository detail swept {every}, budget {formatCount(sweep.budgetKBps)} KB/s ·{' '}
      {sweep.running ? (
        'sweeping now'
      ) : (
        <>
          last sweep <RelativeTime at={sweep.sweptAt} never="not yet" />
          {sweep.durationMs !== null && ` (took ${formatOptionalDuration(sweep.durationMs)})`}
        </>
      )}
      {sweep.error !== null && <span className="farm-card__sweep-error"> · last sweep failed: {sweep.error}; it is retried at the next poll</span>}
    </p>
  );
};
