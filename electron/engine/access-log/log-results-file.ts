import { existsSync, readFileSync } from 'node:fs';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { accessLogReportSchema, cacheCountsSchema, durationStatsSchema, type AccessLogReport } from '../../../shared/model/access-log';
import type { RepositoryClones } from './aggregator';

/** Repositories kept per saved analysis, the busiest first: what their pages show after a restart. */
export const SAVED_REPOSITORIES = 2_000;

/** One finished analysis as saved in the data folder: enough to show it again after a restart. */
export interface SavedAnalysis {
  jobId: string;
  paths: string[];
  /** When it finished (this machine's clock): the "read at" time shown with it. */
  finishedAt: number;
  report: AccessLogReport;
  repositories: Map<string, RepositoryClones>;
}

const nodeDurations = z.array(z.object({ node: z.string(), durations: durationStatsSchema }));
const fileSchema = z.object({
  version: z.literal(1),
  analyses: z.array(
    z.object({
      jobId: z.string(),
      paths: z.array(z.string()),
      finishedAt: z.number(),
      report: accessLogReportSchema,
      repositories: z.array(
        z.tuple([z.string(), z.object({ operations: z.number(), clones: durationStatsSchema, cache: cacheCountsSchema, clonesByNode: nodeDurations })]),
      ),
    }),
  ),
});

/**
 * The last analyses (one per set of logs read), in a JSON file beside the history database, so the
 * Logs view and repository pages show them after a restart. Bounded: the caller keeps a few
 * analyses and each keeps its `SAVED_REPOSITORIES` busiest repositories.
 */
export interface LogResultsFile {
  load(): SavedAnalysis[];
  save(analyses: readonly SavedAnalysis[]): Promise<void>;
}

export function logResultsFile(path: string, notice: (message: string) => void): LogResultsFile {
  return {
    load: () => {
      if (!existsSync(path)) return [];
      try {
        const doc = fileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
        return doc.analyses.map((a) => ({ ...a, repositories: new Map(a.repositories) }));
      } catch (err) {
        notice(`The saved access-log results in ${path} could not be read (${(err as Error).message.slice(0, 200)}); read the logs again to see them.`);
        return [];
      }
    },
    save: async (analyses) => {
      const doc: z.input<typeof fileSchema> = {
        version: 1,
        analyses: analyses.map((a) => ({
          jobId: a.jobId,
          paths: a.paths,
          finishedAt: a.finishedAt,
          report: a.report,
          repositories: [...a.repositories.entries()].sort((x, y) => y[1].operations - x[1].operations).slice(0, SAVED_REPOSITORIES),
        })),
      };
      await writeFileAtomic(path, JSON.stringify(doc), { mode: 0o600 });
    },
  };
}
