import { z } from 'zod';

/**
 * `primaries[].ssh`: where the clone doctor may also clone over SSH, and with which key.
 *
 * ```yaml
 * ssh:
 *   url: ssh://git@bitbucket.example.com:7999          # Bitbucket's SSH base URL (no path)
 *   nodes: { node-1: ssh://git@node1.example.com:7999 }  # by the name of a configured node
 *   mirrors:                                            # by mirror farm name or id
 *     - { farm: São Paulo CI farm, url: ssh://git@mirror-sp.example.com:7999, nodes: { sp-2: ssh://git@sp2:7999 } }
 *   privateKey: ${vault:probe-ssh-key}                  # or privateKeyFile: ~/.ssh/fleetscope_probe
 *   knownHostsFile: ~/.ssh/known_hosts                  # or knownHosts: "[bitbucket.example.com]:7999 ssh-ed25519 AAAA…"
 * ```
 */

/** `ssh://user@host[:port]`, no password and no path: the repository path is Bitbucket's `/<project>/<slug>.git`. */
export const sshBaseUrl = z.string().transform((v, ctx) => {
  const trimmed = v.trim().replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be an SSH URL such as ssh://git@bitbucket.example.com:7999' });
    return z.NEVER;
  }
  if (url.protocol !== 'ssh:') ctx.addIssue({ code: 'custom', message: 'must start with ssh:// (Bitbucket shows it under Clone → SSH)' });
  if (url.password !== '') ctx.addIssue({ code: 'custom', message: 'must not carry a password: SSH clones authenticate with privateKey' });
  if (url.pathname !== '' && url.pathname !== '/')
    ctx.addIssue({ code: 'custom', message: 'must have no path: the repository path /<project>/<slug>.git is added per repository' });
  if (url.hostname === '') ctx.addIssue({ code: 'custom', message: 'must name a host' });
  return trimmed;
});

const byName = z.record(z.string().min(1), sshBaseUrl);

export const sshCloneConfigSchema = z
  .object({
    url: sshBaseUrl,
    /** SSH URLs of the primary's nodes, by the `name` of an entry in `nodes`. */
    nodes: byName.default({}),
    mirrors: z.array(z.object({ farm: z.string().min(1), url: sshBaseUrl, nodes: byName.default({}) }).strict()).default([]),
    /** The private key's text (OpenSSH or PEM, without a passphrase), as `${vault:NAME}` or `${env:NAME}`. */
    privateKey: z.string().min(1).meta({ secret: true }).optional(),
    /** Or a file holding it; its path (never its content) is what ssh is given. */
    privateKeyFile: z.string().min(1).optional(),
    /** An OpenSSH known_hosts file that must hold every SSH endpoint's host key… */
    knownHostsFile: z.string().min(1).optional(),
    /** …or its lines written here. Unknown or changed host keys are refused, never trusted on first use. */
    knownHosts: z.string().min(1).optional(),
    connectTimeoutSeconds: z.number().positive().max(120).default(10),
  })
  .strict()
  .superRefine((s, ctx) => {
    if ((s.privateKey === undefined) === (s.privateKeyFile === undefined))
      ctx.addIssue({ code: 'custom', message: 'needs exactly one of privateKey (a ${vault:NAME} or ${env:NAME} reference) or privateKeyFile' });
    if ((s.knownHostsFile === undefined) === (s.knownHosts === undefined))
      ctx.addIssue({ code: 'custom', message: 'needs exactly one of knownHostsFile or knownHosts: the SSH host keys are always checked' });
  });
export type SshCloneConfig = z.infer<typeof sshCloneConfigSchema>;

/** `ssh://git@host:7999` → host and port, as ssh and known_hosts name them. */
export function sshHostOf(baseUrl: string): { host: string; port: number } {
  const url = new URL(baseUrl);
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port === '' ? 22 : Number(url.port) };
}
