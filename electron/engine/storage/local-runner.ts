import { spawn } from 'node:child_process';
import { formatDuration } from '../../../shared/logic/units';
import { FleetError } from '../http/fleet-error';
import { MAX_OUTPUT_BYTES, type CommandResult, type GlusterRunner, type RunOptions } from './runner';

/**
 * Runs gluster (or anything that prints its XML) on this machine: `local: { command }`, a path or
 * a name looked up on PATH, as an argv. No shell: arguments go to the program as they are.
 */
export function createLocalRunner(argv: readonly string[]): GlusterRunner {
  const [program, ...fixed] = argv;
  if (program === undefined) throw new Error('createLocalRunner needs a command');
  const command = argv.join(' ');
  return {
    transport: 'local',
    endpoint: command,
    run: (args, opts) => runLocal(program, [...fixed, ...args], opts),
    close: async () => undefined,
  };
}

function runLocal(command: string, args: readonly string[], opts: RunOptions): Promise<CommandResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    if (opts.signal.aborted) {
      reject(cancelled(command));
      return;
    }
    // Its own process group, so a timeout can stop what it started too (gluster runs glfsheal for heal info).
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' }, detached: true });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    let failure: FleetError | null = null;
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal.removeEventListener('abort', onAbort);
      outcome();
    };
    const stop = (why: FleetError): void => {
      failure ??= why;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone: nothing left to stop.
        child.kill('SIGKILL');
      }
      // Do not wait for 'close': a grandchild still holding the pipes would keep the poll waiting.
      settle(() => reject(why));
    };
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT_BYTES) {
        stop(
          new FleetError({
            code: 'too-large',
            message: `${command} ${args.join(' ')} printed more than ${MAX_OUTPUT_BYTES / 1024 / 1024} MB; stopped reading it.`,
          }),
        );
        return;
      }
      into.push(chunk);
    };
    child.stdout.on('data', collect(out));
    child.stderr.on('data', collect(err));
    const timer = setTimeout(
      () =>
        stop(
          new FleetError({
            code: 'timeout',
            message: `\`${command} ${args.join(' ')}\` did not finish within ${formatDuration(opts.timeoutMs)}; it was stopped. glusterd may be hung or the volume very busy — raise commandTimeoutSeconds if heal info is just slow.`,
          }),
        ),
      opts.timeoutMs,
    );
    const onAbort = (): void => stop(cancelled(command));
    opts.signal.addEventListener('abort', onAbort, { once: true });
    child.on('error', (e: NodeJS.ErrnoException) => settle(() => reject(spawnFailure(command, e))));
    child.on('close', (code) =>
      settle(() => {
        if (failure) reject(failure);
        else
          resolve({
            stdout: Buffer.concat(out).toString('utf8'),
            stderr: Buffer.concat(err).toString('utf8'),
            exitCode: code,
            durationMs: performance.now() - started,
          });
      }),
    );
  });
}

function spawnFailure(command: string, e: NodeJS.ErrnoException): FleetError {
  if (e.code === 'ENOENT') {
    return new FleetError({
      code: 'not-available',
      message: `The gluster command "${command}" was not found on this machine. Install glusterfs-server (or glusterfs-cli), or set storage.gluster.local.command to its full path.`,
      cause: e,
    });
  }
  if (e.code === 'EACCES') {
    return new FleetError({ code: 'forbidden', message: `"${command}" is not executable by this user (EACCES). Check its permissions.`, cause: e });
  }
  return new FleetError({ code: 'internal', message: `Could not start "${command}": ${e.message}`, cause: e });
}

function cancelled(command: string): FleetError {
  return new FleetError({ code: 'network', message: `${command} was cancelled before it finished (polling stopped).` });
}
