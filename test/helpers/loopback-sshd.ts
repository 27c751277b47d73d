import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateKeyPair } from '../../electron/demo/storage/keys';
import { freePort } from './free-port';
import { connects, stopChild, waitFor } from './loopback-processes';

export const SSHD = '/usr/sbin/sshd';

export interface LoopbackSshd {
  port: number;
  /** The authorized client key: its text and a file holding it. */
  privateKey: string;
  privateKeyFile: string;
  /** A known_hosts file (and its line) naming this server's host key. */
  knownHostsFile: string;
  knownHostsLine: string;
  stop: () => Promise<void>;
}

export interface SshdOptions {
  /** authorized_keys options before the key, e.g. `command="…",no-pty` to force a command. */
  authorizedKeyOptions?: string;
  /** More sshd_config lines, e.g. `AcceptEnv GIT_PROTOCOL`. */
  extraConfig?: string[];
}

/** A real sshd on a free loopback port with its own host key and an authorized key made here. */
export async function startSshd(dir: string, opts: SshdOptions = {}): Promise<LoopbackSshd> {
  const hostKey = generateKeyPair();
  const clientKey = generateKeyPair('fleetscope-test');
  const port = await freePort();
  const w = (name: string, text: string, mode = 0o600): string => {
    writeFileSync(join(dir, name), text, { mode });
    return join(dir, name);
  };
  const hostKeyFile = w('ssh_host_ed25519_key', hostKey.private);
  const authorized = w('authorized_keys', `${opts.authorizedKeyOptions ? `${opts.authorizedKeyOptions} ` : ''}${clientKey.public}\n`);
  const privateKeyFile = w('id_ed25519', clientKey.private);
  const knownHostsLine = `[127.0.0.1]:${port} ${hostKey.public.split(' ').slice(0, 2).join(' ')}`;
  const knownHostsFile = w('known_hosts', `${knownHostsLine}\n`, 0o644);
  const config = w(
    'sshd_config',
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKeyFile}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${authorized}`,
      'PermitRootLogin prohibit-password',
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      // The temp folder's permissions are not sshd's business here.
      'StrictModes no',
      'LogLevel ERROR',
      ...(opts.extraConfig ?? []),
      '',
    ].join('\n'),
    0o644,
  );
  // sshd refuses to start without its privilege-separation folder; create it only if missing.
  const privsep = '/run/sshd';
  const madePrivsep = !existsSync(privsep);
  if (madePrivsep) mkdirSync(privsep, { mode: 0o755 });
  const sshd = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  sshd.stderr!.on('data', (d: Buffer) => (errors += d.toString()));
  const stop = async (): Promise<void> => {
    await stopChild(sshd, 5_000);
    if (madePrivsep) rmSync(privsep, { recursive: true, force: true });
  };
  try {
    await waitFor(() => connects(port), 10_000, `sshd did not listen on 127.0.0.1:${port}: ${errors}`);
  } catch (err) {
    await stop();
    throw err;
  }
  return { port, privateKey: clientKey.private, privateKeyFile, knownHostsFile, knownHostsLine, stop };
}
