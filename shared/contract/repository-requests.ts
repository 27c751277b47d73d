import { z } from 'zod';
import { lazySchemas } from './lazy-schemas';
import { historyWindowArgs } from './history-args';
import { repositoryDetailSchema, repositoryHistorySchema, repositoryIndexSchema } from '../model/repository';
import { REPOSITORY_REQUEST_NAMES } from './repository-names';

/** Project keys (`PLAT`, `~ALICE`) and slugs, as cache-requests accepts them. */
export const pathPart = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[~\w.-]+$/, 'letters, digits, "_", "-", "." or a leading "~" only');

/** Schemas of the repository requests, one entry per name in `REPOSITORY_REQUEST_NAMES`. */
export const repositoryRequestSchemas = lazySchemas(
  REPOSITORY_REQUEST_NAMES,
  () =>
    ({
      /** Every repository of every primary, from the engine's last inventory sweeps (no request to the fleet). */
      getRepositoryIndex: {
        args: z.object({}).strict(),
        result: z.object({ updatedAt: z.number().nullable(), repositories: repositoryIndexSchema }),
      },
      /**
       * One repository joined across the fleet: inventory, its caches (read now), every farm's sync
       * state, the last clear, the storage under its primary. `primaryId` picks one primary when the
       * same key and slug exist on several; without it the first primary that has it answers.
       */
      getRepository: {
        args: z.object({ primaryId: z.string().min(1).max(200).optional(), projectKey: pathPart, repoSlug: pathPart }).strict(),
        result: repositoryDetailSchema,
      },
      /**
       * One repository over time, from the engine's history: hits and misses per minute (recorded on
       * each poll of its primary's cache statistics) and its lag on every node of its primary's farms.
       */
      getRepositoryHistory: {
        args: z
          .object({
            primaryId: z.string().min(1).max(200),
            projectKey: pathPart,
            repoSlug: pathPart,
            ...historyWindowArgs,
          })
          .strict(),
        result: repositoryHistorySchema,
      },
    }) as const satisfies Record<(typeof REPOSITORY_REQUEST_NAMES)[number], { args: z.ZodType; result: z.ZodType }>,
);
