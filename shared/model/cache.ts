import { z } from 'zod';

/**
 * The SCM cache of one primary, as the snapshot carries it (`primaries[].cache`).
 * Issue #3 (SCM cache console) defines this fully; until then the engine leaves it null.
 */
export const primaryCacheSchema = z.object({ status: z.enum(['ok', 'unavailable', 'unknown']) }).loose();
export type PrimaryCache = z.infer<typeof primaryCacheSchema>;
