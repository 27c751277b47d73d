import { z } from 'zod';
import { arrayOf } from './array-of';
import { errorCodeSchema, targetErrorSchema, targetStatusSchema } from './status';

/**
 * The SCM cache of one primary (issue #3), as the snapshot carries it (`primaries[].cache`), and
 * the shapes of the cache requests. Bitbucket documents the scm-cache endpoints but not their
 * bodies, so every figure here is nullable: null means "Bitbucket did not say", never zero.
 */

/** Which cache a setting belongs to: ref advertisements (gone from 7.4) or clones (upload-pack). */
export const cacheKindSchema = z.enum(['refs', 'upload-pack']);
export type CacheKind = z.infer<typeof cacheKindSchema>;

/** Hosting protocols whose requests the plugin may cache. */
export const cacheProtocolSchema = z.enum(['http', 'ssh']);
export type CacheProtocol = z.infer<typeof cacheProtocolSchema>;

/**
 * Upper bound of a TTL Fleetscope sends: 30 days. Longer than any CI cadence a cache could help;
 * a bigger number is almost certainly a unit mistake (milliseconds typed as seconds).
 */
export const MAX_CACHE_TTL_SECONDS = 30 * 86_400;
export const cacheTtlSecondsSchema = z.number().int().min(0).max(MAX_CACHE_TTL_SECONDS);

/** The scm-cache resources the console reads; listed in `unsupported` when one answers 404. */
export const cacheEndpointSchema = z.enum([
  'config/protocols',
  'config/refs/enabled',
  'config/refs/ttl',
  'config/upload-pack/enabled',
  'config/upload-pack/ttl',
  'caches',
]);
export type CacheEndpoint = z.infer<typeof cacheEndpointSchema>;

/** A field Fleetscope does not know, kept as text so a person can still read it. */
export const rawFieldSchema = z.object({ key: z.string(), value: z.string() });
export type RawField = z.infer<typeof rawFieldSchema>;

const figure = z.number().nullable();

/** Counters as Bitbucket reports them; `hitRatio` only when both hits and misses exist. */
export const cacheCountersSchema = z.object({
  /** Bytes on disk. */
  size: figure,
  hits: figure,
  misses: figure,
  /** 0–1; null unless both counters exist and at least one request was counted. */
  hitRatio: figure,
});
export type CacheCounters = z.infer<typeof cacheCountersSchema>;

/** What happened between the last two polls, from counter deltas (a reset counts from zero). */
export const cacheIntervalSchema = z.object({
  seconds: z.number().positive(),
  hits: z.number().nonnegative(),
  misses: z.number().nonnegative(),
  hitRatio: figure,
  hitsPerSecond: z.number().nonnegative(),
  missesPerSecond: z.number().nonnegative(),
});
export type CacheInterval = z.infer<typeof cacheIntervalSchema>;

/** How far back the "recent" hit ratio looks: long enough not to jump with each poll, short enough to show a change. */
export const RECENT_WINDOW_SECONDS = 15 * 60;

/**
 * Hits and misses summed over the intervals that ended in the last `windowSeconds`; `coveredSeconds`
 * is how much of the window was measured (less after a start, or when reads failed).
 */
export const cacheWindowSchema = z.object({
  windowSeconds: z.number().positive(),
  coveredSeconds: z.number().nonnegative(),
  hits: z.number().nonnegative(),
  misses: z.number().nonnegative(),
  hitRatio: figure,
});
export type CacheWindow = z.infer<typeof cacheWindowSchema>;

const cacheSettingSchema = z.object({ enabled: z.boolean().nullable(), ttlSeconds: figure });

/** A read that answered something Fleetscope could not use: shown with the raw body. */
export const cacheProblemSchema = z.object({
  endpoint: z.string(),
  code: errorCodeSchema,
  message: z.string(),
  httpStatus: z.number().int().nullable(),
  body: z.string().nullable(),
});
export type CacheProblem = z.infer<typeof cacheProblemSchema>;

