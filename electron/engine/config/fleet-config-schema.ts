import { z } from 'zod';
import { hasUserInfo, USERINFO_REFUSED } from '../../../shared/logic/url-userinfo';
import { sshCloneConfigSchema } from './ssh-clone-config';
import { storageConfigSchema } from './storage-config-schema';

/** `${env:NAME}` — how a config file refers to a secret kept outside it. */
export const ENV_REF = /^\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}$/;

/** A field that holds a secret: never returned by a request (a test walks the schema for these). */
export const secretString = () => z.string().min(1).meta({ secret: true });

/** Keys whose values are secrets wherever they appear: in a file they should be references, never values. */
export const SECRET_CONFIG_KEYS: ReadonlySet<string> = new Set(['token', 'password', 'passphrase', 'privateKey']);

const credentialSchema = z.union([z.object({ token: secretString() }).strict(), z.object({ username: z.string().min(1), password: secretString() }).strict()]);
export type CredentialConfig = z.infer<typeof credentialSchema>;

const idSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/i, 'use letters, digits, dot, dash or underscore (at most 63)');

const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'must start with http:// or https://')
  .refine((u) => !hasUserInfo(u), USERINFO_REFUSED)
  .transform((u) => u.replace(/\/+$/, ''));

export const primaryConfigSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1).max(200),
    baseUrl: httpUrl,
    /** Per-node HTTP base URLs, so each node's `/status` can be polled behind the load balancer. */
    nodes: z.array(z.object({ name: z.string().min(1), baseUrl: httpUrl }).strict()).default([]),
    read: credentialSchema.optional(),
    admin: credentialSchema.optional(),
    tls: z
      .object({ caFile: z.string().min(1).optional() })
      .strict()
      .optional(),
    /**
     * How to reach this primary (and its mirrors): unset = the environment's HTTPS_PROXY /
     * HTTP_PROXY / NO_PROXY; a proxy URL; or "direct" to ignore the environment.
     */
    proxy: z
      .string()
      .transform((v, ctx) => {
        if (v === 'direct') return v;
        const url = httpUrl.safeParse(v);
        if (url.success) return url.data;
        url.error.issues.forEach((i) => ctx.addIssue({ code: 'custom', message: `${i.message} (or "direct")` }));
        return z.NEVER;
      })
      .optional(),
    timeoutSeconds: z.number().positive().max(120).optional(),
    /** SSH clone endpoints and the key the clone doctor uses for them (see ssh-clone-config.ts). */
    ssh: sshCloneConfigSchema.optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    for (const name of Object.keys(p.ssh?.nodes ?? {}))
      if (!p.nodes.some((n) => n.name === name))
        ctx.addIssue({
          code: 'custom',
          path: ['ssh', 'nodes', name],
          message: `names no node of this primary (nodes: ${p.nodes.map((n) => n.name).join(', ') || 'none'})`,
        });
  });
export type PrimaryConfig = z.infer<typeof primaryConfigSchema>;

/**
 * A Prometheus that scrapes this Fleetscope's /metrics: the charts read the part of a range older
 * than the local history from it (`query_range`).
 */
const prometheusConfigSchema = z
  .object({
    url: httpUrl,
    /** A bearer token, as a secret reference (`${env:NAME}`, `${vault:NAME}`). */
    token: secretString().optional(),
    /** A CA certificate (PEM) to trust beside the default roots. */
    caFile: z.string().min(1).optional(),
  })
  .strict();
export type PrometheusConfig = z.infer<typeof prometheusConfigSchema>;

/** How many repositories get per-repository series unless `metrics.perRepository.limit` says otherwise. */
export const PER_REPOSITORY_DEFAULT_LIMIT = 200;
/** The highest limit a config may set: 10,000 repositories are already tens of thousands of series. */
export const PER_REPOSITORY_MAX_LIMIT = 10_000;

