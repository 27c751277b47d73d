import { useEffect, useState } from 'react';
import { FleetApiError, type RequestResult } from '../../../shared/contract';
import type { RepoSyncState } from '../../../shared/model';
import { useBridge } from '../../bridge/bridge-context';

export type MirrorRepos = RequestResult<'getMirrorRepos'>;

/** Rows fetched around what is on screen: a 20,000-repository farm is never shipped whole. */
export const WINDOW = 400;

/**
 * One window of the per-repository table of a farm, filtered by the engine: read again when the
 * farm was polled (`polledAt`), the filter changed or the window moved. The last answer stays
 * while the next loads.
 */
export function useMirrorRepos(
  farmId: string,
  state: RepoSyncState | null,
  query: string,
  offset: number,
  polledAt: number | null,
): { data: MirrorRepos | null; error: string | null } {
  const bridge = useBridge();
  const [data, setData] = useState<MirrorRepos | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const q = query.trim();
    bridge.getMirrorRepos({ farmId, ...(state ? { state } : {}), ...(q ? { query: q } : {}), offset, limit: WINDOW }).then(
      (answer) => {
        if (!live) return;
        setData(answer);
        setError(null);
      },
      (err: unknown) => live && setError(err instanceof FleetApiError ? err.message : `Could not load the repositories: ${String(err)}`),
    );
    return () => {
      live = false;
    };
  }, [bridge, farmId, state, query, offset, polledAt]);
  return { data, error };
}
