import type { PastStoragePoll } from '../../../shared/model';
import { noise, type PastSpan } from '../backfill/past-span';
import type { SimCluster } from './sim-cluster';

/** The shared home grows about 0.02 % of a brick per hour (as the live cluster does): backwards in the past. */
const GROWTH_PER_HOUR = 0.0002;

/** The cluster's past polls: every brick up, nothing to heal, volumes a little emptier the further back. */
export function storagePast(cluster: SimCluster, span: PastSpan): PastStoragePoll[] {
  return span.steps.map((at) => ({
    area: 'storage',
    storageId: cluster.id,
    at,
    status: 'up',
    durationMs: Math.round(120 + 160 * noise(at, cluster.id)),
    volumes: cluster.volumes.map((v) => {
      const used = v.bricks.map((b) => Math.max(0, b.usedAtStart + b.sizeTotal * GROWTH_PER_HOUR * ((at - cluster.startedAt) / 3_600_000)) / b.sizeTotal);
      const replicated = v.replicaCount > 1;
      return {
        name: v.name,
        bricksUp: v.bricks.length,
        maxUsedPercent: Math.round(Math.max(...used) * 10_000) / 100,
        healPending: replicated ? 0 : null,
        splitBrain: replicated ? 0 : null,
      };
    }),
  }));
}
