import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { RangeJob, RangeResult } from './range-parse';
import { workerExecArgv } from './worker-exec-argv';

/** Reads one range of a log somewhere (a worker thread by default), reporting raw bytes read as it goes. */
export type RangeRunner = (job: RangeJob, onRaw: (n: number) => void, signal?: AbortSignal) => Promise<RangeResult>;

/** Messages of `range-worker.ts`. */
export type RangeWorkerMessage = { type: 'progress'; bytes: number } | { type: 'done'; bytes: number; result: RangeResult };

let workerScript: string | null = null;

/**
 * Where the bundled worker (`dist-electron/access-log-worker.cjs`) is: set by the CLI and the
 * desktop's entry points, which know their bundle folder. Unset (code run from source), logs are read
 * in one thread.
 */
export function useAccessLogWorker(script: string): void {
  workerScript = existsSync(script) ? script : null;
}

/** The worker runner, or null when no worker bundle is there (logs are then read in one thread). */
export function workerRangeRunner(): RangeRunner | null {
  const script = workerScript;
  if (script === null) return null;
  return (job, onRaw, signal) =>
    new Promise<RangeResult>((resolve, reject) => {
      signal?.throwIfAborted();
      // A small young generation: the parse allocates almost nothing per line, and V8's default nursery
      // per thread put the two-thread read over the 250 MB bound (259 → 238 MB on a 256 MB log).
      const worker = new Worker(script, { workerData: job, execArgv: workerExecArgv(process.execArgv), resourceLimits: { maxYoungGenerationSizeMb: 4 } });
      let settled = false;
      const finish = (err: Error | null, result?: RangeResult): void => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', abort);
        void worker.terminate();
        if (err) reject(err);
        else resolve(result!);
      };
      const abort = (): void => finish(signal?.reason instanceof Error ? signal.reason : new Error('Cancelled.'));
      signal?.addEventListener('abort', abort, { once: true });
      worker.on('message', (m: RangeWorkerMessage) => {
        onRaw(m.bytes);
        if (m.type === 'done') finish(null, m.result);
      });
      worker.on('error', (err) => finish(err));
      worker.on('exit', (code) => finish(new Error(`The access-log reader thread stopped (exit ${code}) before it finished ${job.source}.`)));
    });
}
