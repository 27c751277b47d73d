import { z } from 'zod';
import { primaryCacheSchema } from './cache';
import { pendingMirrorRequestSchema } from './mirror';
import { primaryDatasetsSchema } from './primary-datasets';
import { targetErrorSchema, targetStatusSchema } from './status';

/** One node of a primary cluster, merged from `admin/cluster` and the node's own `/status`. */
export const primaryNodeSchema = z.object({
  id: z.string().nullable(),
  name: z.string(),
  /** Cluster (Hazelcast) address as Bitbucket reports it, e.g. `10.0.1.11:5701`. */
  address: z.string().nullable(),
  /** HTTP base URL of the node when configured, used for its `/status`. */
  baseUrl: z.string().nullable(),
  status: targetStatusSchema,
  /** `state` from `/status` (RUNNING, STARTING, MAINTENANCE, ...), null when not reachable or not configured. */
  state: z.string().nullable(),
  buildVersion: z.string().nullable(),
  local: z.boolean(),
  clusterMember: z.boolean(),
  /** The cluster member this configured node is, as Bitbucket names it (it may differ from the configured name). */
  memberName: z.string().nullable(),
  /** How the member was matched: by the host (and port) of the node's URL, or by name; null when not matched. */
  matchedBy: z.enum(['address', 'name']).nullable(),
  responseMs: z.number().nullable(),
  message: z.string().nullable(),
});
export type PrimaryNode = z.infer<typeof primaryNodeSchema>;

/** Repository inventory from the paged `/rest/api/1.0/repos`, counted by `state`. */
export const repositoryCountsSchema = z.object({
  total: z.number().int().nonnegative(),
  available: z.number().int().nonnegative(),
  initialising: z.number().int().nonnegative(),
  initialisationFailed: z.number().int().nonnegative(),
  offline: z.number().int().nonnegative(),
  archived: z.number().int().nonnegative(),
  projects: z.number().int().nonnegative(),
});
export type RepositoryCounts = z.infer<typeof repositoryCountsSchema>;

export const primarySchema = z.object({
  id: z.string(),
  name: z.string(),
  baseUrl: z.string(),
  status: targetStatusSchema,
  /** One line saying why the status is what it is, e.g. "1 of 3 nodes down: bb-node-2". */
  statusMessage: z.string().nullable(),
  version: z.string().nullable(),
  buildNumber: z.string().nullable(),
  displayName: z.string().nullable(),
  nodes: z.array(primaryNodeSchema),
  repositories: repositoryCountsSchema.nullable(),
  /** When the repository inventory was last read in full (it runs on a slower schedule). */
  inventoryAt: z.number().nullable(),
  /** How long the last inventory walk took, ended or failed (ms); absent before the first. Its own job, not part of a poll. */
  inventoryDurationMs: z.number().nullable().optional(),
  /** When the last poll ended, successful or not (epoch ms). */
  lastPollAt: z.number().nullable(),
  /** When the last poll ended in which every part readable with the configured credentials was read (epoch ms). */
  lastSuccessAt: z.number().nullable(),
  /** True when version, nodes or inventory is stale (each by its own schedule; see `datasets`). */
  stale: z.boolean(),
  /** Each part's own freshness: version, nodes, inventory, cache, mirrors. */
  datasets: primaryDatasetsSchema,
  lastError: targetErrorSchema.nullable(),
  pollIntervalSeconds: z.number().positive(),
  /** Whether an admin credential is configured, so admin actions can run (read-only mode otherwise). */
  adminCredential: z.boolean(),
  /** Duration of the last poll in milliseconds. */
  pollDurationMs: z.number().nullable(),
  /** SCM cache configuration and statistics; null until polled or where the plugin is unreachable. */
  cache: primaryCacheSchema.nullable(),
  pendingMirrorRequests: z.array(pendingMirrorRequestSchema),
});
export type Primary = z.infer<typeof primarySchema>;
