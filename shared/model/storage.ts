import { z } from 'zod';
import { targetErrorSchema, targetStatusSchema } from './status';

/**
 * A storage source (a GlusterFS cluster reached over SSH or a local CLI) as the snapshot carries
 * it (`storage[]`). Everything here is derived from `gluster --xml` output; whatever could not be
 * read is null (or `unknown`), never a healthy-looking default.
 */

export const findingSeveritySchema = z.enum(['info', 'warning', 'critical']);
export type FindingSeverity = z.infer<typeof findingSeveritySchema>;

/** A volume's health: the worst of its findings. `unknown` when data it depends on is missing. */
export const volumeVerdictSchema = z.enum(['ok', 'degraded', 'critical', 'unknown']);
export type VolumeVerdict = z.infer<typeof volumeVerdictSchema>;

/** Worst-first ordering of verdicts; missing data ranks above ok so a volume is never ok without it. */
export const VERDICT_RANK: Record<VolumeVerdict, number> = { ok: 0, unknown: 1, degraded: 2, critical: 3 };

export const storageFindingSchema = z.object({
  /** Stable across polls: rule and subject, e.g. `brick-down:bbshared:gl1:/bricks/b2`. */
  id: z.string(),
  /** The health rule that produced it (see docs/storage.md), e.g. `brick-down`, `split-brain`. */
  rule: z.string(),
  severity: findingSeveritySchema,
  title: z.string(),
  /** What it means for Bitbucket and what to do, in plain words. */
  explanation: z.string(),
  /** The facts behind it, e.g. "pid -1, port N/A in `volume status`". */
  detail: z.string().nullable(),
  volume: z.string().nullable(),
  /** `raised` once it held for two polls; `confirming` on its first poll; `clearing` on its first poll gone. */
  state: z.enum(['raised', 'confirming', 'clearing']),
  /** When it was first seen (epoch ms). */
  since: z.number(),
});
export type StorageFinding = z.infer<typeof storageFindingSchema>;

export const brickHealSchema = z.object({
  /** "Connected", or why the heal crawl could not reach the brick. */
  status: z.string(),
  connected: z.boolean(),
  total: z.number().nullable(),
  pending: z.number().nullable(),
  splitBrain: z.number().nullable(),
  possiblyHealing: z.number().nullable(),
});
export type BrickHeal = z.infer<typeof brickHealSchema>;

export const brickSchema = z.object({
  /** `host:/path`, as gluster names it. */
  name: z.string(),
  host: z.string(),
  path: z.string(),
  /** Index of its replica set (subvolume) in the volume, from brick order. */
  replicaSet: z.number().int().nonnegative(),
  arbiter: z.boolean(),
  peerId: z.string().nullable(),
  /**
   * `down` also when absent from `volume status` because its server is a disconnected peer; `unknown`
   * when absent for no reason Fleetscope can see.
   */
  status: targetStatusSchema,
  /** Why the brick counts as down without `volume status` saying so, e.g. "gluster3 is disconnected". */
  downBecause: z.string().nullable().optional(),
  pid: z.number().nullable(),
  port: z.number().nullable(),
  sizeTotal: z.number().nullable(),
  /** statvfs f_bfree: includes root-reserved blocks, so slightly more than `df` shows as available. */
  sizeFree: z.number().nullable(),
  usedPercent: z.number().nullable(),
  inodesTotal: z.number().nullable(),
  inodesFree: z.number().nullable(),
  inodesFreePercent: z.number().nullable(),
  device: z.string().nullable(),
  fsName: z.string().nullable(),
  heal: brickHealSchema.nullable(),
});
export type Brick = z.infer<typeof brickSchema>;

export const quorumStateSchema = z.enum(['met', 'lost', 'unknown', 'not-applicable']);
export type QuorumState = z.infer<typeof quorumStateSchema>;

