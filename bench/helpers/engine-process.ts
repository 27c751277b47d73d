import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createSnapshotReceiver } from '../../shared/logic/snapshot-receiver';
import type { Snapshot } from '../../shared/model/snapshot';

export const SHIPPED_CLI = 'dist-electron/cli.mjs';

export interface EngineProcess {
  pid: number;
  /** Every snapshot the engine pushes over its event stream, as a browser-mode client holds it. */
  onSnapshot(listener: (s: Snapshot) => void): void;
  output(): string;
  stop(): Promise<void>;
}

/**
 * The engine as it ships: the bundled CLI's `serve --config FILE` in its own Node process (no tsx,
 * no bench code in it), watched as a browser-mode client watches it, through /api/events.
 * `nodeFlags` go to that Node (e.g. --cpu-prof, --heap-prof to profile it).
 */
export async function startEngineProcess(args: string[], nodeFlags: string[] = []): Promise<EngineProcess> {
  if (!existsSync(SHIPPED_CLI)) throw new Error(`${SHIPPED_CLI} is missing: run \`node scripts/build.mjs\` first.`);
  const child: ChildProcess = spawn(process.execPath, [...nodeFlags, SHIPPED_CLI, 'serve', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const ready = await new Promise<RegExpMatchArray>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Fleetscope ready at (https?:\/\/[^/]+\/)#token=(\S+)/.exec(out);
      if (m) resolve(m);
    });
    child.once('exit', (code) => reject(new Error(`fleetscope serve exited with ${code} before it was ready:\n${out}`)));
  });
  const listeners: Array<(s: Snapshot) => void> = [];
  const abort = new AbortController();
  const stream = watchEvents(`${ready[1]}api/events`, ready[2]!, abort.signal, (s) => listeners.forEach((l) => l(s)));
  return {
    pid: child.pid!,
    onSnapshot: (l) => listeners.push(l),
    output: () => out,
    stop: async () => {
      abort.abort();
      await stream;
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Reads the server-sent events and applies each snapshot push, as the renderer's bridge does. */
async function watchEvents(url: string, token: string, signal: AbortSignal, emit: (s: Snapshot) => void): Promise<void> {
  const receiver = createSnapshotReceiver();
  try {
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal });
    if (!res.ok || !res.body) throw new Error(`GET /api/events answered ${res.status}`);
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (!frame.startsWith('event: snapshotPush\n')) continue;
        const got = receiver.receive(JSON.parse(frame.slice(frame.indexOf('\ndata: ') + 7)));
        if (got.kind === 'snapshot') emit(got.snapshot);
        else if (got.kind === 'resync') throw new Error(`the engine's snapshot feed could not be followed: ${got.reason}`);
      }
    }
  } catch (err) {
    if (!signal.aborted) throw err;
  }
}
