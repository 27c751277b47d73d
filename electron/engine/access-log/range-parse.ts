import { open } from 'node:fs/promises';
import { AccessLogAggregator, type AggregateOptions } from './aggregator';
import type { AggregateState } from './aggregate-state';
import { LineReader } from './line-reader';
import { PendingRequests } from './pending-requests';

/** One range of a plain log, [start, end) in bytes, starting at a line start and ending after a newline (or at the end of the file). */
export interface RangeJob {
  path: string;
  start: number;
  end: number;
  /** The log's name and fallback node, as the one-pass reader has them. */
  source: string;
  node: string;
  options: AggregateOptions;
}

/** What reading one range found; merged in range order by `mergeRanges`. */
export interface RangeResult {
  state: AggregateState;
  /** Lines in the range. */
  lines: number;
  /** Requests of this range still waiting at its end, oldest first: [id, time, …]. */
  pending: Float64Array;
  /** Responses whose request was not in this range, in order: the lines' bytes, each ending at the next offset. */
  orphans: Uint8Array;
  orphanEnds: Uint32Array;
}

const MAX_ORPHANS = 100_000;

/**
 * Reads bytes [start, end) of `path` into `push`, a chunk at a time into `buf` (reused: the reader's
 * `input`, so the bytes are parsed where they were read); `onRaw` after each chunk.
 */
export async function readRange(
  path: string,
  start: number,
  end: number,
  buf: Buffer,
  push: (chunk: Buffer) => void,
  onRaw: (n: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  const fh = await open(path, 'r');
  try {
    for (let position = start; position < end;) {
      signal?.throwIfAborted();
      const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, end - position), position);
      if (bytesRead === 0) break;
      position += bytesRead;
      onRaw(bytesRead);
      push(buf.subarray(0, bytesRead));
    }
  } finally {
    await fh.close();
  }
}

/** Reads one range on its own (in a worker, or in this thread for small jobs and tests). */
export async function parseRange(job: RangeJob, onRaw: (n: number) => void = () => undefined): Promise<RangeResult> {
  const agg = new AccessLogAggregator(job.options);
  const pending = new PendingRequests();
  const orphans: Buffer[] = [];
  // Bounded like the waiting requests: past that many, a response is taken as unpaired here (a log of mostly unpaired lines).
  const reader = new LineReader(
    agg,
    job.source,
    job.node,
    pending,
    (buf, s, e) => orphans.length < MAX_ORPHANS && orphans.push(Buffer.from(buf.subarray(s, e))) > 0,
  );
  await readRange(job.path, job.start, job.end, reader.input, (chunk) => reader.push(chunk), onRaw);
  reader.end();
  const orphanEnds = new Uint32Array(orphans.length);
  let at = 0;
  orphans.forEach((o, i) => (orphanEnds[i] = at += o.length));
  return { state: agg.exportState(), lines: reader.lineNumber, pending: pending.remaining(), orphans: new Uint8Array(Buffer.concat(orphans)), orphanEnds };
}