export const replicaSetSchema = z.object({
  index: z.number().int().nonnegative(),
  /** Gluster's subvolume name, e.g. `bbartifacts-replicate-1`. */
  name: z.string(),
  bricks: z.array(z.string()),
  up: z.number().int().nonnegative(),
  down: z.number().int().nonnegative(),
  unknown: z.number().int().nonnegative(),
  status: targetStatusSchema,
  /** Client quorum of this set (`cluster.quorum-type`). */
  quorum: quorumStateSchema,
  /** The rule applied, in words, e.g. "auto: more than 1 of 3 bricks up". */
  quorumRule: z.string(),
});
export type ReplicaSet = z.infer<typeof replicaSetSchema>;

export const daemonSchema = z.object({
  /** "Self-heal Daemon", "Quota Daemon", … */
  name: z.string(),
  /** Where it runs, as `volume status` says ("localhost" for the answering server). */
  host: z.string(),
  peerId: z.string().nullable(),
  online: z.boolean(),
  pid: z.number().nullable(),
});
export type Daemon = z.infer<typeof daemonSchema>;

export const volumeQuorumSchema = z.object({
  /** Effective client quorum type; the default is auto for odd replica counts, none otherwise. */
  clientType: z.enum(['auto', 'fixed', 'none']).nullable(),
  /** True when `cluster.quorum-type` is at its default (not set on the volume). */
  clientTypeDefault: z.boolean(),
  clientCount: z.number().nullable(),
  serverType: z.enum(['server', 'off']).nullable(),
  /** `cluster.server-quorum-ratio` in percent; null when unset (then more than half the servers). */
  serverRatio: z.number().nullable(),
  /** Server quorum as computed from the peers; `not-applicable` when server-quorum-type is off. */
  server: quorumStateSchema,
});
export type VolumeQuorum = z.infer<typeof volumeQuorumSchema>;

export const volumeOptionsSchema = z.object({
  selfHealDaemon: z.boolean().nullable(),
  healTimeoutSeconds: z.number().nullable(),
  minFreeDiskPercent: z.number().nullable(),
  minFreeInodesPercent: z.number().nullable(),
  storageReservePercent: z.number().nullable(),
  favoriteChildPolicy: z.string().nullable(),
  quota: z.boolean(),
});
export type VolumeOptions = z.infer<typeof volumeOptionsSchema>;

export const splitBrainEntrySchema = z.object({ brick: z.string(), path: z.string(), gfid: z.string().nullable() });
export type SplitBrainEntry = z.infer<typeof splitBrainEntrySchema>;

export const volumeHealSchema = z.object({
  /** False for volumes without replication: there is nothing to heal. */
  applicable: z.boolean(),
  /** When heal info was last read (it runs on its own, slower schedule). */
  at: z.number().nullable(),
  /** Files needing heal: max per replica set (the same entry sits on every good brick), summed over sets. */
  pending: z.number().nullable(),
  splitBrain: z.number().nullable(),
  possiblyHealing: z.number().nullable(),
  trend: z.enum(['rising', 'falling', 'steady', 'unknown']),
  /** Why heal info could not be read, when it could not. */
  error: z.string().nullable(),
  splitBrainEntries: z.array(splitBrainEntrySchema),
  splitBrainEntriesTruncated: z.boolean(),
});
export type VolumeHeal = z.infer<typeof volumeHealSchema>;

export const quotaLimitSchema = z.object({
  path: z.string(),
  hardLimit: z.number().nullable(),
  softLimitPercent: z.number().nullable(),
  used: z.number().nullable(),
  available: z.number().nullable(),
  softExceeded: z.boolean(),
  hardExceeded: z.boolean(),
});
export type QuotaLimit = z.infer<typeof quotaLimitSchema>;

export const volumeTaskSchema = z.object({ type: z.string(), id: z.string(), statusStr: z.string() });
export type VolumeTask = z.infer<typeof volumeTaskSchema>;

