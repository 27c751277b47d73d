import type { z } from 'zod';
import type { STORAGE_REQUEST_NAMES } from './storage-names';

/** Schemas of the storage requests, one entry per name in `STORAGE_REQUEST_NAMES`. */
export const storageRequestSchemas = {} as const satisfies Record<(typeof STORAGE_REQUEST_NAMES)[number], { args: z.ZodType; result: z.ZodType }>;
