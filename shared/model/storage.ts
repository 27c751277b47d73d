import { z } from 'zod';
import { targetStatusSchema } from './status';

/**
 * A storage source (a GlusterFS cluster reached over SSH or a local CLI) as the snapshot carries
 * it (`storage[]`). Issue #5 (volume health) defines this fully.
 */
export const storageSourceSchema = z.object({ id: z.string(), name: z.string(), status: targetStatusSchema }).loose();
export type StorageSource = z.infer<typeof storageSourceSchema>;
