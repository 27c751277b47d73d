import { z } from 'zod';

/**
 * `storage:` entries of the fleet config: GlusterFS clusters reached over SSH or a local CLI.
 * Issue #5 (volume health) defines the full shape.
 */
export const storageConfigSchema = z.array(z.object({ id: z.string().min(1), name: z.string().min(1) }).loose()).default([]);
export type StorageConfig = z.infer<typeof storageConfigSchema>[number];
