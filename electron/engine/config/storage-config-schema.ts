import { z } from 'zod';
import { glusterCommandSchema } from './gluster-command';

/**
 * `storage:` entries of the fleet config: GlusterFS clusters reached over SSH or a local CLI.
 *
 * ```yaml
 * storage:
 *   - id: shared-home
 *     name: Shared home
 *     gluster:
 *       ssh: { host: gluster1.example.com, username: root, privateKeyFile: ~/.ssh/id_ed25519, knownHostsFile: ~/.ssh/known_hosts }
 *       # or local: { command: gluster }
 * ```
 */

const idSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/i, 'use letters, digits, dot, dash or underscore (at most 63)');

const sshSchema = z
  .object({
    host: z.string().min(1).max(255),
    port: z.number().int().min(1).max(65_535).default(22),
    username: z.string().min(1).max(100),
    privateKeyFile: z.string().min(1),
    /** Passphrase of the private key, best as `${env:NAME}`. */
    passphrase: z.string().min(1).meta({ secret: true }).optional(),
    /** OpenSSH known_hosts file; the server's host key must be in it, or the connection is refused. */
    knownHostsFile: z.string().min(1),
    /** The gluster CLI on the server, e.g. `sudo -n gluster` for a non-root account: an argv, never shell syntax. */
    command: glusterCommandSchema.default(['gluster']),
    connectTimeoutSeconds: z.number().positive().max(120).default(10),
  })
  .strict();
export type SshConfig = z.infer<typeof sshSchema>;

const localSchema = z
  .object({
    /** A path or a name found on PATH ending in `gluster` (an argv, never shell syntax); it must print gluster's XML. */
    command: glusterCommandSchema,
  })
  .strict();
type LocalConfig = z.infer<typeof localSchema>;

const GLUSTER_SHAPE = 'gluster needs exactly one of `ssh: {host, username, privateKeyFile, knownHostsFile}` or `local: {command}`';

/** One of ssh or local; checked key by key so that the message is about the field that is wrong. */
const glusterSchema = z
  .object({ ssh: sshSchema.optional(), local: localSchema.optional() }, { error: GLUSTER_SHAPE })
  .strict()
  .refine((g) => (g.ssh === undefined) !== (g.local === undefined), { message: GLUSTER_SHAPE })
  .transform((g): { ssh: SshConfig } | { local: LocalConfig } => (g.ssh ? { ssh: g.ssh } : { local: g.local! }));

const thresholdsSchema = z
  .object({
    capacityWarningPercent: z.number().min(1).max(100).default(80),
    capacityCriticalPercent: z.number().min(1).max(100).default(90),
    inodesWarningFreePercent: z.number().min(0).max(100).default(10),
    inodesCriticalFreePercent: z.number().min(0).max(100).default(5),
    /** A heal backlog this large (files) is critical whatever its trend. */
    healBacklogCritical: z.number().int().positive().default(10_000),
    /** Active geo-replication pairs whose last sync is older than this are lagging. */
    geoRepLagWarningSeconds: z.number().positive().default(900),
    /** `Initializing...` for longer than this is a worker that cannot start. */
    geoRepInitializingSeconds: z.number().positive().default(120),
  })
  .strict()
  .refine((t) => t.capacityCriticalPercent >= t.capacityWarningPercent, { message: 'capacityCriticalPercent must be at least capacityWarningPercent' })
  .refine((t) => t.inodesCriticalFreePercent <= t.inodesWarningFreePercent, { message: 'inodesCriticalFreePercent must be at most inodesWarningFreePercent' });
export type StorageThresholds = z.infer<typeof thresholdsSchema>;

export const storageSourceConfigSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1).max(200),
    gluster: glusterSchema,
    /** Defaults to the fleet's pollIntervalSeconds. */
    pollIntervalSeconds: z.number().min(1).max(3600).optional(),
    /** `heal info` crawls every brick's index and is slow, so it runs on its own, slower schedule. */
    healIntervalSeconds: z.number().min(5).max(86_400).default(60),
    /** Longest any one gluster command may take (heal info included) before the poll gives up on it. */
    commandTimeoutSeconds: z.number().min(1).max(600).default(60),
    /** Volumes that must exist and run (a shared home): missing or not started is critical. */
    expectedVolumes: z.array(z.string().min(1)).default([]),
    /**
     * The primaries whose shared home or artifacts live here, so a repository's page can show the
     * storage under it: `[{ primaryId: prod, role: shared-home, volume: bbshared }]`. Without
     * `volume`, every volume of the source counts.
     */
    serves: z
      .array(
        z
          .object({
            primaryId: z.string().min(1).max(200),
            role: z.enum(['shared-home', 'artifacts']),
            volume: z.string().min(1).max(200).optional(),
          })
          .strict(),
      )
      .default([]),
    thresholds: thresholdsSchema.default({
      capacityWarningPercent: 80,
      capacityCriticalPercent: 90,
      inodesWarningFreePercent: 10,
      inodesCriticalFreePercent: 5,
      healBacklogCritical: 10_000,
      geoRepLagWarningSeconds: 900,
      geoRepInitializingSeconds: 120,
    }),
  })
  .strict();
export type StorageSourceConfig = z.infer<typeof storageSourceConfigSchema>;

export const storageConfigSchema = z
  .array(storageSourceConfigSchema)
  .default([])
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((s, i) => {
      if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate storage id "${s.id}"` });
      seen.add(s.id);
    });
  });

/**
 * Resolves the file paths of a storage entry as the config loader does for `tls.caFile`: `~/`
 * from the home folder, relative paths from the config file's folder. A local command without a
 * slash is a name looked up on PATH and stays as it is.
 */
export function resolveStoragePaths(entry: StorageSourceConfig, resolvePath: (p: string) => string): void {
  const g = entry.gluster;
  if ('ssh' in g) {
    g.ssh.privateKeyFile = resolvePath(g.ssh.privateKeyFile);
    g.ssh.knownHostsFile = resolvePath(g.ssh.knownHostsFile);
  } else {
    // The program is the last word before the options (after `sudo -n`, if any).
    const at = g.local.command.findIndex((w) => /gluster$/.test(w));
    const program = g.local.command[at];
    if (program?.includes('/')) g.local.command[at] = resolvePath(program);
  }
}
