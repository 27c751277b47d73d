import type { CacheHistory, CacheRepositoryColumns } from '../../../shared/model/cache';
import { useBridgeQuery, type BridgeQuery } from '../../bridge/use-bridge-query';
import type { HistoryWindow } from '../../components/use-paired-history';
import { readRepositoryPages } from './read-repository-pages';

/**
 * The per-repository table of one primary, fetched again whenever the snapshot says the figures
 * changed (`updatedAt`), so the table costs one request per poll whatever its size. Rows of the
 * previous primary never show under another one's name: the primary is the key. The answer stays
 * in columns, read in pages (read-repository-pages.ts): the table builds its rows from them in
 * slices (use-ordered-rows.ts).
 */
export function useCacheRepositories(primaryId: string, updatedAt: number | null): BridgeQuery<CacheRepositoryColumns> {
  return useBridgeQuery({
    key: ['getCacheRepositories', primaryId],
    refreshOn: [updatedAt],
    what: 'the repository caches',
    read: (bridge) => readRepositoryPages(bridge.getCacheRepositories, primaryId),
  });
}

/**
 * The hit-rate series over a window (the shared time range), fetched again after every cache
 * poll and whenever the plot's width changes; a live window keeps its key as it moves.
 */
export function useCacheHistory(
  primaryId: string,
  window: HistoryWindow,
  maxPoints: number,
  polledAt: number | null,
  enabled = true,
): BridgeQuery<CacheHistory> {
  // The cache history goes back at most 30 days (what the request accepts).
  const rangeSeconds = Math.min(window.rangeSeconds, 30 * 86_400);
  return useBridgeQuery({
    key: ['getCacheHistory', primaryId, rangeSeconds, window.to ?? 'live'],
    refreshOn: [polledAt, maxPoints],
    keepPrevious: true,
    enabled,
    what: 'the hit ratio history',
    read: (bridge) => bridge.getCacheHistory({ primaryId, ...window, rangeSeconds, maxPoints }),
  });
}
