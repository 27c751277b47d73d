import { useEffect, useRef, useState } from 'react';
import { FleetApiError } from '../../../shared/contract';
import type { RepositoryDetail } from '../../../shared/model';
import { useBridge } from '../../bridge/bridge-context';
import { useFleetStore } from '../../state/fleet.store';

export type RepositoryRead = { detail: RepositoryDetail | null; loading: boolean; error: string | null; stale: boolean };

/** Changes after every poll of a primary or a farm: the page then reads again. */
const selectPollKey = (s: {
  snapshot: { primaries: Array<{ lastPollAt: number | null }>; mirrorFarms: Array<{ lastPollAt: number | null }> } | null;
}): string => `${s.snapshot?.primaries.map((p) => p.lastPollAt ?? 0).join(',') ?? ''}|${s.snapshot?.mirrorFarms.map((f) => f.lastPollAt ?? 0).join(',') ?? ''}`;

/**
 * One repository joined across the fleet, read again after polls of its primary or its farms (the
 * caches are read from Bitbucket then). A read in flight is never abandoned for a newer poll — a
 * slow primary would otherwise never answer in time — the next read starts when it ends. The last
 * answer stays while a new one loads, and stays, marked stale, when a read fails.
 */
export function useRepository(projectKey: string, repoSlug: string, primaryId: string | undefined): RepositoryRead {
  const bridge = useBridge();
  const pollKey = useFleetStore(selectPollKey);
  const key = `${primaryId ?? ''}/${projectKey}/${repoSlug}`;
  const [state, setState] = useState<{ key: string; detail: RepositoryDetail | null; error: string | null }>({ key: '', detail: null, error: null });
  const [round, setRound] = useState(0);
  const inFlight = useRef(false);
  const dirty = useRef(false);

  useEffect(() => {
    if (inFlight.current) dirty.current = true;
    else setRound((r) => r + 1);
  }, [pollKey]);

  useEffect(() => {
    let live = true;
    inFlight.current = true;
    dirty.current = false;
    const done = (): void => {
      inFlight.current = false;
      if (live && dirty.current) setRound((r) => r + 1);
    };
    bridge.getRepository({ projectKey, repoSlug, ...(primaryId ? { primaryId } : {}) }).then(
      (detail) => {
        if (live) setState({ key, detail, error: null });
        done();
      },
      (err: unknown) => {
        const error = err instanceof FleetApiError ? err.message : `Could not read ${projectKey}/${repoSlug}: ${String(err)}`;
        if (live) setState((s) => ({ key, detail: s.key === key ? s.detail : null, error }));
        done();
      },
    );
    return () => {
      live = false;
      inFlight.current = false;
    };
  }, [bridge, key, projectKey, repoSlug, primaryId, round]);

  const current = state.key === key;
  return {
    detail: current ? state.detail : null,
    loading: !current || (state.detail === null && state.error === null),
    error: current ? state.error : null,
    stale: current && state.error !== null && state.detail !== null,
  };
}