export const volumeSchema = z.object({
  name: z.string(),
  id: z.string(),
  /** Gluster's layout name: Replicate, Distributed-Replicate, Distribute, Disperse, … */
  type: z.string(),
  /** Gluster's own state: Started, Stopped, Created. */
  state: z.string(),
  /** Availability from bricks and quorum: up, degraded (bricks down, quorum kept), down, unknown. */
  status: targetStatusSchema,
  /** Health: the worst of the raised findings; never ok when data is missing. */
  verdict: volumeVerdictSchema,
  /** One line saying why the verdict is what it is. */
  verdictReason: z.string(),
  brickCount: z.number().int().nonnegative(),
  distCount: z.number().int().nonnegative(),
  replicaCount: z.number().int().nonnegative(),
  arbiterCount: z.number().int().nonnegative(),
  replicaSets: z.array(replicaSetSchema),
  bricks: z.array(brickSchema),
  daemons: z.array(daemonSchema),
  heal: volumeHealSchema,
  quorum: volumeQuorumSchema,
  options: volumeOptionsSchema,
  /** Quota limits when quota is on; null when off or unreadable. */
  quota: z.array(quotaLimitSchema).nullable(),
  tasks: z.array(volumeTaskSchema),
  findings: z.array(storageFindingSchema),
});
export type Volume = z.infer<typeof volumeSchema>;

export const peerSchema = z.object({
  uuid: z.string(),
  hostname: z.string(),
  hostnames: z.array(z.string()),
  connected: z.boolean(),
  state: z.number().nullable(),
  stateStr: z.string(),
});
export type Peer = z.infer<typeof peerSchema>;

export const geoRepPairSchema = z.object({
  primaryNode: z.string(),
  primaryBrick: z.string(),
  secondaryUser: z.string().nullable(),
  secondary: z.string(),
  secondaryNode: z.string().nullable(),
  /** Active, Passive, Faulty, Initializing..., Created, Paused, Stopped, Offline. */
  status: z.string(),
  crawlStatus: z.string().nullable(),
  /** As the cluster prints it ("YYYY-MM-DD HH:MM:SS", UTC); null when N/A. */
  lastSynced: z.string().nullable(),
  /** Seconds since lastSynced, when it can be told. */
  lagSeconds: z.number().nullable(),
  entry: z.number().nullable(),
  data: z.number().nullable(),
  meta: z.number().nullable(),
  failures: z.number().nullable(),
  checkpointCompleted: z.string().nullable(),
  checkpointTime: z.string().nullable(),
});
export type GeoRepPair = z.infer<typeof geoRepPairSchema>;

export const geoRepSessionSchema = z.object({
  primaryVolume: z.string(),
  secondary: z.string(),
  /** The worst state over its pairs. */
  status: z.string(),
  pairs: z.array(geoRepPairSchema),
});
export type GeoRepSession = z.infer<typeof geoRepSessionSchema>;

export const storageSourceSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** up; degraded (a volume or peer has a problem); down (glusterd or SSH unreachable); unknown (data missing). */
  status: targetStatusSchema,
  statusMessage: z.string().nullable(),
  transport: z.enum(['ssh', 'local']),
  /** `root@gluster1:22` or the local command; never a credential. */
  endpoint: z.string(),
  lastPollAt: z.number().nullable(),
  lastSuccessAt: z.number().nullable(),
  /** True when the volumes shown are from an earlier poll than the last one. */
  stale: z.boolean(),
  lastError: targetErrorSchema.nullable(),
  pollIntervalSeconds: z.number().positive(),
  healIntervalSeconds: z.number().nonnegative(),
  pollDurationMs: z.number().nullable(),
  /** Gluster commands run by the last poll. */
  commandsLastPoll: z.number().int().nonnegative().nullable(),
  opVersion: z.number().nullable(),
  maxOpVersion: z.number().nullable(),
  /** Other servers of the trusted pool; null until read. */
  peers: z.array(peerSchema).nullable(),
  /** Geo-replication sessions; null until read or when unreadable. */
  geoReplication: z.array(geoRepSessionSchema).nullable(),
  volumes: z.array(volumeSchema),
  /** Findings about the cluster rather than one volume: glusterd, peers, version skew. */
  findings: z.array(storageFindingSchema),
});
export type StorageSource = z.infer<typeof storageSourceSchema>;

/** Heal history series a chart can ask for (`getStorageHistory`). */
export const storageMetricSchema = z.enum(['heal.pending', 'heal.splitBrain', 'bricks.up', 'capacity.maxUsedPercent']);
