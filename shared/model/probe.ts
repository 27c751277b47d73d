import { z } from 'zod';

/** The oldest git the clone doctor runs: `GIT_CONFIG_COUNT` and `GIT_CONFIG_GLOBAL` (2.32) keep credentials and TLS settings off the command line and out of the user's config. */
export const MIN_GIT_VERSION = '2.32.0';

/** Phases of one clone, from git's own trace (`GIT_TRACE2_EVENT`, and curl's connect lines). */
export const probePhaseNameSchema = z.enum(['connect', 'refs', 'negotiation', 'transfer', 'other']);
export type ProbePhaseName = z.infer<typeof probePhaseNameSchema>;

export const PROBE_PHASE_LABELS: Record<ProbePhaseName, string> = {
  connect: 'Connect (TLS or SSH)',
  refs: 'Ref advertisement',
  negotiation: 'Negotiation',
  transfer: 'Pack transfer',
  other: 'Other',
};

export const probeEndpointKindSchema = z.enum(['primary', 'node', 'mirror', 'mirror-node']);

/** How git reaches an endpoint: smart HTTP(S), or SSH where the primary's config gives an SSH URL and key. */
export const probeTransportSchema = z.enum(['http', 'ssh']);
export type ProbeTransport = z.infer<typeof probeTransportSchema>;
export const PROBE_TRANSPORT_LABELS: Record<ProbeTransport, string> = { http: 'HTTP(S)', ssh: 'SSH' };

/** Whether the SCM cache served the clone, from its per-repository counters read before and after. */
export const probeCacheOutcomeSchema = z.enum(['hit', 'miss', 'uncertain', 'unknown', 'not-counted']);
export type ProbeCacheOutcome = z.infer<typeof probeCacheOutcomeSchema>;

export const probeCloneSchema = z.object({
  outcome: z.enum(['ok', 'failed', 'timeout', 'cancelled', 'capped']),
  totalMs: z.number(),
  phases: z.array(z.object({ name: probePhaseNameSchema, ms: z.number() })),
  /** Bytes of pack received (the pack files git wrote). */
  packBytes: z.number().nullable(),
  /** Pack bytes per second of the transfer phase. */
  bytesPerSecond: z.number().nullable(),
  shallow: z.boolean(),
});
export type ProbeClone = z.infer<typeof probeCloneSchema>;

export const probeEndpointSchema = z.object({
  /** `Production EU (load balancer)`, `node prod-eu-node-2`, `São Paulo CI farm`… */
  label: z.string(),
  kind: probeEndpointKindSchema,
  transport: probeTransportSchema,
  /** The clone URL, never with credentials. */
  url: z.string(),
  /** What went wrong, in words a person can act on; null when nothing did. */
  error: z.string().nullable(),
  lsRemoteMs: z.number().nullable(),
  /** The refs this endpoint advertised: how many, and where HEAD points. */
  refs: z.object({ count: z.number().int(), head: z.string().nullable() }).nullable(),
  /** Whether the refs equal the primary's; null for the primary itself or when either is unknown. */
  refsMatchPrimary: z.boolean().nullable(),
  refsNote: z.string().nullable(),
  clone: probeCloneSchema.nullable(),
  cache: probeCacheOutcomeSchema,
  /** One line: "São Paulo CI farm: 41 s, 38 s of it receiving the pack at 2.1 MB/s". */
  verdict: z.string(),
});
export type ProbeEndpoint = z.infer<typeof probeEndpointSchema>;

export const probeReportSchema = z.object({
  primaryId: z.string(),
  projectKey: z.string(),
  repoSlug: z.string(),
  startedAt: z.number(),
  finishedAt: z.number(),
  gitVersion: z.string(),
  protocol: z.union([z.literal(1), z.literal(2)]),
  /** Which transports were asked for; an endpoint is probed over SSH only where the config gives SSH. */
  transport: z.enum(['http', 'ssh', 'both']),
  full: z.boolean(),
  /** The size cap of each clone, in bytes. */
  capBytes: z.number(),
  cancelled: z.boolean(),
  endpoints: z.array(probeEndpointSchema),
  /** What was left out and why (SSH endpoints, unreachable farms…). */
  notes: z.array(z.string()),
});
export type ProbeReport = z.infer<typeof probeReportSchema>;
