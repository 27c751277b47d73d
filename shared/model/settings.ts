import { z } from 'zod';
import { hasUserInfo, USERINFO_REFUSED } from '../logic/url-userinfo';

/** Where a secret comes from; the value itself never leaves the engine. */
export const secretSourceSchema = z.discriminatedUnion('source', [
  z.object({ source: z.literal('env'), name: z.string() }),
  z.object({ source: z.literal('vault') }),
  z.object({ source: z.literal('inline') }),
]);

export const credentialViewSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('token'), secret: secretSourceSchema }),
  z.object({ kind: z.literal('basic'), username: z.string(), secret: secretSourceSchema }),
]);
export type CredentialView = z.infer<typeof credentialViewSchema>;

/** A primary as the Settings view shows it: everything but secret values. */
export const primarySettingsSchema = z.object({
  id: z.string(),
  name: z.string(),
  baseUrl: z.string(),
  nodes: z.array(z.object({ name: z.string(), baseUrl: z.string() })),
  read: credentialViewSchema.nullable(),
  admin: credentialViewSchema.nullable(),
  caFile: z.string().nullable(),
  proxy: z.string().nullable(),
  timeoutSeconds: z.number().nullable(),
});
export type PrimarySettings = z.infer<typeof primarySettingsSchema>;

export const settingsSchema = z.object({
  /** The fleet config file that Settings edits. */
  configPath: z.string(),
  /** True while the simulated fleet is shown: saving switches to the fleet in configPath. */
  demo: z.boolean(),
  pollIntervalSeconds: z.number(),
  /** The mirror sweep in force: its period (0: every poll) and its bytes-a-second budget per primary. */
  mirrorSweep: z.object({ intervalSeconds: z.number(), budgetKBps: z.number() }),
  /** The SCM cache statistics' schedule in force: read at most this often (0: every poll), within a bytes-a-second budget per primary. */
  cacheStatistics: z.object({ intervalSeconds: z.number(), budgetKBps: z.number() }),
  primaries: z.array(primarySettingsSchema),
  /** Storage sources as written in the config file (no secrets live there). */
  storage: z.array(z.record(z.string(), z.unknown())),
  /** `vault`: secrets typed here are kept encrypted by the desktop; `env-only`: only ${env:NAME} references. */
  secretStorage: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('vault'), backend: z.string() }),
    z.object({ kind: z.literal('env-only'), reason: z.string() }),
  ]),
  warnings: z.array(z.string()),
});
export type Settings = z.infer<typeof settingsSchema>;

/** A secret typed in Settings: a value (desktop vault), an environment variable, or "keep what is stored". */
export const secretInputSchema = z.union([
  z.object({ value: z.string().min(1).max(4096) }).strict(),
  z.object({ env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name: letters, digits, underscore') }).strict(),
  z.object({ keep: z.literal(true) }).strict(),
]);
export type SecretInput = z.infer<typeof secretInputSchema>;

export const credentialInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z.object({ kind: z.literal('token'), token: secretInputSchema }).strict(),
  z.object({ kind: z.literal('basic'), username: z.string().min(1).max(255), password: secretInputSchema }).strict(),
]);
export type CredentialInput = z.infer<typeof credentialInputSchema>;

const plainUrl = z
  .string()
  .url()
  .refine((u) => !hasUserInfo(u), USERINFO_REFUSED);

export const primaryInputSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/i, 'letters, digits, dot, dash or underscore (at most 63)'),
    name: z.string().min(1).max(200),
    baseUrl: plainUrl,
    nodes: z
      .array(z.object({ name: z.string().min(1), baseUrl: plainUrl }).strict())
      .max(64)
      .default([]),
    read: credentialInputSchema,
    admin: credentialInputSchema,
    caFile: z.string().max(4096).nullable().default(null),
    proxy: z
      .string()
      .max(2048)
      .refine((u) => !hasUserInfo(u), USERINFO_REFUSED)
      .nullable()
      .default(null),
    timeoutSeconds: z.number().positive().max(120).nullable().default(null),
  })
  .strict();
export type PrimaryInput = z.input<typeof primaryInputSchema>;

export const connectionStepSchema = z.object({
  step: z.enum(['reachability', 'tls', 'version', 'read-credential', 'admin-credential']),
  status: z.enum(['ok', 'warning', 'failed', 'skipped']),
  message: z.string(),
});
export const connectionReportSchema = z.object({
  ok: z.boolean(),
  version: z.string().nullable(),
  steps: z.array(connectionStepSchema),
});
export type ConnectionReport = z.infer<typeof connectionReportSchema>;
