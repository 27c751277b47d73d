import { z } from 'zod';
import { lazySchemas } from './lazy-schemas';
import { historyWindowArgs } from './history-args';
import { actionResultSchema } from '../model/audit';
import { mirrorRepoRowsSchema, mirrorRepoStateColumnsSchema, repoSyncStateSchema } from '../model/mirror';
import { repositoryMirrorStatusSchema } from '../model/repository';
import { pathPart } from './repository-requests';
import { adminArg } from './action-args';
import { MIRRORS_REQUEST_NAMES } from './mirrors-names';

const id = z.string().min(1).max(200);

/** Bitbucket's mirroring request ids are numbers; scripts may send either form, the engine keeps a string. */
const requestId = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d{1,18}$/, 'a mirroring request id is a whole number')])
  .transform((v) => String(v));

/** The figures the engine keeps per farm, for charts. */
export const mirrorHistoryMetricSchema = z.enum([
  'mirror.lagSeconds',
  'mirror.queue',
  'mirror.inSync',
  'mirror.syncing',
  'mirror.lagging',
  'mirror.failing',
  'mirror.notMirrored',
  'mirror.unknown',
  'mirror.nodesUp',
]);

const mirrorRequestArgs = z.object({ primaryId: id, requestId, ...adminArg }).strict();

/** Schemas of the mirrors requests, one entry per name in `MIRRORS_REQUEST_NAMES`. */
export const mirrorsRequestSchemas = lazySchemas(
  MIRRORS_REQUEST_NAMES,
  () =>
    ({
      /** Authorizes a waiting mirror: it gets the content of the projects it is then given. */
      acceptMirrorRequest: { args: mirrorRequestArgs, result: actionResultSchema },
      rejectMirrorRequest: { args: mirrorRequestArgs, result: actionResultSchema },
      /** What a mirror synchronizes: every project, or the listed upstream project ids. */
      setMirrorProjects: {
        args: z
          .object({
            primaryId: id,
            mirrorId: id,
            mode: z.enum(['ALL_PROJECTS', 'SELECTED_PROJECTS']),
            projectIds: z
              .array(z.string().regex(/^\d{1,18}$/, 'a project id is a whole number'))
              .max(10_000)
              .default([]),
            ...adminArg,
          })
          .strict()
          .refine((a) => a.mode === 'ALL_PROJECTS' || a.projectIds.length > 0, {
            message: 'SELECTED_PROJECTS needs at least one project id',
            path: ['projectIds'],
          }),
        result: actionResultSchema,
      },
      /** Removes a mirror from its primary (`DELETE mirrorServers/{id}`): its users lose it. */
      removeMirror: { args: z.object({ primaryId: id, mirrorId: id, ...adminArg }).strict(), result: actionResultSchema },
      /**
       * The per-repository table of one farm, from the engine's last poll (no request to the fleet):
       * the rows matching the filter from `offset`, at most `limit` of them, and how many match.
       */
      getMirrorRepos: {
        args: z
          .object({
            farmId: id,
            state: repoSyncStateSchema.optional(),
            /** Case-insensitive match on project key, slug or repository id. */
            query: z.string().max(200).optional(),
            offset: z.number().int().min(0).default(0),
            limit: z.number().int().min(1).max(100_000).default(1_000),
          })
          .strict(),
        result: z.object({
          farmId: z.string(),
          /** When the farm was last polled; null before its first poll. */
          polledAt: z.number().nullable(),
          nodes: z.array(z.object({ id: z.string().nullable(), name: z.string() })),
          /** Rows matching the filter, in all. */
          total: z.number().int().nonnegative(),
          offset: z.number().int().nonnegative(),
          rows: mirrorRepoRowsSchema,
        }),
      },
      /**
       * Every repository of one farm's table as columns (project key, slug, worst state), from the
       * engine's last poll (no request to the fleet): the per-repository metrics' read.
       */
      getMirrorRepoStates: {
        args: z.object({ farmId: id }).strict(),
        result: z.object({ farmId: z.string(), repositories: mirrorRepoStateColumnsSchema }),
      },
      /**
       * One repository's sync state on every node of its primary's farms, read from the mirrors now
       * (1 + nodes requests): the repository page's view, fresher than the mirror sweep's table.
       */
      getMirrorRepoStatus: {
        args: z.object({ primaryId: id, projectKey: pathPart, repoSlug: pathPart }).strict(),
        result: repositoryMirrorStatusSchema,
      },
      getMirrorHistory: {
        args: z
          .object({
            farmId: id,
            metric: mirrorHistoryMetricSchema,
            ...historyWindowArgs,
          })
          .strict(),
        result: z.object({ points: z.array(z.tuple([z.number(), z.number()])) }),
      },
      /** The primary's projects, for choosing what a mirror synchronizes. */
      getMirrorProjects: {
        args: z.object({ primaryId: id }).strict(),
        result: z.object({ projects: z.array(z.object({ id: z.string(), key: z.string(), name: z.string() })) }),
      },
    }) as const satisfies Record<(typeof MIRRORS_REQUEST_NAMES)[number], { args: z.ZodType; result: z.ZodType }>,
);
