import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Client as SshClient, ClientChannel, ConnectConfig, ServerHostKeyAlgorithm } from 'ssh2';
import { formatDuration } from '../../../shared/logic/units';
import type { SshConfig } from '../config/storage-config-schema';
import { FleetError } from '../http/fleet-error';
import { hostKeyAlgorithms, keyTypeOf, parseKnownHosts, verifyHostKey, entriesFor, hostToken, type HostKeyVerdict } from './known-hosts';
import { MAX_OUTPUT_BYTES, shellQuote, type CommandResult, type GlusterRunner, type RunOptions } from './runner';

/** sshd allows 10 sessions per connection by default; leave room for a person's own. */
const MAX_CHANNELS = 4;

/**
 * Runs gluster on a server over SSH (ssh2): key authentication, the host key checked against
 * known_hosts (an unknown or changed key is refused, never trusted on first use), one connection
 * kept open between polls, a few commands at a time on their own channels.
 */
export function createSshRunner(cfg: SshConfig): GlusterRunner {
  const endpoint = `${cfg.username}@${cfg.host}:${cfg.port}`;
  let connecting: Promise<SshClient> | null = null;
  let active = 0;
  const waiting: Array<() => void> = [];
  const waitingFirst: Array<() => void> = [];

  const acquire = async (first: boolean): Promise<void> => {
    if (active < MAX_CHANNELS) {
      active += 1;
      return;
    }
    await new Promise<void>((resolve) => (first ? waitingFirst : waiting).push(resolve));
  };
  const handOn = (): void => {
    const next = waitingFirst.shift() ?? waiting.shift();
    if (next) next();
    else active -= 1;
  };
  // A command of the locked chain keeps its channel until the microtasks its answer starts have
  // run: the chain's next command asks there, and a channel handed to a waiting command instead
  // held the chain back by a whole command (docs/storage.md, "Polling").
  const release = (first: boolean): void => (first ? void setImmediate(handOn) : handOn());

  const connection = (): Promise<SshClient> => {
    connecting ??= connect(cfg, endpoint, () => {
      connecting = null;
    }).catch((err: unknown) => {
      connecting = null;
      throw err;
    });
    return connecting;
  };

  return {
    transport: 'ssh',
    endpoint,
    async run(args, opts) {
      await acquire(opts.first === true);
      try {
        const client = await connection();
        // Every word of the configured command is shell-safe (checked by its schema); the arguments are quoted.
        return await exec(client, [...cfg.command, ...args].map(shellQuote).join(' '), endpoint, opts);
      } finally {
        release(opts.first === true);
      }
    },
    async close() {
      const pending = connecting;
      connecting = null;
      if (!pending) return;
      try {
        (await pending).end();
      } catch {
        // A connection that never opened has nothing to close; its error was reported to the poll that asked.
        return;
      }
    },
  };
}

async function connect(cfg: SshConfig, endpoint: string, onClosed: () => void): Promise<SshClient> {
  const privateKey = await readOrFail(
    cfg.privateKeyFile,
    'auth',
    (e) => `Cannot read the SSH private key ${cfg.privateKeyFile} (${e}). Check storage.gluster.ssh.privateKeyFile.`,
  );
  const knownHostsText = await readOrFail(
    cfg.knownHostsFile,
    'tls',
    (e) =>
      `Cannot read the known_hosts file ${cfg.knownHostsFile} (${e}). Create it with \`ssh-keyscan -p ${cfg.port} ${cfg.host} >> ${cfg.knownHostsFile}\` after checking the key's fingerprint with the server's admin.`,
  );
  const known = parseKnownHosts(knownHostsText);
  const knownTypes = [
    ...new Set(
      entriesFor(known, cfg.host, cfg.port)
        .filter((e) => e.marker === null)
        .map((e) => e.keyType),
    ),
  ];
  let refusal: { verdict: HostKeyVerdict; presented: Buffer } | null = null;

  // Loaded on the first connection: only GlusterFS storage over SSH needs ssh2 (≈ 13 MB of the engine's memory).
  const { default: ssh2 } = await import('ssh2');
  const client = new ssh2.Client();
  const config: ConnectConfig = {
    host: cfg.host,
    port: cfg.port,
    username: cfg.username,
    privateKey,
    ...(cfg.passphrase !== undefined ? { passphrase: cfg.passphrase } : {}),
    readyTimeout: cfg.connectTimeoutSeconds * 1000,
    keepaliveInterval: 15_000,
    keepaliveCountMax: 3,
    hostVerifier: (key: Buffer) => {
      const verdict = verifyHostKey(known, cfg.host, cfg.port, key);
      if (!verdict.ok) refusal = { verdict, presented: key };
      return verdict.ok;
    },
    ...(knownTypes.length > 0 ? { algorithms: { serverHostKey: hostKeyAlgorithms(knownTypes) as ServerHostKeyAlgorithm[] } } : {}),
  };
  return new Promise<SshClient>((resolve, reject) => {
    let ready = false;
    client.once('ready', () => {
      ready = true;
      // Small request/answer exchanges: without this, Nagle and delayed ACKs add ~40 ms to each.
      client.setNoDelay(true);
      resolve(client);
    });
    client.on('error', (err: Error & { level?: string; code?: string }) => {
      if (!ready) reject(refusal ? hostKeyError(cfg, refusal.verdict, refusal.presented) : connectError(err, cfg, endpoint));
    });
    client.once('close', onClosed);
    try {
      client.connect(config);
    } catch (err) {
      // ssh2 throws synchronously for a key it cannot parse (or a wrong passphrase).
      reject(
        new FleetError({
          code: 'auth',
          message: `The SSH private key ${cfg.privateKeyFile} cannot be used: ${(err as Error).message}. Check the file and its passphrase.`,
          cause: err,
        }),
      );
    }
  });
}

