// The worker thread's entry (bundled to dist-electron/access-log-worker.cjs): reads the one range
// of a log it is given and posts what it found; asked to split, it gives the rest of its range's
// second half back between two reads. A failure rejects, which the Worker reports as `error`.
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { MIN_SPLIT_BYTES, parseRange, RangeEnd, type RangeJob } from './range-parse';
import type { RangeWorkerMessage, RangeWorkerRequest } from './range-runner';

const PROGRESS_EVERY = 8 * 1024 * 1024;
const port = parentPort!;
const job = workerData as RangeJob;
const end = new RangeEnd(job.path, job.start, job.end);
let owed = 0;
const post = (m: RangeWorkerMessage): void => port.postMessage(m);

const answer = (m: RangeWorkerRequest): void => {
  if (m.type === 'split') post({ type: 'split', part: end.split(job.minSplitBytes ?? MIN_SPLIT_BYTES) });
};
// While no read runs: before the first (the file still opening) and after the last (the split then gives nothing).
port.on('message', answer);
// The range is read in this thread, its loop never waiting: what the caller asked meanwhile is taken before each read.
const between = (): void => {
  for (let m = receiveMessageOnPort(port); m !== undefined; m = receiveMessageOnPort(port)) answer(m.message as RangeWorkerRequest);
};

void parseRange(
  job,
  (n) => {
    owed += n;
    if (owed < PROGRESS_EVERY) return;
    post({ type: 'progress', bytes: owed });
    owed = 0;
  },
  end,
  between,
).then((result) => post({ type: 'done', bytes: owed, result }));
