import { z } from 'zod';
import { lazySchemas } from './lazy-schemas';
import { historyWindowArgs } from './history-args';
import { storageMetricSchema } from '../model/storage';
import { STORAGE_REQUEST_NAMES } from './storage-names';

const id = z.string().min(1).max(200);

/** Schemas of the storage requests, one entry per name in `STORAGE_REQUEST_NAMES`. */
export const storageRequestSchemas = lazySchemas(
  STORAGE_REQUEST_NAMES,
  () =>
    ({
      /** A volume's history as kept by the engine (heal backlog, split-brain, bricks up, fullest brick), downsampled. */
      getStorageHistory: {
        args: z
          .object({
            storageId: id,
            volume: id,
            metric: storageMetricSchema,
            ...historyWindowArgs,
          })
          .strict(),
        result: z.object({ points: z.array(z.tuple([z.number(), z.number()])) }),
      },
    }) as const satisfies Record<(typeof STORAGE_REQUEST_NAMES)[number], { args: z.ZodType; result: z.ZodType }>,
);
