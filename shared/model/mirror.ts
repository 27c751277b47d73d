import { z } from 'zod';
import { arrayOf } from './array-of';
import { targetErrorSchema, targetStatusSchema } from './status';

/**
 * A repository's synchronization state on one mirror node. Bitbucket has no such field: the engine
 * derives it (reference §7) from hashes, failures, the delayed-sync list and the sync settings.
 */
export const repoSyncStateSchema = z.enum(['IN_SYNC', 'SYNCING', 'LAGGING', 'FAILING', 'NOT_MIRRORED', 'UNKNOWN']);
export type RepoSyncState = z.infer<typeof repoSyncStateSchema>;
export const REPO_SYNC_STATES = repoSyncStateSchema.options;

const count = z.number().int().nonnegative();

/** Repositories per derived state; the names are fixed by DESIGN.md (scripts read them). */
export const mirrorRepoCountsSchema = z.object({
  inSync: count,
  syncing: count,
  lagging: count,
  failing: count,
  notMirrored: count,
  unknown: count,
});
export type MirrorRepoCounts = z.infer<typeof mirrorRepoCountsSchema>;

/** The counts key of each state, e.g. `NOT_MIRRORED` → `notMirrored`. */
export const COUNT_KEY: Record<RepoSyncState, keyof MirrorRepoCounts> = {
  IN_SYNC: 'inSync',
  SYNCING: 'syncing',
  LAGGING: 'lagging',
  FAILING: 'failing',
  NOT_MIRRORED: 'notMirrored',
  UNKNOWN: 'unknown',
};

export const mirrorTypeSchema = z.enum(['SINGLE', 'FARM']);
export type MirrorType = z.infer<typeof mirrorTypeSchema>;

/** Which generation of the mirror-side REST paths a mirror speaks (reference §5). */
export const mirrorApiSchema = z.enum(['9.x', '8.x']);
export type MirrorApi = z.infer<typeof mirrorApiSchema>;

/** One node of a mirror farm (a single mirror has one). */
export const mirrorNodeSchema = z.object({
  id: z.string().nullable(),
  name: z.string(),
  /** Cluster address as `farmNodes` reports it, e.g. `10.20.0.5:5701`. */
  address: z.string().nullable(),
  /** HTTP base URL Fleetscope polls this node at; null when it cannot be derived. */
  baseUrl: z.string().nullable(),
  status: targetStatusSchema,
  /** `state` from the node's `/status` (RUNNING, STARTING…), null when not reachable. */
  state: z.string().nullable(),
  /** `buildVersion` from `farmNodes`. */
  version: z.string().nullable(),
  /** When this node last answered Fleetscope (epoch ms). */
  lastSeenAt: z.number().nullable(),
  responseMs: z.number().nullable(),
  message: z.string().nullable(),
  /** This node's repositories per state; null until its sync status was read once. */
  repos: mirrorRepoCountsSchema.nullable(),
});
export type MirrorNode = z.infer<typeof mirrorNodeSchema>;

/** Initial synchronization (`progress`): done when every repository the mirror was given has synced once. */
export const initialSyncSchema = z.object({
  discovering: z.boolean(),
  syncedRepos: count,
  totalRepos: count,
  complete: z.boolean(),
});
export type InitialSync = z.infer<typeof initialSyncSchema>;

/** Which projects a mirror synchronizes (`syncSettings` on 9.x, `upstreamServers/{id}/settings` on 8.x). */
export const projectSelectionSchema = z.object({
  mode: z.enum(['ALL_PROJECTS', 'SELECTED_PROJECTS']),
  /** Upstream project ids (strings, as Bitbucket returns them); meaningful in SELECTED_PROJECTS mode. */
  projectIds: z.array(z.string()),
});
export type ProjectSelection = z.infer<typeof projectSelectionSchema>;

/**
 * The slower sweep of a farm's per-repository detail (the primary's hashes, each node's
 * repoSyncStatus): how often, within what budget, and when this farm was last swept.
 */
export const detailSweepSchema = z.object({
  /** 0: swept in every poll. */
  intervalSeconds: z.number(),
  budgetKBps: z.number(),
  /** When the last sweep of this farm ended (epoch ms); null before the first. */
  sweptAt: z.number().nullable(),
  /** How long the primary's last complete sweep took (ms). */
  durationMs: z.number().nullable(),
  running: z.boolean(),
  /** Why the primary's last sweep failed (it is retried at the next poll). */
  error: z.string().nullable(),
});
export type DetailSweep = z.infer<typeof detailSweepSchema>;

