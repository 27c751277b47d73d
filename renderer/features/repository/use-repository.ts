import { useEffect, useState } from 'react';
import { FleetApiError } from '../../../shared/contract';
import type { RepositoryDetail } from '../../../shared/model';
import { useBridge } from '../../bridge/bridge-context';
import { useFleetStore } from '../../state/fleet.store';

export type RepositoryRead = { detail: RepositoryDetail | null; loading: boolean; error: string | null; stale: boolean };

/**
 * One repository joined across the fleet, read again after every poll of its primary or its farms
 * (the caches are read from Bitbucket then). The last answer stays while a new one loads, marked stale.
 */
export function useRepository(projectKey: string, repoSlug: string, primaryId: string | undefined): RepositoryRead {
  const bridge = useBridge();
  const pollKey = useFleetStore(
    (s) =>
      `${s.snapshot?.primaries.map((p) => p.lastPollAt ?? 0).join(',') ?? ''}|${s.snapshot?.mirrorFarms.map((f) => f.lastPollAt ?? 0).join(',') ?? ''}`,
  );
  const [state, setState] = useState<{ key: string; detail: RepositoryDetail | null; error: string | null; loadingKey: string | null }>({
    key: '',
    detail: null,
    error: null,
    loadingKey: null,
  });
  const key = `${primaryId ?? ''}/${projectKey}/${repoSlug}`;
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loadingKey: key, ...(s.key === key ? {} : { detail: null, error: null }) }));
    bridge.getRepository({ projectKey, repoSlug, ...(primaryId ? { primaryId } : {}) }).then(
      (detail) => live && setState({ key, detail, error: null, loadingKey: null }),
      (err: unknown) =>
        live &&
        setState((s) => ({
          ...s,
          key,
          loadingKey: null,
          error: err instanceof FleetApiError ? err.message : `Could not read ${projectKey}/${repoSlug}: ${String(err)}`,
        })),
    );
    return () => {
      live = false;
    };
  }, [bridge, key, projectKey, repoSlug, primaryId, pollKey]);
  const current = state.key === key;
  return {
    detail: current ? state.detail : null,
    loading: state.loadingKey === key && !(current && state.detail),
    error: current ? state.error : null,
    stale: current && state.error !== null && state.detail !== null,
  };
}
