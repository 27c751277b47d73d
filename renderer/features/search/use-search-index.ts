import { useEffect, useMemo, useState } from 'react';
import { FleetApiError } from '../../../shared/contract';
import type { RepositoryIndex } from '../../../shared/model';
import { useBridge } from '../../bridge/bridge-context';
import { useFleetStore } from '../../state/fleet.store';
import { buildIndex, targetEntries, withOthers, type SearchIndex } from './search-index';

const EMPTY: RepositoryIndex = { primaryId: [], projectKey: [], projectName: [], slug: [], name: [] };

/** Changes whenever any primary's inventory was read again: the index is then fetched again. */
const selectInventoryVersion = (s: { snapshot: { primaries: Array<{ id: string; inventoryAt: number | null }> } | null }): string =>
  s.snapshot?.primaries.map((p) => `${p.id}@${p.inventoryAt ?? '-'}`).join(',') ?? '';

/**
 * The search index: every repository (fetched once per inventory sweep, not per snapshot) and the
 * snapshot's targets, views and actions. Loading and failure are part of the answer.
 */
export function useSearchIndex(): { index: SearchIndex; loading: boolean; error: string | null } {
  const bridge = useBridge();
  const version = useFleetStore(selectInventoryVersion);
  const snapshot = useFleetStore((s) => s.snapshot);
  const [repos, setRepos] = useState<{ version: string; index: RepositoryIndex } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    bridge
      .getRepositoryIndex({})
      .then((r) => {
        if (!live) return;
        setRepos({ version, index: r.repositories });
        setError(null);
      })
      .catch((err: unknown) => {
        if (live) setError(err instanceof FleetApiError ? `Repositories cannot be searched: ${err.message}` : `Repositories cannot be searched: ${String(err)}`);
      });
    return () => {
      live = false;
    };
  }, [bridge, version]);
  const base = useMemo(() => buildIndex(repos?.index ?? EMPTY, []), [repos]);
  const index = useMemo(() => (snapshot ? withOthers(base, targetEntries(snapshot)) : base), [base, snapshot]);
  return { index, loading: repos === null && error === null, error };
}