/** A mirror farm (or single mirror) as the snapshot carries it (`mirrorFarms[]`). */
export const mirrorFarmSchema = z.object({
  /** Stable id in Fleetscope: the mirror server id, prefixed by the primary only if two primaries report the same one. */
  id: z.string(),
  /** The mirror server id on its primary (`mirrorServers[].id`). */
  mirrorId: z.string(),
  name: z.string(),
  primaryId: z.string(),
  baseUrl: z.string(),
  status: targetStatusSchema,
  /** One line saying why the status is what it is. */
  statusMessage: z.string().nullable(),
  mirrorType: mirrorTypeSchema.nullable(),
  /** `productVersion` as the primary records it. */
  version: z.string().nullable(),
  api: mirrorApiSchema.nullable(),
  /** False when an admin disabled the mirror on the primary. */
  enabled: z.boolean().nullable(),
  /** The mirror's own view of its registration (`upstreamServer.state`): INSTALLED, PENDING, REMOVED… */
  upstreamState: z.string().nullable(),
  /** When the mirror last contacted its primary (`lastSeenDate`, epoch ms). */
  lastSeenByPrimaryAt: z.number().nullable(),
  nodes: z.array(mirrorNodeSchema),
  /** Each repository counted once, in its worst state across the nodes. */
  repos: mirrorRepoCountsSchema,
  initialSync: initialSyncSchema.nullable(),
  /** Age in seconds of the oldest change the farm has not applied yet; 0 when nothing is pending, null when unknown. */
  lagSeconds: z.number().nullable(),
  /** The farm's ref-changes queue (`refChangesQueue/count`); growing means the farm falls behind. */
  queue: z.object({ count: z.number().int().nullable(), growing: z.boolean() }),
  projectSelection: projectSelectionSchema.nullable(),
  lastPollAt: z.number().nullable(),
  lastSuccessAt: z.number().nullable(),
  stale: z.boolean(),
  lastError: targetErrorSchema.nullable(),
  pollDurationMs: z.number().nullable(),
  /** Absent in snapshots from before the sweep existed. */
  detailSweep: detailSweepSchema.optional(),
});
export type MirrorFarm = z.infer<typeof mirrorFarmSchema>;

/** A mirror asking its primary to be authorized (`primaries[].pendingMirrorRequests[]`). */
export const pendingMirrorRequestSchema = z.object({
  /** The mirroring request id on the primary (a number in Bitbucket, kept as a string). */
  id: z.string(),
  name: z.string(),
  /** The id the mirror will have once accepted. */
  mirrorId: z.string().nullable(),
  baseUrl: z.string().nullable(),
  mirrorType: mirrorTypeSchema.nullable(),
  productVersion: z.string().nullable(),
});
export type PendingMirrorRequest = z.infer<typeof pendingMirrorRequestSchema>;

/** One repository of a farm with its state on each node, as the per-repository table shows it. */
export const mirrorRepoRowSchema = z.object({
  /** Upstream repository id (the join key between primary and mirror). */
  repoId: z.string(),
  projectKey: z.string().nullable(),
  projectId: z.string().nullable(),
  slug: z.string().nullable(),
  /** Worst state across the nodes. */
  state: repoSyncStateSchema,
  /** One entry per node, in the order of the answer's `nodes`. */
  nodes: z.array(
    z.object({
      state: repoSyncStateSchema,
      lastSyncAt: z.number().nullable(),
      initialSyncAt: z.number().nullable(),
      failedSyncCount: z.number().int().nullable(),
      /** Why the state is what it is, in a few words. */
      reason: z.string(),
    }),
  ),
});
export type MirrorRepoRow = z.infer<typeof mirrorRepoRowSchema>;

const isText = (v: unknown): v is string => typeof v === 'string';
const isOptionalText = (v: unknown): v is string | null => v === null || typeof v === 'string';
const isAt = (v: unknown): v is number | null => v === null || (typeof v === 'number' && Number.isFinite(v));
const isSyncState = (v: unknown): v is RepoSyncState => typeof v === 'string' && (REPO_SYNC_STATES as readonly string[]).includes(v);
const isNodeCell = (v: unknown): v is MirrorRepoRow['nodes'][number] => {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Record<string, unknown>;
  return (
    isSyncState(c['state']) &&
    isAt(c['lastSyncAt']) &&
    isAt(c['initialSyncAt']) &&
    (c['failedSyncCount'] === null || Number.isSafeInteger(c['failedSyncCount'])) &&
    isText(c['reason'])
  );
};

/** The same check as `mirrorRepoRowSchema`, by a plain loop (fields beyond the schema's are not stripped). */
export const isMirrorRepoRow = (v: unknown): v is MirrorRepoRow => {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return (
    isText(r['repoId']) &&
    isOptionalText(r['projectKey']) &&
    isOptionalText(r['projectId']) &&
    isOptionalText(r['slug']) &&
    isSyncState(r['state']) &&
    Array.isArray(r['nodes']) &&
    r['nodes'].every(isNodeCell)
  );
};

/**
 * A farm's whole per-repository table reduced to what names a repository and its worst state, one
 * array per column: what the per-repository metrics read at every scrape (a row object per
 * repository, with its cells, cost ≈ 2 s a scrape at 10 × 20,000 repositories).
 */
export const mirrorRepoStateColumnsSchema = z.object({
  projectKey: arrayOf('strings or nulls', isOptionalText),
  slug: arrayOf('strings or nulls', isOptionalText),
  state: arrayOf('repository sync states', isSyncState),
});
export type MirrorRepoStateColumns = z.infer<typeof mirrorRepoStateColumnsSchema>;

/**
 * A window of the per-repository table: zod's per-element machinery cost 40–80 ms for 400 rows of
 * 3 nodes on a 2× throttled renderer, a long task on every poll; a plain loop costs about 1 ms.
 */
export const mirrorRepoRowsSchema = arrayOf('mirror repository rows (repoId, projectKey, projectId, slug, state, nodes)', isMirrorRepoRow);