async function readOrFail(path: string, code: 'auth' | 'tls', message: (reason: string) => string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new FleetError({ code, message: message((err as NodeJS.ErrnoException).code ?? (err as Error).message), cause: err });
  }
}

function fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

function hostKeyError(cfg: SshConfig, verdict: HostKeyVerdict, presented: Buffer): FleetError {
  const shown = `${keyTypeOf(presented)} ${fingerprint(presented)}`;
  const where = hostToken(cfg.host, cfg.port);
  if (!verdict.ok && verdict.reason === 'mismatch') {
    return new FleetError({
      code: 'tls',
      message: `Refused ${where}: its SSH host key (${shown}) does not match the one in ${cfg.knownHostsFile}. Someone may be intercepting the connection, or the server was reinstalled. Check the fingerprint with the server's admin before replacing the entry (\`ssh-keygen -R ${where} -f ${cfg.knownHostsFile}\`).`,
    });
  }
  if (!verdict.ok && verdict.reason === 'revoked') {
    return new FleetError({ code: 'tls', message: `Refused ${where}: its SSH host key (${shown}) is marked @revoked in ${cfg.knownHostsFile}.` });
  }
  return new FleetError({
    code: 'tls',
    message: `Refused ${where}: it is not in ${cfg.knownHostsFile}, so its host key (${shown}) cannot be checked. Fleetscope never trusts a key on first use: confirm the fingerprint with the server's admin, then add it (\`ssh-keyscan -p ${cfg.port} ${cfg.host} >> ${cfg.knownHostsFile}\`).`,
  });
}

function connectError(err: Error & { level?: string; code?: string }, cfg: SshConfig, endpoint: string): FleetError {
  const where = `${cfg.host}:${cfg.port}`;
  if (err.level === 'client-authentication') {
    return new FleetError({
      code: 'auth',
      message: `${where} refused the key ${cfg.privateKeyFile} for user ${cfg.username}. Add its public key to ~${cfg.username}/.ssh/authorized_keys on the server.`,
      cause: err,
    });
  }
  if (err.level === 'client-timeout') {
    return new FleetError({
      code: 'timeout',
      message: `The SSH handshake with ${where} did not finish within ${formatDuration(cfg.connectTimeoutSeconds * 1000)} — the host is down, overloaded, or a firewall drops the traffic.`,
      cause: err,
    });
  }
  switch (err.code) {
    case 'ECONNREFUSED':
      return new FleetError({ code: 'refused', message: `SSH connection to ${where} was refused — is sshd running there, and is the port right?`, cause: err });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return new FleetError({
        code: 'dns',
        message: `The host name ${cfg.host} does not resolve — check storage.gluster.ssh.host and this machine's DNS or VPN.`,
        cause: err,
      });
    case 'ETIMEDOUT':
      return new FleetError({ code: 'timeout', message: `Could not connect to ${where} — the host is down, or a firewall drops the traffic.`, cause: err });
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new FleetError({ code: 'network', message: `${where} is unreachable from this machine (${err.code}) — check the network or VPN.`, cause: err });
    case 'ECONNRESET':
      return new FleetError({
        code: 'network',
        message: `${where} closed the SSH connection during the handshake (ECONNRESET) — check sshd's logs and MaxStartups.`,
        cause: err,
      });
    default:
      return new FleetError({ code: 'network', message: `SSH to ${endpoint} failed: ${err.message}`, cause: err });
  }
}

function exec(client: SshClient, command: string, endpoint: string, opts: RunOptions): Promise<CommandResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let settled = false;
    let channel: ClientChannel | null = null;
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal.removeEventListener('abort', onAbort);
      outcome();
    };
    const fail = (err: FleetError): void =>
      finish(() => {
        channel?.close();
        reject(err);
      });
    const timer = setTimeout(
      () =>
        fail(
          new FleetError({
            code: 'timeout',
            message: `\`${command}\` on ${endpoint} did not finish within ${formatDuration(opts.timeoutMs)}. glusterd may be hung or the volume very busy — raise commandTimeoutSeconds if heal info is just slow.`,
          }),
        ),
      opts.timeoutMs,
    );
    const onAbort = (): void => fail(new FleetError({ code: 'network', message: `\`${command}\` on ${endpoint} was cancelled (polling stopped).` }));
    if (opts.signal.aborted) {
      onAbort();
      return;
    }
    opts.signal.addEventListener('abort', onAbort, { once: true });
    client.exec(command, (err, stream) => {
      if (err) {
        fail(new FleetError({ code: 'network', message: `${endpoint} would not run a command: ${err.message}`, cause: err }));
        return;
      }
      channel = stream;
      if (settled) {
        stream.close();
        return;
      }
      const out: Buffer[] = [];
      const errOut: Buffer[] = [];
      let size = 0;
      let exitCode: number | null = null;
      const collect = (into: Buffer[]) => (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_OUTPUT_BYTES) {
          fail(
            new FleetError({
              code: 'too-large',
              message: `\`${command}\` on ${endpoint} printed more than ${MAX_OUTPUT_BYTES / 1024 / 1024} MB; stopped reading it.`,
            }),
          );
          return;
        }
        into.push(chunk);
      };
      stream.on('data', collect(out));
      stream.stderr.on('data', collect(errOut));
      stream.on('exit', (code: number | null) => {
        exitCode = typeof code === 'number' ? code : null;
      });
      stream.on('close', () =>
        finish(() =>
          resolve({
            stdout: Buffer.concat(out).toString('utf8'),
            stderr: Buffer.concat(errOut).toString('utf8'),
            exitCode,
            durationMs: performance.now() - started,
          }),
        ),
      );
    });
  });
}
