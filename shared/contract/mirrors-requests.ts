import type { z } from 'zod';
import type { MIRRORS_REQUEST_NAMES } from './mirrors-names';

/** Schemas of the mirrors requests, one entry per name in `MIRRORS_REQUEST_NAMES`. */
export const mirrorsRequestSchemas = {} as const satisfies Record<(typeof MIRRORS_REQUEST_NAMES)[number], { args: z.ZodType; result: z.ZodType }>;
