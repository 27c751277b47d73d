import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { FleetApiError } from '../../../shared/contract';
import type { RepositoryIndex } from '../../../shared/model';
import type { Bridge } from '../../bridge/api';
import { useBridge } from '../../bridge/bridge-context';
import { useFleetStore } from '../../state/fleet.store';
import { buildIndex, targetEntries, withOthers, type SearchIndex } from './search-index';

const EMPTY: RepositoryIndex = { primaryId: [], projectKey: [], projectName: [], slug: [], name: [] };

/** Changes whenever any primary's inventory was read again: the index is then fetched again. */
const selectInventoryVersion = (s: { snapshot: { primaries: Array<{ id: string; inventoryAt: number | null }> } | null }): string =>
  s.snapshot?.primaries.map((p) => `${p.id}@${p.inventoryAt ?? '-'}`).join(',') ?? '';

/**
 * The repository part of the index, kept outside React: fetched and built once per inventory
 * sweep, not each time the palette opens (20,000 rows cost a long task to validate and index).
 */
type Cached = { version: string | null; loading: string | null; index: SearchIndex; error: string | null };
let cached: Cached = { version: null, loading: null, index: buildIndex(EMPTY, []), error: null };
const listeners = new Set<() => void>();
const set = (next: Partial<Cached>): void => {
  cached = { ...cached, ...next };
  listeners.forEach((l) => l());
};
const subscribe = (l: () => void): (() => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

const load = (bridge: Bridge, version: string): void => {
  if (cached.version === version || cached.loading === version) return;
  set({ loading: version });
  bridge.getRepositoryIndex({}).then(
    (r) => {
      if (cached.loading !== version) return;
      set({ version, loading: null, index: buildIndex(r.repositories, []), error: null });
    },
    (err: unknown) => {
      if (cached.loading !== version) return;
      set({ loading: null, error: `Repositories cannot be searched: ${err instanceof FleetApiError ? err.message : String(err)}` });
    },
  );
};

/**
 * The search index: every repository (fetched once per inventory sweep) and the snapshot's
 * targets, views and actions. Loading and failure are part of the answer.
 */
export function useSearchIndex(): { index: SearchIndex; loading: boolean; error: string | null } {
  const bridge = useBridge();
  const version = useFleetStore(selectInventoryVersion);
  const snapshot = useFleetStore((s) => s.snapshot);
  const state = useSyncExternalStore(subscribe, () => cached);
  useEffect(() => load(bridge, version), [bridge, version]);
  const index = useMemo(() => (snapshot ? withOthers(state.index, targetEntries(snapshot)) : state.index), [state.index, snapshot]);
  return { index, loading: state.version === null && state.error === null, error: state.error };
}
