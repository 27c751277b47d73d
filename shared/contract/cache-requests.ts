import type { z } from 'zod';
import type { CACHE_REQUEST_NAMES } from './cache-names';

/** Schemas of the cache requests, one entry per name in `CACHE_REQUEST_NAMES`. */
export const cacheRequestSchemas = {} as const satisfies Record<(typeof CACHE_REQUEST_NAMES)[number], { args: z.ZodType; result: z.ZodType }>;