export const primaryCacheSchema = z.object({
  /** `up` when every supported read answered, `degraded` when some did not, `down`/`unknown` when none did. */
  status: targetStatusSchema,
  statusMessage: z.string().nullable(),
  polledAt: figure,
  lastSuccessAt: figure,
  error: targetErrorSchema.nullable(),
  config: z.object({
    refs: cacheSettingSchema,
    uploadPack: cacheSettingSchema,
    protocols: z.object({ http: z.boolean().nullable(), ssh: z.boolean().nullable() }),
  }),
  totals: cacheCountersSchema,
  /** Counters per cache kind, where the statistics break them down. */
  byKind: z.object({ refs: cacheCountersSchema.nullable(), uploadPack: cacheCountersSchema.nullable() }),
  interval: cacheIntervalSchema.nullable(),
  /** The hit ratio of the last 15 minutes (RECENT_WINDOW_SECONDS): the figure the Overview shows. */
  recent: cacheWindowSchema.nullable(),
  /** The plugin's own "caching on" flag from its statistics (false also when the disk guard tripped). */
  active: z.boolean().nullable(),
  disk: z.object({ freeBytes: figure, minimumFreeBytes: figure }),
  /** True when caching switched itself off for lack of free disk; null when the statistics cannot tell. */
  diskGuardTripped: z.boolean().nullable(),
  /** Endpoints that answered 404 on this instance: the feature is not there on this version. */
  unsupported: z.array(cacheEndpointSchema),
  repositories: z.object({
    /** `feed`: the statistics list repositories; `on-demand`: looked up one by one when opened. */
    source: z.enum(['feed', 'on-demand', 'unknown']),
    count: z.number().int().nonnegative().nullable(),
    /** Changes whenever the per-repository figures do; the table refetches then. */
    updatedAt: figure,
  }),
  /** Fields of the statistics Fleetscope does not know. */
  raw: z.array(rawFieldSchema),
  problems: z.array(cacheProblemSchema),
  /**
   * The statistics (totals, hit rates, disk, repositories) are read on their own schedule, paced to a
   * bytes-a-second budget (issue 13); the settings are read every poll. Absent in older snapshots.
   */
  statistics: z
    .object({
      /** When the statistics last answered (epoch ms); every figure above except the settings is as of then. */
      readAt: figure,
      /** Size of that body (bytes). */
      bytes: figure,
      /** When they are next read at the earliest (epoch ms). */
      nextAt: figure,
      /** The schedule in force: the shortest period (0: every poll) and the budget per primary. */
      intervalSeconds: z.number().nonnegative(),
      budgetKBps: z.number().positive(),
    })
    .optional(),
});
export type PrimaryCache = z.infer<typeof primaryCacheSchema>;

/** One cache of one repository (a kind × protocol × git protocol version). */
export const cacheEntrySchema = z.object({
  kind: cacheKindSchema.nullable(),
  protocol: cacheProtocolSchema.nullable(),
  gitProtocolVersion: z.number().int().nullable(),
  size: figure,
  hits: figure,
  misses: figure,
  lastAccessed: figure,
  expiresAt: figure,
  raw: z.array(rawFieldSchema),
});
export type CacheEntry = z.infer<typeof cacheEntrySchema>;

/** One repository's caches, as `GET /caches/{projectKey}/{repoSlug}` or the feed reports them. */
export const cacheRepositorySchema = z.object({
  projectKey: z.string(),
  repoSlug: z.string(),
  size: figure,
  hits: figure,
  misses: figure,
  hitRatio: figure,
  lastAccessed: figure,
  entries: z.array(cacheEntrySchema),
  raw: z.array(rawFieldSchema),
  fetchedAt: z.number(),
});
export type CacheRepository = z.infer<typeof cacheRepositorySchema>;

const isString = (v: unknown): v is string => typeof v === 'string';
const isFigure = (v: unknown): v is number | null => v === null || (typeof v === 'number' && Number.isFinite(v));
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/**
 * The per-repository table, one array per column: validating 10,000 rows this way costs a few
 * milliseconds in the renderer, against tens for an array of objects.
 */
export const cacheRepositoryColumnsSchema = z.object({
  projectKey: arrayOf('strings', isString),
  repoSlug: arrayOf('strings', isString),
  size: arrayOf('numbers or nulls', isFigure),
  hits: arrayOf('numbers or nulls', isFigure),
  misses: arrayOf('numbers or nulls', isFigure),
  lastAccessed: arrayOf('numbers or nulls', isFigure),
  /** Caches the repository has (kinds × protocols × git protocol versions). */
  entries: arrayOf('whole numbers ≥ 0', isCount),
});
export type CacheRepositoryColumns = z.infer<typeof cacheRepositoryColumnsSchema>;

/** Series of the hit-rate chart: [epoch ms, ratio 0–1]. */
export const cacheSeriesNames = ['all', 'clone', 'refs', 'v1', 'v2'] as const;
export type CacheSeriesName = (typeof cacheSeriesNames)[number];
const pointsSchema = z.array(z.tuple([z.number(), z.number()]));
export const cacheHistorySchema = z.object({
  all: pointsSchema,
  clone: pointsSchema,
  refs: pointsSchema,
  v1: pointsSchema,
  v2: pointsSchema,
});
export type CacheHistory = z.infer<typeof cacheHistorySchema>;

/** hits / (hits + misses), only when both exist and something was counted. */
export function hitRatioOf(hits: number | null | undefined, misses: number | null | undefined): number | null {
  if (hits === null || hits === undefined || misses === null || misses === undefined) return null;
  const total = hits + misses;
  return total > 0 && Number.isFinite(total) ? hits / total : null;
}
