import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createConnection } from 'node:net';

/** Waiting for and stopping the processes the tests start on loopback (sshd, glusterd, serve, Prometheus…). */

export const connects = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const c = createConnection({ host: '127.0.0.1', port });
    c.once('connect', () => {
      c.destroy();
      resolve(true);
    });
    c.once('error', () => resolve(false));
  });

export const answers = (socket: string): Promise<boolean> =>
  new Promise((resolve) => {
    if (!existsSync(socket)) return resolve(false);
    const c = createConnection(socket);
    c.once('connect', () => {
      c.destroy();
      resolve(true);
    });
    c.once('error', () => resolve(false));
  });

/**
 * Ends a child a test or bench started and resolves once it is gone: SIGTERM, then SIGKILL after
 * `graceMs`. A child that has ended already resolves at once, whether it exited or a signal killed
 * it: a crashed `serve` has no exit code, only a signal, and waiting for an `exit` event that had
 * already fired hung the first-data bench for minutes with no process left.
 */
export function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Processes whose command line names our temp folder: the bricks and self-heal daemon of our glusterd. */
export async function killProcessesMentioning(tmp: string): Promise<void> {
  const pids = readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(tmp);
      } catch {
        // The process ended while we looked: nothing to stop.
        return false;
      }
    })
    .map(Number)
    .filter((p) => p !== process.pid);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }
  await sleep(pids.length > 0 ? 200 : 0);
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, message: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(message);
    await sleep(200);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
