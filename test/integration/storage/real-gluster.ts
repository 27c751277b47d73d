import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { answers, killProcessesMentioning, sleep, stopChild, waitFor } from '../../helpers/loopback-processes';
import { SSHD, startSshd } from '../../helpers/loopback-sshd';

/**
 * A real GlusterFS (Debian `glusterfs-server`) and a real sshd on loopback for one test file, as
 * shared/fixtures/gluster/HOW-CAPTURED.md does it: glusterd in the foreground with its state in a
 * temp folder, a replica-3 volume on a host name that resolves to 127.0.0.1, sshd on a free port
 * with its own host key and an authorized key made here. Everything it starts or creates is
 * stopped or removed by `stop()`, also after a failure.
 */

const run = promisify(execFile);
const GLUSTER_LOG_DIR = '/var/log/glusterfs';
const GLUSTER_RUN_DIR = '/run/gluster';
const GLUSTERD_SOCKET = '/run/glusterd.socket';
/** Serialises test runs on one machine (glusterd owns port 24007 and the default socket). */
const LOCK = '\0fleetscope-real-gluster-test';

export const VOLUME = 'fsreal';

/** Volumes spread over both servers when a second node runs: [this server, this, second] and [this, second, second]. */
export const SPREAD_VOLUMES = { oneThere: 'fsnodes1', twoThere: 'fsnodes2' } as const;

/**
 * A second GlusterFS server on this machine: its own glusterd on another loopback address, with its
 * own working, run and socket directories (the glusterfs regression tests' way, HOW-CAPTURED Part B),
 * probed into the pool of the first.
 */
export interface SecondNode {
  /** Its loopback address: its peer name and its bricks' host. */
  address: string;
  /** Stops its glusterd and every brick and daemon it started: the server is gone. */
  stop(): Promise<void>;
  /** Starts its glusterd again; glusterd restarts the bricks of started volumes. */
  start(): Promise<void>;
}

export interface RealGluster {
  tmp: string;
  brickHost: string;
  /** Present when started with `secondNode: true`. */
  second: SecondNode | null;
  sshPort: number;
  privateKeyFile: string;
  knownHostsFile: string;
  /** gluster's CLI with its own log file, for setting up and changing the cluster. */
  cli(...args: string[]): Promise<string>;
  stop(): Promise<void>;
}

/** Why this machine cannot run the test, in words that say what to do; null when it can. */
export function missingPrerequisites(): string | null {
  const missing: string[] = [];
  if (process.getuid?.() !== 0) missing.push('root (bricks need trusted.* xattrs and glusterd its state)');
  for (const bin of ['/usr/sbin/glusterd', '/usr/sbin/gluster', SSHD]) if (!existsSync(bin)) missing.push(bin);
  if (missing.length === 0) return null;
  return `The real-GlusterFS test needs ${missing.join(', ')}. Install the packages with \`sudo bash scripts/ensure-system-deps.sh\` (glusterfs-server, openssh-server) and run the tests as root, as .ci/run does.`;
}