/**
 * The opt-in to series that carry a repository (`/metrics`): which projects' repositories, and at
 * most how many in all. Past the limit, repositories are dropped in a stable order (primary, project,
 * slug) and counted in `fleetscope_metrics_repositories_dropped`.
 */
const perRepositoryMetricsSchema = z
  .object({
    /** Project keys (`PLAT`, `~ALICE`) on any primary; absent: every project, still within the limit. */
    projects: z
      .array(
        z
          .string()
          .min(1)
          .max(128)
          .regex(/^[~\w.-]+$/, 'a project key: letters, digits, "_", "-", "." or a leading "~"'),
      )
      .min(1)
      .max(1000)
      .optional(),
    limit: z.number().int().min(1).max(PER_REPOSITORY_MAX_LIMIT).default(PER_REPOSITORY_DEFAULT_LIMIT),
  })
  .strict();
export type PerRepositoryMetricsConfig = z.infer<typeof perRepositoryMetricsSchema>;

export const DEFAULT_MIRROR_SWEEP_SECONDS = 600;
export const DEFAULT_MIRROR_SWEEP_BUDGET_KBPS = 512;
export const DEFAULT_CACHE_STATS_SECONDS = 0;
export const DEFAULT_CACHE_STATS_BUDGET_KBPS = 64;

export const fleetConfigSchema = z
  .object({
    pollIntervalSeconds: z.number().min(1).max(3600).default(15),
    /** The repository inventory costs a request per 1,000 repositories, so it refreshes less often. */
    inventoryIntervalSeconds: z.number().min(0).max(86_400).default(60),
    /**
     * Mirrors' per-repository detail (the primary's hashes, each node's repoSyncStatus) costs a
     * request per 1,000 repositories and node, so it is swept this often instead of every poll.
     * 0: in every poll, before its results are applied (small fleets, tests).
     */
    mirrorSweepIntervalSeconds: z.number().min(0).max(86_400).default(DEFAULT_MIRROR_SWEEP_SECONDS),
    /** The bytes a second (in KB) one primary's mirror sweep may read, averaged over the sweep. */
    mirrorSweepBudgetKBps: z.number().min(1).max(1_000_000).default(DEFAULT_MIRROR_SWEEP_BUDGET_KBPS),
    /**
     * The SCM cache statistics (`GET /caches`) list every repository, ~120 bytes each, in one body:
     * they are read at most this often (0: every poll), and after a body of N bytes not again for
     * N / budget seconds, so one primary's statistics average at most the budget whatever its size.
     */
    cacheStatsIntervalSeconds: z.number().min(0).max(86_400).default(DEFAULT_CACHE_STATS_SECONDS),
    /** The bytes a second (in KB) one primary's cache statistics may average. */
    cacheStatsBudgetKBps: z.number().min(1).max(1_000_000).default(DEFAULT_CACHE_STATS_BUDGET_KBPS),
    primaries: z.array(primaryConfigSchema).default([]),
    storage: storageConfigSchema,
    /** How much poll history is kept: whichever bound is reached first. */
    history: z
      .object({
        retentionDays: z.number().min(1).max(3650).default(30),
        maxSizeMB: z.number().min(10).max(100_000).default(500),
      })
      .strict()
      .default({ retentionDays: 30, maxSizeMB: 500 }),
    prometheus: prometheusConfigSchema.optional(),
    /** What `/metrics` exports beyond its default, bounded series. */
    metrics: z.object({ perRepository: perRepositoryMetricsSchema.optional() }).strict().optional(),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    const seen = new Set<string>();
    cfg.primaries.forEach((p, i) => {
      if (seen.has(p.id)) ctx.addIssue({ code: 'custom', path: ['primaries', i, 'id'], message: `duplicate id "${p.id}"` });
      seen.add(p.id);
    });
  });
export type FleetConfig = z.infer<typeof fleetConfigSchema> & {
  /**
   * Targets that cannot be polled as written (an unresolvable secret reference): id → what
   * happened and what to do. Set by the loader, never read from the file.
   */
  readonly targetErrors?: Readonly<Record<string, string>>;
};
