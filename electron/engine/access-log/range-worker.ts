// The worker thread's entry (bundled to dist-electron/access-log-worker.cjs): reads the one range
// of a log it is given and posts what it found; asked to split, it gives the rest of its range's
// second half back at once. A failure rejects, which the Worker reports as `error`.
import { parentPort, workerData } from 'node:worker_threads';
import { MIN_SPLIT_BYTES, parseRange, RangeEnd, type RangeJob } from './range-parse';
import type { RangeWorkerMessage, RangeWorkerRequest } from './range-runner';

const PROGRESS_EVERY = 8 * 1024 * 1024;
const port = parentPort!;
const job = workerData as RangeJob;
const end = new RangeEnd(job.path, job.start, job.end);
let owed = 0;
const post = (m: RangeWorkerMessage): void => port.postMessage(m);

// Answered between two reads of the range (the thread waits for each read): the split falls after the read in progress.
port.on('message', (m: RangeWorkerRequest) => {
  if (m.type === 'split') post({ type: 'split', part: end.split(job.minSplitBytes ?? MIN_SPLIT_BYTES) });
});

void parseRange(
  job,
  (n) => {
    owed += n;
    if (owed < PROGRESS_EVERY) return;
    post({ type: 'progress', bytes: owed });
    owed = 0;
  },
  end,
).then((result) => post({ type: 'done', bytes: owed, result }));
