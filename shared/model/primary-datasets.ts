import { z } from 'zod';
import { errorCodeSchema } from './status';

/**
 * Each part of a primary is read on its own and carries its own last success: a failure of one
 * (cluster membership refused to a read-only token, say) must not make the others look stale.
 */
export const datasetStateSchema = z.object({
  /**
   * `ok` read on its last attempt; `failed` not; `not-permitted` cannot be read with the configured
   * credentials by design (never stale: nothing is expected); `pending` not tried yet.
   */
  state: z.enum(['ok', 'failed', 'not-permitted', 'pending']),
  lastAttemptAt: z.number().nullable(),
  lastSuccessAt: z.number().nullable(),
  /** Last success older than the dataset's own schedule allows (two of its intervals). */
  stale: z.boolean(),
  /** Why it failed or cannot be read; null when fine. */
  message: z.string().nullable(),
  /** The failure's code, when it failed. */
  code: errorCodeSchema.nullable(),
});
export type DatasetState = z.infer<typeof datasetStateSchema>;

export const primaryDatasetsSchema = z.object({
  /** `application-properties` (anonymous). */
  version: datasetStateSchema,
  /** Cluster membership (`admin/cluster`). */
  nodes: datasetStateSchema,
  /** The repository inventory (slower schedule). */
  inventory: datasetStateSchema,
  /** The SCM cache plugin's configuration and statistics. */
  cache: datasetStateSchema,
  /** The primary's mirroring resources (registered mirrors, requests, hashes). */
  mirrors: datasetStateSchema,
});
export type PrimaryDatasets = z.infer<typeof primaryDatasetsSchema>;

export const pendingDataset = (): DatasetState => ({ state: 'pending', lastAttemptAt: null, lastSuccessAt: null, stale: false, message: null, code: null });
