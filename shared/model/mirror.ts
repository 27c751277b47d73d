import { z } from 'zod';
import { targetStatusSchema } from './status';

/**
 * A mirror farm (or single mirror) as the snapshot carries it (`mirrorFarms[]`).
 * Issue #4 (mirror farms) defines this fully.
 */
export const mirrorFarmSchema = z
  .object({ id: z.string(), name: z.string(), primaryId: z.string(), baseUrl: z.string(), status: targetStatusSchema })
  .loose();
export type MirrorFarm = z.infer<typeof mirrorFarmSchema>;

/** A mirror asking its primary to be authorized (`primaries[].pendingMirrorRequests[]`). */
export const pendingMirrorRequestSchema = z.object({ id: z.string(), name: z.string() }).loose();
export type PendingMirrorRequest = z.infer<typeof pendingMirrorRequestSchema>;
