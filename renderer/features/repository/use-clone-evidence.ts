import type { FoundRepositoryDetail, ProbeReport, RepositoryLogFigures } from '../../../shared/model';
import { useBridgeQuery, type BridgeQuery } from '../../bridge/use-bridge-query';

export interface CloneEvidence {
  probes: BridgeQuery<{ reports: ProbeReport[] }>;
  logs: BridgeQuery<{ figures: RepositoryLogFigures | null }>;
}

/**
 * What was measured about a repository's clones: its last probes (kept by the engine) and its
 * figures in the most recent access-log analysis that saw it. Read again with the page (after
 * polls) and when `probeKey` changes (a probe just finished).
 */
export function useCloneEvidence(detail: FoundRepositoryDetail, probeKey: string): CloneEvidence {
  const { primaryId } = detail;
  const { projectKey, slug: repoSlug } = detail.repo;
  const probes = useBridgeQuery({
    key: ['getProbeHistory', primaryId, projectKey, repoSlug],
    refreshOn: [probeKey, detail.readAt],
    what: `the last probes of ${projectKey}/${repoSlug}`,
    read: (bridge) => bridge.getProbeHistory({ primaryId, projectKey, repoSlug }),
  });
  const logs = useBridgeQuery({
    key: ['getRepositoryLogFigures', projectKey, repoSlug],
    refreshOn: [detail.readAt],
    what: `the access-log figures of ${projectKey}/${repoSlug}`,
    read: (bridge) => bridge.getRepositoryLogFigures({ projectKey, repoSlug }),
  });
  return { probes, logs };
}