export async function startRealGluster(log: (line: string) => void = () => undefined, opts: { secondNode?: boolean } = {}): Promise<RealGluster> {
  const undo: Array<() => Promise<void> | void> = [];
  const stop = async (): Promise<void> => {
    for (const step of undo.reverse()) {
      try {
        await step();
      } catch (err) {
        // Keep tearing down: one failed step must not leave the rest behind.
        log(`cleanup step failed: ${(err as Error).message}`);
      }
    }
  };
  try {
    const lock = await acquireLock();
    undo.push(() => new Promise<void>((r) => lock.close(() => r())));
    if (await answers(GLUSTERD_SOCKET))
      throw new Error(`A glusterd is already running on this machine (${GLUSTERD_SOCKET} answers). Stop it first; the test starts its own.`);

    const before = snapshotSystemDirs();
    undo.push(() => removeNewSystemEntries(before));
    const tmp = mkdtempSync('/tmp/fleetscope-gluster-');
    undo.push(() => rmSync(tmp, { recursive: true, force: true }));
    for (const d of ['wd', 'run', 'log', 'bricks', 'ssh']) mkdirSync(join(tmp, d), { recursive: true });

    // FLEETSCOPE_GLUSTER_BRICK_HOST overrides the choice (a name or address of this machine, not 127.0.0.1).
    const brickHost = process.env['FLEETSCOPE_GLUSTER_BRICK_HOST'] ?? (await loopbackHostName(log));
    // With a second server, each glusterd must bind its own address (both listen on port 24007).
    const firstAddress = opts.secondNode ? (await lookup(brickHost, { family: 4 })).address : null;

    // glusterd in the foreground (-N), its state under tmp, on the default socket (glfsheal, which
    // heal info runs, only knows that one).
    const glusterd = spawn(
      '/usr/sbin/glusterd',
      [
        '-N',
        '--xlator-option',
        `management.working-directory=${tmp}/wd`,
        '--xlator-option',
        `management.run-directory=${tmp}/run`,
        ...(firstAddress ? ['--xlator-option', `management.transport.socket.bind-address=${firstAddress}`] : []),
        '--log-file',
        `${tmp}/log/glusterd.log`,
      ],
      {
        stdio: 'ignore',
      },
    );
    undo.push(() => stopChild(glusterd, 10_000));
    // Bricks and the self-heal daemon are glusterd's children but outlive it: stop them by what they run on.
    undo.push(() => killProcessesMentioning(tmp));
    const cli = async (...args: string[]): Promise<string> => {
      const { stdout } = await run('/usr/sbin/gluster', ['--mode=script', `--log-file=${tmp}/log/cli.log`, ...args], { timeout: 60_000 });
      return stdout;
    };
    await waitFor(
      async () =>
        await cli('peer', 'status').then(
          () => true,
          () => false,
        ),
      30_000,
      'glusterd did not answer within 30 s',
    );
    log('glusterd ready');

    let second: SecondNode | null = null;
    if (firstAddress) {
      const node = await startSecondNode(tmp, firstAddress === '127.0.0.2' ? '127.0.0.3' : '127.0.0.2', undo, log);
      second = node;
      await cli('peer', 'probe', node.address);
      await waitFor(
        async () => /<connected>1<\/connected>[\s\S]*<stateStr>Peer in Cluster<\/stateStr>/.test(await cli('--xml', 'peer', 'status')),
        30_000,
        `the second glusterd on ${node.address} did not join the pool within 30 s`,
      );
      log(`second glusterd on ${node.address} joined the pool`);
      const here = (name: string): string => `${brickHost}:${tmp}/bricks/${name}`;
      const there = (name: string): string => `${node.address}:${tmp}/n2/bricks/${name}`;
      const layouts: Array<[string, string[]]> = [
        [SPREAD_VOLUMES.oneThere, [here('s1a'), here('s1b'), there('s1c')]],
        [SPREAD_VOLUMES.twoThere, [here('s2a'), there('s2b'), there('s2c')]],
      ];
      for (const [name, bricks] of layouts) {
        await cli('volume', 'create', name, 'replica', '3', ...bricks, 'force');
        undo.push(async () => {
          await cli('volume', 'stop', name, 'force').catch(() => undefined);
          await cli('volume', 'delete', name).catch(() => undefined);
        });
        await cli('volume', 'start', name);
      }
    }

    const bricks = [1, 2, 3].map((n) => `${brickHost}:${tmp}/bricks/b${n}`);
    await cli('volume', 'create', VOLUME, 'replica', '3', ...bricks, 'force');
    undo.push(async () => {
      await cli('volume', 'stop', VOLUME, 'force').catch(() => undefined);
      await cli('volume', 'delete', VOLUME).catch(() => undefined);
    });
    await cli('volume', 'start', VOLUME);
    await waitFor(
      async () => ((await cli('--xml', 'volume', 'status', VOLUME)).match(/<status>1<\/status>/g) ?? []).length >= 4,
      20_000,
      'the bricks did not come online',
    );
    log(`volume ${VOLUME} started on ${brickHost}`);
    if (second) {
      // Three bricks and a self-heal daemon per server and volume, all online.
      for (const name of Object.values(SPREAD_VOLUMES)) {
        await waitFor(
          async () => ((await cli('--xml', 'volume', 'status', name)).match(/<status>1<\/status>/g) ?? []).length >= 5,
          30_000,
          `the bricks of ${name} did not come online on both servers`,
        );
      }
      log(`volumes ${Object.values(SPREAD_VOLUMES).join(', ')} started across ${brickHost} and ${second.address}`);
    }

    const ssh = await startSshd(join(tmp, 'ssh'));
    undo.push(ssh.stop);
    log(`sshd on 127.0.0.1:${ssh.port}`);
    return { tmp, brickHost, second, sshPort: ssh.port, privateKeyFile: ssh.privateKeyFile, knownHostsFile: ssh.knownHostsFile, cli, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** The second server's glusterd: everything it owns lives under `tmp/n2`, its socket included. */
async function startSecondNode(tmp: string, address: string, undo: Array<() => Promise<void> | void>, log: (line: string) => void): Promise<SecondNode> {
  const dir = join(tmp, 'n2');
  for (const d of ['wd', 'run', 'log', 'bricks']) mkdirSync(join(dir, d), { recursive: true });
  const socket = join(dir, 'run', 'glusterd.socket');
  let child: ChildProcess | null = null;
  const spawnIt = (): ChildProcess =>
    spawn(
      '/usr/sbin/glusterd',
      [
        '-N',
        '--xlator-option',
        `management.working-directory=${dir}/wd`,
        '--xlator-option',
        `management.run-directory=${dir}/run`,
        '--xlator-option',
        `management.transport.socket.bind-address=${address}`,
        '--xlator-option',
        `management.glusterd-sockfile=${socket}`,
        '--log-file',
        `${dir}/log/glusterd.log`,
      ],
      { stdio: 'ignore' },
    );
  const cli2 = (...args: string[]): Promise<boolean> =>
    run('/usr/sbin/gluster', ['--mode=script', `--glusterd-sock=${socket}`, `--log-file=${dir}/log/cli.log`, ...args], { timeout: 30_000 }).then(
      () => true,
      () => false,
    );
  // Its bricks and self-heal daemon name its folders on their command lines (brick paths, pid files).
  const stopAll = async (): Promise<void> => {
    if (child) await stopChild(child, 10_000);
    child = null;
    await killProcessesMentioning(`${dir}/`);
  };
  const start = async (): Promise<void> => {
    child = spawnIt();
    // Set-up wait, not a verdict: a loaded machine can take a while to start glusterd.
    await waitFor(() => cli2('peer', 'status'), 120_000, `the second glusterd on ${address} did not answer within 120 s`);
    log(`second glusterd answering on ${address}`);
  };
  undo.push(stopAll);
  await start();
  return { address, stop: stopAll, start };
}

/** Holds an abstract unix socket while the test runs: released by the kernel even if the process dies. */
async function acquireLock(): Promise<Server> {
  const deadline = Date.now() + 240_000;
  for (;;) {
    const server = createServer();
    const ok = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(LOCK, () => resolve(true));
    });
    if (ok) return server;
    if (Date.now() > deadline) throw new Error('Another real-GlusterFS test run held the lock for 4 minutes.');
    await sleep(500);
  }
}

/**
 * The brick host: the machine's host name when it resolves to a loopback address (gluster refuses
 * "localhost" and 127.0.0.1 itself). In containers the name often resolves to the container's
 * address instead; then another loopback address, which gluster accepts as this machine.
 */
async function loopbackHostName(log: (line: string) => void): Promise<string> {
  const name = hostname();
  const { address } = await lookup(name, { family: 4 }).catch(() => ({ address: '' }));
  if (address.startsWith('127.')) return name;
  log(`host name ${name} resolves to ${address || 'nothing'}; using 127.0.0.2 as the brick host`);
  return '127.0.0.2';
}

type Entries = Set<string>;

function listTree(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    out.push(p);
    if (statSync(p, { throwIfNoEntry: false })?.isDirectory()) out.push(...listTree(p));
  }
  return out;
}

/** What already exists where GlusterFS writes outside our temp folder: its logs, its sockets. */
function snapshotSystemDirs(): Entries {
  return new Set([...listTree(GLUSTER_LOG_DIR), ...listTree(GLUSTER_RUN_DIR), ...(existsSync(GLUSTERD_SOCKET) ? [GLUSTERD_SOCKET] : [])]);
}

/** Removes what GlusterFS created there while the test ran, deepest first; what was there stays. */
function removeNewSystemEntries(before: Entries): void {
  const now = [...listTree(GLUSTER_LOG_DIR), ...listTree(GLUSTER_RUN_DIR), ...(existsSync(GLUSTERD_SOCKET) ? [GLUSTERD_SOCKET] : [])];
  for (const p of now.filter((x) => !before.has(x)).sort((a, b) => b.length - a.length)) rmSync(p, { recursive: true, force: true });
}
