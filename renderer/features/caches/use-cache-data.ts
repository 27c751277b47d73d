import type { CacheHistory } from '../../../shared/model/cache';
import { useBridgeQuery, type BridgeQuery } from '../../bridge/use-bridge-query';
import { rowsFromColumns, type CacheRow } from './repo-rows';

/**
 * The per-repository table of one primary, fetched again whenever the snapshot says the figures
 * changed (`updatedAt`), so the table costs one request per poll whatever its size. Rows of the
 * previous primary never show under another one's name: the primary is the key.
 */
export function useCacheRepositories(primaryId: string, updatedAt: number | null): BridgeQuery<CacheRow[]> {
  return useBridgeQuery({
    key: ['getCacheRepositories', primaryId],
    refreshOn: [updatedAt],
    what: 'the repository caches',
    read: (bridge) => bridge.getCacheRepositories({ primaryId }).then((r) => rowsFromColumns(r.rows)),
  });
}

/** The hit-rate series, fetched again after every cache poll and whenever the plot's width changes; a new range starts empty. */
export function useCacheHistory(primaryId: string, rangeSeconds: number, maxPoints: number, polledAt: number | null): BridgeQuery<CacheHistory> {
  return useBridgeQuery({
    key: ['getCacheHistory', primaryId, rangeSeconds],
    refreshOn: [polledAt, maxPoints],
    what: 'the hit ratio history',
    read: (bridge) => bridge.getCacheHistory({ primaryId, rangeSeconds, maxPoints }),
  });
}
