import type { RepositoryDetail } from '../../../shared/model';
import { useBridgeQuery, type BridgeQuery } from '../../bridge/use-bridge-query';
import { useFleetStore } from '../../state/fleet.store';

/** Changes after every poll of a primary or a farm: the page then reads again. */
const selectPollKey = (s: {
  snapshot: { primaries: Array<{ lastPollAt: number | null }>; mirrorFarms: Array<{ lastPollAt: number | null }> } | null;
}): string => `${s.snapshot?.primaries.map((p) => p.lastPollAt ?? 0).join(',') ?? ''}|${s.snapshot?.mirrorFarms.map((f) => f.lastPollAt ?? 0).join(',') ?? ''}`;

/**
 * One repository joined across the fleet, read again after polls of its primary or its farms (the
 * caches are read from Bitbucket then). A read in flight is never dropped for a newer poll — a
 * slow primary would otherwise never answer in time — the next read starts when it ends. The last
 * answer stays while a new one loads, and stays, marked stale, when a read fails.
 */
export function useRepository(projectKey: string, repoSlug: string, primaryId: string | undefined): BridgeQuery<RepositoryDetail> {
  const pollKey = useFleetStore(selectPollKey);
  return useBridgeQuery({
    key: ['getRepository', primaryId ?? '', projectKey, repoSlug],
    refreshOn: [pollKey],
    what: `${projectKey}/${repoSlug}`,
    read: (bridge) => bridge.getRepository({ projectKey, repoSlug, ...(primaryId ? { primaryId } : {}) }),
    enabled: projectKey !== '' && repoSlug !== '',
    finishInFlight: true,
  });
}
