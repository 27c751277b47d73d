// The worker thread's entry (bundled to dist-electron/access-log-worker.cjs): reads the one range
// of a log it is given and posts what it found, then any range it is given next. A failure rejects, which the Worker reports as `error`.
import { parentPort, workerData } from 'node:worker_threads';
import { parseRange, type RangeJob } from './range-parse';
import type { RangeWorkerMessage } from './range-runner';

const PROGRESS_EVERY = 8 * 1024 * 1024;
const port = parentPort!;
let owed = 0;
const post = (m: RangeWorkerMessage): void => port.postMessage(m);

const progress = (n: number): void => {
  owed += n;
  if (owed < PROGRESS_EVERY) return;
  post({ type: 'progress', bytes: owed });
  owed = 0;
};
const run = (job: RangeJob): void =>
  void parseRange(job, progress).then((result) => {
    post({ type: 'done', bytes: owed, result });
    owed = 0;
  });

// The first range comes with the thread; more may follow (part of the main thread's range, handed over
// when this one is done): the thread stays until the runner ends it.
port.on('message', run);
run(workerData as RangeJob);
