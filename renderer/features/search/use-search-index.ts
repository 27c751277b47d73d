import { useMemo } from 'react';
import { useBridgeQuery } from '../../bridge/use-bridge-query';
import { useFleetStore } from '../../state/fleet.store';
import { buildIndex, targetEntries, withOthers, type SearchIndex } from './search-index';

const EMPTY_INDEX = buildIndex({ primaryId: [], projectKey: [], projectName: [], slug: [], name: [] }, []);

/** Changes whenever any primary's inventory was read again: the index is then fetched again. */
const selectInventoryVersion = (s: { snapshot: { primaries: Array<{ id: string; inventoryAt: number | null }> } | null }): string =>
  s.snapshot?.primaries.map((p) => `${p.id}@${p.inventoryAt ?? '-'}`).join(',') ?? '';

/**
 * An index answer is kept this long after the palette closed: opening it again within an
 * inventory sweep costs nothing (20,000 rows cost a long task to validate and index).
 */
const KEEP_INDEX_MS = 5 * 60_000;

/**
 * The search index: every repository (fetched and built once per inventory sweep) and the
 * snapshot's targets, views and actions. Loading and failure are part of the answer; while a
 * new sweep's index loads, the last one is searched.
 */
export function useSearchIndex(): { index: SearchIndex; loading: boolean; error: string | null } {
  const version = useFleetStore(selectInventoryVersion);
  const snapshot = useFleetStore((s) => s.snapshot);
  const repositories = useBridgeQuery({
    key: ['getRepositoryIndex', version],
    what: 'the repository index',
    read: (bridge) => bridge.getRepositoryIndex({}).then((r) => buildIndex(r.repositories, [])),
    keepPrevious: true,
    freshForMs: KEEP_INDEX_MS,
  });
  const base = repositories.data ?? EMPTY_INDEX;
  const index = useMemo(() => (snapshot ? withOthers(base, targetEntries(snapshot)) : base), [base, snapshot]);
  const error = repositories.error === null ? null : `Repositories cannot be searched. ${repositories.error}`;
  return { index, loading: repositories.loading, error };
}
