import type { RepositoryMirrorStatus } from '../../../shared/model';
import { useBridgeQuery, type BridgeQuery } from '../../bridge/use-bridge-query';
import { useFleetStore } from '../../state/fleet.store';

/**
 * One repository's sync state on every node of its primary's farms, asked of the mirrors when the
 * page opens and again after each poll of those farms (1 + nodes small requests), so the page does
 * not wait for the slower mirror sweep. Not asked when the primary has no farm.
 */
export function useMirrorStatus(primaryId: string, projectKey: string, repoSlug: string, hasFarms: boolean): BridgeQuery<RepositoryMirrorStatus> {
  const pollKey = useFleetStore(
    (s) =>
      s.snapshot?.mirrorFarms
        .filter((f) => f.primaryId === primaryId)
        .map((f) => f.lastPollAt ?? 0)
        .join(',') ?? '',
  );
  return useBridgeQuery({
    key: ['getMirrorRepoStatus', primaryId, projectKey, repoSlug],
    refreshOn: [pollKey],
    what: `the sync state of ${projectKey}/${repoSlug} on its mirrors`,
    read: (bridge) => bridge.getMirrorRepoStatus({ primaryId, projectKey, repoSlug }),
    enabled: hasFarms,
    finishInFlight: true,
  });
}
