import { z } from 'zod';

import { GIT_OP_KINDS } from './git-op-kinds';

export { GIT_OP_KINDS, GIT_OP_LABELS, type GitOpKind } from './git-op-kinds';

/** `none`: the line has neither `cache:hit` nor `cache:miss` (the operation bypassed the SCM cache). */
export const cacheOutcomeSchema = z.enum(['hit', 'miss', 'none']);
export type CacheOutcome = z.infer<typeof cacheOutcomeSchema>;

const kindSchema = z.enum(GIT_OP_KINDS);
const count = z.number().int().nonnegative();

/** p50/p95 are the upper edge of a fixed histogram bucket (at most 10 % above the true value); max is exact. */
export const durationStatsSchema = z.object({ count, p50Ms: z.number().nullable(), p95Ms: z.number().nullable(), maxMs: z.number().nullable() });
export type DurationStats = z.infer<typeof durationStatsSchema>;

export const cacheCountsSchema = z.object({ hit: count, miss: count, none: count });
export type CacheCounts = z.infer<typeof cacheCountsSchema>;

const topEntrySchema = z.object({
  key: z.string(),
  operations: count,
  totalMs: z.number().nonnegative(),
  /** Set when the top-K structure evicted and re-admitted this key: counts may be low by this much at most. */
  error: count,
  /** Per repository only (users and addresses keep totals). */
  durations: durationStatsSchema.nullable(),
});
export type TopEntry = z.infer<typeof topEntrySchema>;

export const slowOperationSchema = z.object({
  at: z.number(),
  durationMs: z.number(),
  kind: kindSchema,
  repository: z.string(),
  user: z.string(),
  clientIp: z.string(),
  node: z.string(),
  protocol: z.enum(['http', 'ssh']),
  gitProtocol: z.union([z.literal(1), z.literal(2)]),
  cache: cacheOutcomeSchema,
  status: z.string(),
});
export type SlowOperation = z.infer<typeof slowOperationSchema>;

export const unparsedLineSchema = z.object({ source: z.string(), line: z.number().int(), text: z.string(), reason: z.string() });

/** A node that served one repository's clones far slower than the repository's other nodes. */
export const slowRepositoryNodeSchema = z.object({
  repository: z.string(),
  node: z.string(),
  /** p95 clone time of this repository on this node, and the median p95 of its other nodes. */
  p95Ms: z.number(),
  othersP95Ms: z.number(),
  ratio: z.number(),
});
export type SlowRepositoryNode = z.infer<typeof slowRepositoryNodeSchema>;

/** What one reading of access logs found, over the chosen time range. Times are the log's own clock. */
export const accessLogReportSchema = z.object({
  /** `ranges`: a plain log read in that many byte ranges at once (worker threads); absent when read in one pass. */
  sources: z.array(z.object({ name: z.string(), bytes: count, lines: count, ranges: count.optional() })),
  range: z.object({ from: z.number().nullable(), to: z.number().nullable() }),
  /** First and last operation seen in range. */
  seen: z.object({ first: z.number().nullable(), last: z.number().nullable() }),
  intervalMs: z.number().int().positive(),
  lines: z.object({ total: count, git: count, other: count, outOfRange: count, unparsable: count, unpairedRequests: count }),
  operations: z.object({ total: count, byKind: z.record(kindSchema, count) }),
  perInterval: z.array(z.object({ start: z.number(), byKind: z.array(count) })),
  cache: z.object({
    byKind: z.record(kindSchema, cacheCountsSchema),
    byProtocol: z.array(z.object({ protocol: z.enum(['http', 'ssh']), gitProtocol: z.union([z.literal(1), z.literal(2)]), counts: cacheCountsSchema })),
  }),
  durations: z.object({
    byKind: z.record(kindSchema, durationStatsSchema),
    byNode: z.array(z.object({ node: z.string(), durations: durationStatsSchema })),
    /** Clones and shallow clones only, per node: the figures nodes are compared by. */
    clonesByNode: z.array(z.object({ node: z.string(), durations: durationStatsSchema })),
    /** Repositories whose clones on one node were far slower than on their other nodes, the largest ratio first. */
    slowNodesByRepository: z.array(slowRepositoryNodeSchema),
  }),
  concurrency: z.object({
    limit: z.number().int().positive().nullable(),
    peak: count,
    secondsOverLimit: count,
    /** Peak operations in flight in each interval (per-second resolution inside it). */
    perInterval: z.array(z.object({ start: z.number(), peak: count })),
    /** Hours past the tracking cap were not counted (narrow the time range to see them). */
    truncated: z.boolean(),
  }),
  top: z.object({ repositories: z.array(topEntrySchema), users: z.array(topEntrySchema), clientIps: z.array(topEntrySchema) }),
  slowest: z.array(slowOperationSchema),
  unparsable: z.object({ count, examples: z.array(unparsedLineSchema) }),
});
export type AccessLogReport = z.infer<typeof accessLogReportSchema>;

export const accessLogProgressSchema = z.object({
  jobId: z.string(),
  bytesDone: count,
  bytesTotal: count,
  source: z.string(),
  lines: count,
});
