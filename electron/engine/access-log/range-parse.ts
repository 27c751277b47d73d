import { closeSync, openSync, readSync } from 'node:fs';
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
  /** Bytes read at a time (default: the reader's input, 4 MB); small in tests, so a range is read in many steps. */
  readBytes?: number | undefined;
  /** The least a range gives away when split, and keeps (default `MIN_SPLIT_BYTES`). */
  minSplitBytes?: number | undefined;
}

/** What reading one range found; merged in range order by `readParallel`. */
export interface RangeResult extends PartPairs {
  state: AggregateState;
  /** Lines in the range. */
  lines: number;
}

/** A part's requests and responses left to pair with the parts before it. */
export interface PartPairs {
  /** Requests of this part still waiting at its end, oldest first: [id, time, …]. */
  pending: Float64Array;
  /** Responses whose request was not in this part, in order: the lines' bytes, each ending at the next offset. */
  orphans: Uint8Array;
  orphanEnds: Uint32Array;
}

const MAX_ORPHANS = 100_000;
/** Splitting a range gives away and keeps at least this much: a smaller part costs more to hand over than to read (≈ 20 ms a thread). */
export const MIN_SPLIT_BYTES = 8 * 1024 * 1024;
const NL = 10;
const PROBE = 64 * 1024;

/**
 * Where the read of a range stops, lowered while it reads when the range is split: another thread
 * then reads the rest. Reads are never cut: the split falls after the read in progress.
 */
export class RangeEnd {
  /** Where the read in progress (or the last one) ends. */
  reading: number;

  constructor(
    private readonly path: string,
    start: number,
    public end: number,
  ) {
    this.reading = start;
  }

  /**
   * Halves what is not being read yet, at a line start: this range now ends there and [cut, old
   * end) is returned for another reader; null when either half would be under `minBytes`.
   */
  split(minBytes: number): [number, number] | null {
    const left = this.end - this.reading;
    if (left < 2 * Math.max(minBytes, 1)) return null;
    const cut = lineStartFrom(this.path, this.reading + Math.floor(left / 2), this.end);
    if (cut === null) return null;
    const end = this.end;
    this.end = cut;
    return [cut, end];
  }
}

/** The first line start at or after `at` and before `end` (synchronous: a split answers at once), or null. */
function lineStartFrom(path: string, at: number, end: number): number | null {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(PROBE);
    // The byte before `at` tells whether `at` already starts a line.
    for (let pos = at - 1; pos < end - 1; pos += PROBE) {
      const n = readSync(fd, buf, 0, Math.min(PROBE, end - 1 - pos), pos);
      if (n === 0) return null;
      const nl = buf.subarray(0, n).indexOf(NL);
      if (nl >= 0) return pos + nl + 1;
    }
    return null;
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads bytes [start, end) of `path` into `push`, `readBytes` at a time into `buf` (reused: the
 * reader's `input`, so the bytes are parsed where they were read); `onRaw` after each chunk. `end`
 * may be a `RangeEnd`, lowered while this reads.
 *
 * By default each read goes to libuv's pool and the thread's loop runs while it waits (the engine's
 * main thread goes on serving). With `between`, the bytes are read in this thread and `between` runs
 * before each read: for a range worker, whose loop has nothing else to do, so the hand-over to the
 * pool and back for every 4 MB (a core idle for part of each read) is not paid.
 */
export async function readRange(
  path: string,
  start: number,
  end: number | RangeEnd,
  buf: Buffer,
  push: (chunk: Buffer) => void,
  onRaw: (n: number) => void,
  signal?: AbortSignal,
  readBytes = buf.length,
  between?: () => void,
): Promise<void> {
  const limit = typeof end === 'number' ? new RangeEnd(path, start, end) : end;
  const fh = await open(path, 'r');
  try {
    for (let position = start; position < limit.end;) {
      signal?.throwIfAborted();
      // Before `want`: what `between` answers may lower the end.
      between?.();
      const want = Math.min(readBytes, buf.length, limit.end - position);
      limit.reading = position + want;
      const bytesRead = between === undefined ? (await fh.read(buf, 0, want, position)).bytesRead : readSync(fh.fd, buf, 0, want, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      onRaw(bytesRead);
      push(buf.subarray(0, bytesRead));
    }
  } finally {
    limit.reading = limit.end;
    await fh.close();
  }
}

/**
 * The pairing of a part read apart from the parts before it: its own waiting requests, and its
 * responses whose request is not among them kept (`orphan`) for `readParallel` to pair in order.
 */
export class PartPairing {
  readonly pending = new PendingRequests();
  private readonly kept: Buffer[] = [];
  // Bounded like the waiting requests: past that many, a response is taken as unpaired here (a log of mostly unpaired lines).
  readonly orphan = (buf: Buffer, s: number, e: number): boolean => this.kept.length < MAX_ORPHANS && this.kept.push(Buffer.from(buf.subarray(s, e))) > 0;

  pairs(): PartPairs {
    const orphanEnds = new Uint32Array(this.kept.length);
    let at = 0;
    this.kept.forEach((o, i) => (orphanEnds[i] = at += o.length));
    return { pending: this.pending.remaining(), orphans: new Uint8Array(Buffer.concat(this.kept)), orphanEnds };
  }
}

/**
 * Reads one range on its own (in a worker, or in this thread for small jobs and tests); `end` lowered
 * when it is split; `between`: read in this thread, running it before each read (see `readRange`).
 */
export async function parseRange(
  job: RangeJob,
  onRaw: (n: number) => void = () => undefined,
  end: RangeEnd = new RangeEnd(job.path, job.start, job.end),
  between?: () => void,
): Promise<RangeResult> {
  const agg = new AccessLogAggregator(job.options);
  const pairing = new PartPairing();
  const reader = new LineReader(agg, job.source, job.node, pairing.pending, pairing.orphan);
  await readRange(job.path, job.start, end, reader.input, (chunk) => reader.push(chunk), onRaw, undefined, job.readBytes, between);
  reader.end();
  return { state: agg.exportState(), lines: reader.lineNumber, ...pairing.pairs() };
}
