import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sshHostOf, type SshCloneConfig } from '../config/ssh-clone-config';
import { hostToken } from '../storage/known-hosts';
import { shellQuote } from '../storage/runner';

/** Where an SSH endpoint's host key is looked up, for messages: the configured file or the inline list. */
export const knownHostsWhere = (cfg: SshCloneConfig): string => cfg.knownHostsFile ?? 'ssh.knownHosts of the config';

/**
 * Prepares ssh for one probe's work folder (mode 0700, removed whatever happens by withWorkDir):
 * the private key written to `ssh/key` with mode 0600 — ssh is given its path, never its
 * content — and the host keys to `ssh/known_hosts`. Returns the variables that make git run
 * ssh with them: no agent, no user or system ssh config, batch mode (no prompt can hang a
 * probe), strict host key checking against that file only, and a connect timeout.
 * Throws with what to fix when the key or known_hosts file cannot be read.
 */
export async function sshGitEnv(cfg: SshCloneConfig, dir: string): Promise<NodeJS.ProcessEnv> {
  const sshDir = join(dir, 'ssh');
  await mkdir(sshDir, { mode: 0o700 });
  const keyText = cfg.privateKey ?? (await readOr(cfg.privateKeyFile!, 'the SSH private key (ssh.privateKeyFile)'));
  const knownText = cfg.knownHosts ?? (await readOr(cfg.knownHostsFile!, 'the known_hosts file (ssh.knownHostsFile)'));
  const keyFile = join(sshDir, 'key');
  const knownFile = join(sshDir, 'known_hosts');
  // OpenSSH refuses a key whose last line has no newline ("invalid format"); env variables often lose it.
  await writeFile(keyFile, `${keyText.replace(/\r\n/g, '\n').trimEnd()}\n`, { mode: 0o600, flag: 'wx' });
  await writeFile(knownFile, `${knownText.trimEnd()}\n`, { mode: 0o600, flag: 'wx' });
  const options = [
    'IdentitiesOnly=yes',
    'IdentityAgent=none',
    'BatchMode=yes',
    'PreferredAuthentications=publickey',
    'StrictHostKeyChecking=yes',
    `UserKnownHostsFile=${knownFile}`,
    'GlobalKnownHostsFile=/dev/null',
    'UpdateHostKeys=no',
    `ConnectTimeout=${Math.ceil(cfg.connectTimeoutSeconds)}`,
    'ServerAliveInterval=15',
    'ServerAliveCountMax=3',
    'ControlMaster=no',
    'ControlPath=none',
  ];
  const command = ['ssh', '-F', '/dev/null', '-i', keyFile, ...options.flatMap((o) => ['-o', o])].map(shellQuote).join(' ');
  return { GIT_SSH_COMMAND: command, GIT_SSH_VARIANT: 'ssh' };
}

async function readOr(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new Error(
      `Cannot read ${what} ${path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}). Check the path in the primary's \`ssh\` section.`,
      {
        cause: err,
      },
    );
  }
}

/** `[host]:port` (or `host` on port 22) of an SSH clone URL, as known_hosts and ssh-keyscan name it. */
export function sshEndpointOf(url: string): { host: string; port: number; token: string } {
  const { host, port } = sshHostOf(url);
  return { host, port, token: hostToken(host, port) };
}
