import { startTransition, useEffect, useMemo, useState } from 'react';
import type { CacheHistory } from '../../../shared/model/cache';
import { useBridge } from '../../bridge/bridge-context';
import { rowsFromColumns, type CacheRow } from './repo-rows';

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export interface RepositoriesState {
  rows: CacheRow[] | null;
  error: string | null;
}

/**
 * The per-repository table of one primary, fetched again whenever the snapshot says the figures
 * changed (`updatedAt`), so the table costs one request per poll whatever its size.
 */
export function useCacheRepositories(primaryId: string, updatedAt: number | null): RepositoriesState {
  const bridge = useBridge();
  const [state, setState] = useState<RepositoriesState & { for: string | null }>({ rows: null, error: null, for: null });
  useEffect(() => {
    let live = true;
    bridge.getCacheRepositories({ primaryId }).then(
      (r) => {
        if (!live) return;
        const rows = rowsFromColumns(r.rows);
        // A transition: re-sorting thousands of rows may wait for a scroll frame, never block one.
        startTransition(() => setState({ rows, error: null, for: primaryId }));
      },
      (err: unknown) => live && setState((s) => ({ ...s, error: `Could not read the repository caches: ${message(err)}`, for: primaryId })),
    );
    return () => {
      live = false;
    };
  }, [bridge, primaryId, updatedAt]);
  // Rows of the previous primary never show under another one's name.
  return state.for === primaryId ? state : { rows: null, error: null };
}

/** The hit-rate series, fetched again after every cache poll and whenever range or width change. */
export function useCacheHistory(
  primaryId: string,
  rangeSeconds: number,
  maxPoints: number,
  polledAt: number | null,
): { history: CacheHistory | null; error: string | null } {
  const bridge = useBridge();
  const [state, setState] = useState<{ history: CacheHistory | null; error: string | null; key: string }>({ history: null, error: null, key: '' });
  const key = `${primaryId} ${rangeSeconds}`;
  useEffect(() => {
    let live = true;
    bridge.getCacheHistory({ primaryId, rangeSeconds, maxPoints }).then(
      (history) => live && setState({ history, error: null, key }),
      (err: unknown) => live && setState((s) => ({ ...s, error: `Could not read the hit-rate history: ${message(err)}`, key })),
    );
    return () => {
      live = false;
    };
  }, [bridge, primaryId, rangeSeconds, maxPoints, polledAt, key]);
  return useMemo(() => (state.key === key ? state : { history: null, error: null }), [state, key]);
}
