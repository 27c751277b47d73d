import { z } from 'zod';
import { lazySchemas } from './lazy-schemas';
import { historyWindowArgs } from './history-args';
import { actionResultSchema } from '../model/audit';
import {
  cacheHistorySchema,
  cacheKindSchema,
  cacheProtocolSchema,
  cacheRepositoryColumnsSchema,
  cacheRepositorySchema,
  cacheTtlSecondsSchema,
} from '../model/cache';
import { adminArg } from './action-args';
import { CACHE_REQUEST_NAMES } from './cache-names';

const primaryId = z.string().min(1).max(200);
/** Project keys (`PLAT`, `~ALICE`) and slugs: no slash or space can reach a URL path. */
const pathPart = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[~\w.-]+$/, 'letters, digits, "_", "-", "." or a leading "~" only');

/** Looking back this far at most: the history store keeps 30 days, the chart offers 7. */
export const MAX_RANGE_SECONDS = 30 * 86_400;

/** Schemas of the cache requests, one entry per name in `CACHE_REQUEST_NAMES`. */
export const cacheRequestSchemas = lazySchemas(
  CACHE_REQUEST_NAMES,
  () =>
    ({
      /** One repository's caches (projectKey and repoSlug together), or every cache without them. */
      clearCache: {
        args: z
          .object({ primaryId, projectKey: pathPart.optional(), repoSlug: pathPart.optional(), ...adminArg })
          .strict()
          .refine((a) => (a.projectKey === undefined) === (a.repoSlug === undefined), {
            message: 'give both projectKey and repoSlug to clear one repository, or neither to clear every cache',
          }),
        result: actionResultSchema,
      },
      setCacheTtl: {
        args: z.object({ primaryId, cache: cacheKindSchema, seconds: cacheTtlSecondsSchema, ...adminArg }).strict(),
        result: actionResultSchema,
      },
      setCacheEnabled: {
        args: z.object({ primaryId, cache: cacheKindSchema, enabled: z.boolean(), ...adminArg }).strict(),
        result: actionResultSchema,
      },
      setCacheProtocol: {
        args: z.object({ primaryId, protocol: cacheProtocolSchema, enabled: z.boolean(), ...adminArg }).strict(),
        result: actionResultSchema,
      },
      /** The per-repository table: from the statistics feed, or the repositories looked up so far. */
      getCacheRepositories: {
        /** Every row, or `limit` rows from `offset` on (the engine's order), so a large table can be read in pages. */
        args: z.object({ primaryId, offset: z.number().int().min(0).optional(), limit: z.number().int().min(1).max(1_000_000).optional() }).strict(),
        result: z.object({
          source: z.enum(['feed', 'on-demand', 'unknown']),
          updatedAt: z.number().nullable(),
          rows: cacheRepositoryColumnsSchema,
        }),
      },
      /** One repository's caches, read from Bitbucket now (`GET /caches/{projectKey}/{repoSlug}`). */
      getCacheRepository: {
        args: z.object({ primaryId, projectKey: pathPart, repoSlug: pathPart }).strict(),
        result: cacheRepositorySchema,
      },
      /** Hit ratio per poll interval, each series downsampled (LTTB) to `maxPoints`. */
      getCacheHistory: {
        args: z
          .object({
            primaryId,
            rangeSeconds: z.number().int().positive().max(MAX_RANGE_SECONDS),
            to: historyWindowArgs.to,
            maxPoints: z.number().int().min(3).max(10_000).default(600),
          })
          .strict(),
        result: cacheHistorySchema,
      },
    }) as const satisfies Record<(typeof CACHE_REQUEST_NAMES)[number], { args: z.ZodType; result: z.ZodType }>,
);
