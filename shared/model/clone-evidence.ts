import { z } from 'zod';
import { cacheCountsSchema, durationStatsSchema } from './access-log';

/** How many probe reports the engine keeps per repository (history.db `probe_reports`). */
export const PROBE_REPORTS_KEPT = 5;

/**
 * One repository's clones as the most recent access-log analysis that saw it tells (issue #14 item 4).
 * Logs do not name their primary: the repository is matched by project key and slug.
 */
export const repositoryLogFiguresSchema = z.object({
  jobId: z.string(),
  /** When the analysis finished (this machine's clock). */
  analysedAt: z.number(),
  /** The files, rotations or zip entries read. */
  sources: z.array(z.string()),
  /** The range asked for and the first and last operation seen, on the log's own clock. */
  range: z.object({ from: z.number().nullable(), to: z.number().nullable() }),
  seen: z.object({ first: z.number().nullable(), last: z.number().nullable() }),
  /** `PROJECT/slug` as the log names it. */
  repository: z.string(),
  /** Every git operation on the repository, of any kind. */
  operations: z.number().int().nonnegative(),
  /** Clones and shallow clones of the repository: durations and SCM cache outcome. */
  clones: durationStatsSchema,
  cache: cacheCountsSchema,
  /** This repository's clone durations per node that served them (its nodes compared with each other). */
  clonesByNode: z.array(z.object({ node: z.string(), durations: durationStatsSchema })),
});
export type RepositoryLogFigures = z.infer<typeof repositoryLogFiguresSchema>;
