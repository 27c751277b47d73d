import { existsSync } from 'node:fs';
import { createSnapshotReceiver } from '../../shared/logic/snapshot-receiver';
import type { Snapshot } from '../../shared/model/snapshot';
import { UNIT, unitEnvironment } from '../../test/integration/deploy/deploy-files';
import { startCollector } from '../../test/integration/metrics/collector-process';

export const SHIPPED_CLI = 'dist-electron/cli.mjs';

/**
 * The environment the engine runs with: the systemd unit's (its allocator settings), as a team's
 * collector ships; BENCH_ENGINE_ENV=plain runs it without them, to compare.
 */
export const ENGINE_ENV: Record<string, string> = process.env.BENCH_ENGINE_ENV === 'plain' ? {} : unitEnvironment();

/** What ENGINE_ENV is and where it comes from, for a bench's header. */
export const engineEnvLine = (): string =>
  Object.keys(ENGINE_ENV).length === 0
    ? 'engine environment: plain (BENCH_ENGINE_ENV=plain)'
    : `engine environment: ${UNIT}'s ${Object.entries(ENGINE_ENV)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`;

export interface EngineProcess {
  pid: number;
  /** Every snapshot the engine pushes over its event stream, as a browser-mode client holds it. */
  onSnapshot(listener: (s: Snapshot) => void): void;
  output(): string;
  stop(): Promise<void>;
}

/**
 * The engine as it ships: the bundled CLI's `serve --config FILE` in its own Node process (no tsx,
 * no bench code in it), with the systemd unit's environment (ENGINE_ENV), watched as a browser-mode client watches it, through /api/events.
 * `nodeFlags` go to that Node (e.g. --cpu-prof, --heap-prof to profile it).
 */
export async function startEngineProcess(args: string[], nodeFlags: string[] = []): Promise<EngineProcess> {
  if (!existsSync(SHIPPED_CLI)) throw new Error(`${SHIPPED_CLI} is missing: run \`node scripts/build.mjs\` first.`);
  const engine = await startCollector(['serve', '--port', '0', ...args], ENGINE_ENV, [process.execPath, ...nodeFlags, SHIPPED_CLI]);
  const listeners: Array<(s: Snapshot) => void> = [];
  const abort = new AbortController();
  const stream = watchEvents(`${engine.url}api/events`, engine.token, abort.signal, (s) => listeners.forEach((l) => l(s)));
  return {
    pid: engine.pid,
    onSnapshot: (l) => listeners.push(l),
    output: engine.output,
    stop: async () => {
      abort.abort();
      await stream;
      await engine.stop();
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
