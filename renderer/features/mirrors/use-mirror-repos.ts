import type { RequestResult } from '../../../shared/contract';
import type { RepoSyncState } from '../../../shared/model';
import { useBridgeQuery, type BridgeQuery } from '../../bridge/use-bridge-query';

export type MirrorRepos = RequestResult<'getMirrorRepos'>;

/** Rows fetched around what is on screen: a 20,000-repository farm is never shipped whole. */
export const WINDOW = 400;

/**
 * One window of the per-repository table of a farm, filtered by the engine: read again when the
 * farm was polled (`polledAt`), the filter changed or the window moved. The last answer stays
 * (marked stale) while the next loads.
 */
export function useMirrorRepos(farmId: string, state: RepoSyncState | null, query: string, offset: number, polledAt: number | null): BridgeQuery<MirrorRepos> {
  const q = query.trim();
  return useBridgeQuery({
    key: ['getMirrorRepos', farmId, state, q, offset],
    refreshOn: [polledAt],
    keepPrevious: true,
    what: 'the repositories',
    read: (bridge) => bridge.getMirrorRepos({ farmId, ...(state ? { state } : {}), ...(q ? { query: q } : {}), offset, limit: WINDOW }),
  });
}
