import { z } from 'zod';
import { lazySchemas } from './lazy-schemas';
import { accessLogProgressSchema, accessLogReportSchema } from '../model/access-log';
import { repositoryLogFiguresSchema } from '../model/clone-evidence';
import { pathPart } from './repository-requests';
import { LOGS_REQUEST_NAMES } from './logs-names';

const path = z.string().min(1).max(4096);
const jobId = z.string().min(1).max(100);

export const logAnalysisSchema = z.object({
  jobId,
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  paths: z.array(z.string()),
  progress: accessLogProgressSchema,
  report: accessLogReportSchema.nullable(),
  /** What went wrong and what to do, when `failed`. */
  error: z.string().nullable(),
  /** When it finished (this machine's clock): the "read at" time of its figures, kept across restarts. */
  finishedAt: z.number().nullable(),
});
export type LogAnalysis = z.infer<typeof logAnalysisSchema>;

/** Schemas of the access-log requests, one entry per name in `LOGS_REQUEST_NAMES`. */
export const logsRequestSchemas = lazySchemas(
  LOGS_REQUEST_NAMES,
  () =>
    ({
      /**
       * What may be read: the folders this Fleetscope allows (FLEETSCOPE_LOG_FOLDERS, the simulated
       * fleet's logs) and the access logs and support zips found in them; the desktop can also choose files.
       */
      getLogSources: {
        args: z.object({}).strict(),
        result: z.object({
          folders: z.array(z.string()),
          files: z.array(z.object({ path: z.string(), bytes: z.number().int().nonnegative() })),
          canChoose: z.boolean(),
          /** Finished analyses still kept (saved in the data folder, so across restarts), newest first. */
          recent: z.array(z.object({ jobId, paths: z.array(z.string()), finishedAt: z.number() })),
        }),
      },
      /** The desktop's native file dialog (main process); what the user picks there may be read. Empty when cancelled. */
      chooseLogFiles: { args: z.object({}).strict(), result: z.object({ paths: z.array(z.string()) }) },
      /** Starts reading logs in the background; `getLogAnalysis` follows it. Paths must be allowed (see getLogSources). */
      startLogAnalysis: {
        args: z
          .object({
            paths: z.array(path).min(1).max(200),
            from: z.number().nullable().default(null),
            to: z.number().nullable().default(null),
            hostingLimit: z.number().int().positive().max(100_000).nullable().default(null),
          })
          .strict(),
        result: z.object({ jobId }),
      },
      getLogAnalysis: { args: z.object({ jobId }).strict(), result: logAnalysisSchema },
      cancelLogAnalysis: { args: z.object({ jobId }).strict(), result: z.object({ ok: z.literal(true) }) },
      /**
       * One repository's clones in the most recent finished analysis that saw it (the last few analyses
       * are kept, across restarts); `figures` null when none did.
       */
      getRepositoryLogFigures: {
        args: z.object({ projectKey: pathPart, repoSlug: pathPart }).strict(),
        result: z.object({ figures: repositoryLogFiguresSchema.nullable() }),
      },
    }) as const satisfies Record<(typeof LOGS_REQUEST_NAMES)[number], { args: z.ZodType; result: z.ZodType }>,
);
