// The worker thread's entry (bundled to dist-electron/access-log-worker.cjs): reads the one range
// of a log it is given and posts what it found. A failure rejects, which the Worker reports as `error`.
import { parentPort, workerData } from 'node:worker_threads';
import { parseRange, type RangeJob } from './range-parse';
import type { RangeWorkerMessage } from './range-runner';

const PROGRESS_EVERY = 8 * 1024 * 1024;
const port = parentPort!;
let owed = 0;
const post = (m: RangeWorkerMessage): void => port.postMessage(m);

void parseRange(workerData as RangeJob, (n) => {
  owed += n;
  if (owed < PROGRESS_EVERY) return;
  post({ type: 'progress', bytes: owed });
  owed = 0;
}).then((result) => post({ type: 'done', bytes: owed, result }));
