import { z } from 'zod';

const nodeName = z.string().min(1).max(200);

/**
 * Demo faults of the mirror farms (issue #4) area; each is one z.object with a literal `kind`.
 * Farm faults take the mirror's id as `targetId`; `mirror-request` and `mirroring-unavailable`
 * take a primary's id.
 */
export const mirrorsDemoFaults = [
  /** One node of a farm stops answering (its listener closes). */
  z.object({ kind: z.literal('mirror-node-offline'), node: nodeName }),
  /** One repository fails to synchronize on one node: `failedSyncCount` climbs, the node falls behind the primary. */
  z.object({ kind: z.literal('mirror-repo-failing'), node: nodeName }),
  /** The farm stops applying ref changes: its queue grows and repositories end up on the delayed-sync list. */
  z.object({ kind: z.literal('mirror-farm-behind') }),
  /** One node reports a content hash for one repository that matches no upstream state. */
  z.object({ kind: z.literal('mirror-hash-mismatch'), node: nodeName }),
  /** A new mirror asks the primary to be authorized (off: its pending request is withdrawn). */
  z.object({ kind: z.literal('mirror-request') }),
  /** The primary's mirroring endpoints answer 404 (plugin disabled) or 409 (no Data Center licence). */
  z.object({ kind: z.literal('mirroring-unavailable'), reason: z.enum(['plugin-disabled', 'no-licence']).optional() }),
] as const;

const repoRef = z.object({ node: z.string(), repoId: z.number().int(), repo: z.string() });

/** What the demo controls show of this area: which switches exist and which are on. */
export const mirrorsDemoStateSchema = z.object({
  farms: z.array(
    z.object({
      /** The mirror server id: the `targetId` of this farm's faults. */
      id: z.string(),
      primaryId: z.string(),
      name: z.string(),
      api: z.enum(['9.x', '8.x']),
      mirrorType: z.enum(['SINGLE', 'FARM']),
      /** Where the mirror stands with its primary. */
      registration: z.enum(['pending', 'accepted', 'rejected', 'removed']),
      nodes: z.array(z.string()),
      faults: z.object({
        nodesOffline: z.array(z.string()),
        failing: z.array(repoRef),
        behind: z.boolean(),
        hashMismatch: z.array(repoRef),
      }),
    }),
  ),
  primaries: z.array(
    z.object({
      primaryId: z.string(),
      pendingRequests: z.number().int().nonnegative(),
      unavailable: z.enum(['plugin-disabled', 'no-licence']).nullable(),
    }),
  ),
});
export type MirrorsDemoState = z.infer<typeof mirrorsDemoStateSchema>;
