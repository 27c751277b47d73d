import { REPO_SYNC_STATES, type MirrorRepoCounts, type RepoSyncState } from '../../../shared/model';

export const STATE_LABEL: Record<RepoSyncState, string> = {
  IN_SYNC: 'In sync',
  SYNCING: 'Syncing',
  LAGGING: 'Lagging',
  FAILING: 'Failing',
  NOT_MIRRORED: 'Not mirrored',
  UNKNOWN: 'Unknown',
};

export const STATE_HELP: Record<RepoSyncState, string> = {
  IN_SYNC: 'Content and metadata hashes match the primary',
  SYNCING: 'A change is on its way (queued, just pushed, or the initial synchronization)',
  LAGGING: 'On the farm’s delayed-sync list, or still different from the primary after the tolerance',
  FAILING: 'Differs from the primary and the node counts failed synchronizations',
  NOT_MIRRORED: 'Its project is not selected for this mirror',
  UNKNOWN: 'No data to judge by: node unreachable, or the primary’s hashes unavailable',
};

/** Worst first, the order the summary and the filter show them in. */
export const STATE_ORDER: readonly RepoSyncState[] = ['FAILING', 'LAGGING', 'UNKNOWN', 'SYNCING', 'IN_SYNC', 'NOT_MIRRORED'];

export const COUNT_OF: Record<RepoSyncState, keyof MirrorRepoCounts> = {
  IN_SYNC: 'inSync',
  SYNCING: 'syncing',
  LAGGING: 'lagging',
  FAILING: 'failing',
  NOT_MIRRORED: 'notMirrored',
  UNKNOWN: 'unknown',
};

export const isSyncState = (v: string): v is RepoSyncState => (REPO_SYNC_STATES as readonly string[]).includes(v);

/** A repository state as a small tag whose class carries its tone. */
export const StateTag = ({ state, title }: { state: RepoSyncState; title?: string }) => (
  <span className={`sync-tag sync-tag--${state.toLowerCase()}`} data-state={state} title={title ?? STATE_HELP[state]}>
    {STATE_LABEL[state]}
  </span>
);
