import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { RangeJob, RangeResult } from './range-parse';
import { workerExecArgv } from './worker-exec-argv';

/**
 * What a runner offers while its range is read: `split` (when it can) halves what it has not read
 * yet, at a line start, and gives the second half back as [start, end) for the caller to read; null
 * when too little is left or the range is done.
 */
export interface RangeControl {
  split?: () => Promise<[number, number] | null>;
}

/** Reads one range of a log somewhere (a worker thread by default), reporting raw bytes read as it goes. */
export type RangeRunner = (job: RangeJob, onRaw: (n: number) => void, signal?: AbortSignal, control?: RangeControl) => Promise<RangeResult>;

/** Messages of `range-worker.ts`. */
export type RangeWorkerMessage =
  { type: 'progress'; bytes: number } | { type: 'done'; bytes: number; result: RangeResult } | { type: 'split'; part: [number, number] | null };

/** What `range-worker.ts` is asked while it reads. */
export type RangeWorkerRequest = { type: 'split' };

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
  return (job, onRaw, signal, control) =>
    new Promise<RangeResult>((resolve, reject) => {
      signal?.throwIfAborted();
      // A small young generation: the parse allocates almost nothing per line, and V8's default nursery
      // per thread put the two-thread read over the 250 MB bound (259 → 238 MB on a 256 MB log).
      const worker = new Worker(script, { workerData: job, execArgv: workerExecArgv(process.execArgv), resourceLimits: { maxYoungGenerationSizeMb: 4 } });
      let settled = false;
      // Splits asked and not answered yet, answered in order (the thread answers each at once).
      const splits: Array<(part: [number, number] | null) => void> = [];
      const finish = (err: Error | null, result?: RangeResult): void => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', abort);
        for (const answer of splits.splice(0)) answer(null);
        void worker.terminate();
        if (err) reject(err);
        else resolve(result!);
      };
      const abort = (): void => finish(signal?.reason instanceof Error ? signal.reason : new Error('Cancelled.'));
      signal?.addEventListener('abort', abort, { once: true });
      if (control)
        control.split = () =>
          new Promise((answer) => {
            if (settled) return answer(null);
            splits.push(answer);
            worker.postMessage({ type: 'split' } satisfies RangeWorkerRequest);
          });
      worker.on('message', (m: RangeWorkerMessage) => {
        if (m.type === 'split') return splits.shift()?.(m.part);
        onRaw(m.bytes);
        if (m.type === 'done') finish(null, m.result);
      });
      worker.on('error', (err) => finish(err));
      worker.on('exit', (code) => finish(new Error(`The access-log reader thread stopped (exit ${code}) before it finished ${job.source}.`)));
    });
}
