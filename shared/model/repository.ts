import { z } from 'zod';
import { cacheRepositorySchema } from './cache';
import { repoSyncStateSchema } from './mirror';

/** A repository's state on its primary, as the paged inventory (`/rest/api/1.0/repos`) says. */
export const repositoryStateSchema = z.enum(['AVAILABLE', 'INITIALISING', 'INITIALISATION_FAILED', 'OFFLINE', 'UNKNOWN']);
export type RepositoryState = z.infer<typeof repositoryStateSchema>;

/** One repository of a primary's inventory, kept by the engine between inventory sweeps. */
export const inventoryRepoSchema = z.object({
  id: z.string(),
  projectKey: z.string(),
  projectId: z.string().nullable(),
  projectName: z.string(),
  slug: z.string(),
  name: z.string(),
  state: repositoryStateSchema,
  archived: z.boolean(),
});
export type InventoryRepo = z.infer<typeof inventoryRepoSchema>;

/**
 * Every repository of every primary, one array per column (the cache table's reason: 20,000 rows
 * validate in a few milliseconds this way). Row i of each array is one repository.
 */
export const repositoryIndexSchema = z.object({
  primaryId: z.array(z.string()),
  projectKey: z.array(z.string()),
  projectName: z.array(z.string()),
  slug: z.array(z.string()),
  name: z.array(z.string()),
});
export type RepositoryIndex = z.infer<typeof repositoryIndexSchema>;

/** Which part of a primary a storage source holds (config `storage[].serves[]`). */
export const storageRoleSchema = z.enum(['shared-home', 'artifacts']);
export type StorageRole = z.infer<typeof storageRoleSchema>;

const at = z.number().nullable();

/** One repository's state on one farm: its worst state, and each node's. */
export const repositoryMirrorRowSchema = z.object({
  state: repoSyncStateSchema,
  nodes: z.array(
    z.object({
      name: z.string(),
      state: repoSyncStateSchema,
      lastSyncAt: at,
      failedSyncCount: z.number().int().nullable(),
      reason: z.string(),
    }),
  ),
});
export type RepositoryMirrorRow = z.infer<typeof repositoryMirrorRowSchema>;

/** The mirror side of one repository on one farm: carried or not, and why. */
export const repositoryMirrorSchema = z.object({
  farmId: z.string(),
  /** Whether the farm's project selection includes the repository's project; null when unknown. */
  selected: z.boolean().nullable(),
  /** The row of the farm's per-repository table (as of the last mirror sweep); null when the farm does not list the repository. */
  row: repositoryMirrorRowSchema.nullable(),
  /** Why the farm does not carry the repository, when it does not (not selected, unauthorized…). */
  notMirroredReason: z.string().nullable(),
  polledAt: at,
});
export type RepositoryMirror = z.infer<typeof repositoryMirrorSchema>;

/**
 * One repository's sync state on every node of its primary's farms, read from the fleet when asked
 * (`getRepositoryMirrorStatus`), not from the slower mirror sweep.
 */
export const repositoryMirrorStatusSchema = z.object({
  repoId: z.string(),
  /** When the nodes answered. */
  readAt: z.number(),
  /** Why the primary's hashes of the repository could not be read (states are then UNKNOWN where they need them). */
  upstreamError: z.string().nullable(),
  farms: z.array(
    z.object({
      farmId: z.string(),
      /** Null with `error` when the farm could not be asked (no node known yet). */
      row: repositoryMirrorRowSchema.nullable(),
      error: z.string().nullable(),
    }),
  ),
});
export type RepositoryMirrorStatus = z.infer<typeof repositoryMirrorStatusSchema>;

/** Everything the engine knows about one repository beyond the snapshot (`getRepository`). */
export const repositoryDetailSchema = z.discriminatedUnion('found', [
  z.object({ found: z.literal(false), projectKey: z.string(), repoSlug: z.string(), readAt: z.number(), primariesSearched: z.array(z.string()) }),
  z.object({
    found: z.literal(true),
    readAt: z.number(),
    primaryId: z.string(),
    /** Other primaries that have a repository with the same project key and slug. */
    alsoOn: z.array(z.string()),
    repo: inventoryRepoSchema,
    /** When the inventory listing this repository was read. */
    inventoryAt: at,
    cache: z.object({
      /** The repository's caches read from Bitbucket now; null with `error` when that failed. */
      repository: cacheRepositorySchema.nullable(),
      error: z.string().nullable(),
      readAt: z.number(),
      /** The last clear of this repository's caches (or of every cache) in the audit log. */
      lastClear: z.object({ at: z.number(), actor: z.string(), result: z.string(), scope: z.enum(['repository', 'all']) }).nullable(),
    }),
    mirrors: z.array(repositoryMirrorSchema),
    /** Storage sources that hold this primary's shared home or artifacts (config `serves`). */
    storage: z.array(z.object({ sourceId: z.string(), role: storageRoleSchema, volume: z.string().nullable() })),
  }),
]);
export type RepositoryDetail = z.infer<typeof repositoryDetailSchema>;
export type FoundRepositoryDetail = Extract<RepositoryDetail, { found: true }>;

const series = z.array(z.tuple([z.number(), z.number()]));

/** One repository over time (`getRepositoryHistory`): its own cache lookups and its lag on each mirror node. */
export const repositoryHistorySchema = z.object({
  from: z.number(),
  to: z.number(),
  /** Where the primary's per-repository cache figures come from: only `feed` gives them on every poll. */
  cacheSource: z.enum(['feed', 'on-demand', 'unknown']),
  /** `[epoch ms, lookups per minute over the poll interval ending then]`, after LTTB. */
  hitsPerMinute: series,
  missesPerMinute: series,
  /** Per node of every farm of the primary: `[epoch ms, seconds a change of this repository has waited there]`. */
  lag: z.array(z.object({ farmId: z.string(), farmName: z.string(), node: z.string(), points: series })),
});
export type RepositoryHistory = z.infer<typeof repositoryHistorySchema>;
