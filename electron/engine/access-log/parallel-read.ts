import { closeSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { AccessLogAggregator, AggregateOptions } from './aggregator';
import type { LineReader } from './line-reader';
import type { PendingRequests } from './pending-requests';
import { readCursor, type RangeJob, type RangeResult, type ReadCursor } from './range-parse';
import type { RangeRunner } from './range-runner';

/** Below this, one thread reads a log: starting workers and merging costs more than it saves. */
export const PARALLEL_MIN_BYTES = 64 * 1024 * 1024;
/**
 * The first range's size against each other's. Larger than one: the main thread, whose range is first,
 * hands the end of what it has left to the first thread done (`handOver`), which only pays when the main
 * thread is last; with equal ranges it ended first in 11 of 14 traced two-thread reads (the worker starts cold).
 */
export const FIRST_RANGE_WEIGHT = 1.15;
/** Below twice this left, the main thread hands nothing over: a range read apart costs a merge. */
export const HAND_OVER_MIN_BYTES = 8 * 1024 * 1024;
const NL = 10;
const PROBE = 64 * 1024;

/**
 * Cuts [0, size) of a file into up to `n` ranges, each starting at a line start: a cut moves forward
 * to just after the next newline, so every line is in exactly one range. The first range is about
 * `firstWeight` times each other's size.
 */
export async function splitRanges(path: string, size: number, n: number, firstWeight = 1): Promise<Array<[number, number]>> {
  const cuts = [0];
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(PROBE);
    for (let k = 1; k < n; k++) {
      let at = Math.max(Math.floor((size * (firstWeight + k - 1)) / (firstWeight + n - 1)), cuts[cuts.length - 1]!, 1);
      // The byte before `at` tells whether `at` already starts a line.
      for (let pos = at - 1; ; pos += PROBE) {
        const { bytesRead } = await fh.read(buf, 0, PROBE, pos);
        if (bytesRead === 0) {
          at = size;
          break;
        }
        const nl = buf.subarray(0, bytesRead).indexOf(NL);
        if (nl >= 0) {
          at = pos + nl + 1;
          break;
        }
      }
      if (at > cuts[cuts.length - 1]! && at < size) cuts.push(at);
    }
  } finally {
    await fh.close();
  }
  return cuts.map((start, i) => [start, cuts[i + 1] ?? size]);
}

export interface ParallelSource {
  path: string;
  bytes: number;
  name: string;
  node: string;
}

/**
 * Reads a plain log in ranges at once: the first in this thread through `reader` (straight into
 * `agg`, as one pass would), the others through `runner` (a worker each). A runner done while this
 * thread still has more than `parts.handOverMinBytes` twice over to read is handed the second half of it
 * (`handOver`). Then, in the order of the ranges in the file, each other range's figures are added to
 * `agg`, its responses whose request was in an earlier range are paired through `reader` with the
 * requests still waiting (`pending`, shared with the logs read before), and its own waiting requests
 * join them: the result is what one pass counts.
 * Returns the log's line count and the number of ranges read at once (a range handed over is not one more:
 * it is read by a thread already counted).
 */
export async function readParallel(
  source: ParallelSource,
  threads: number,
  runner: RangeRunner,
  parts: { agg: AccessLogAggregator; reader: LineReader; pending: PendingRequests; options: AggregateOptions; handOverMinBytes?: number | undefined },
  onRaw: (n: number) => void,
  signal?: AbortSignal,
): Promise<{ lines: number; ranges: number }> {
  const [first, ...rest] = await splitRanges(source.path, source.bytes, threads, FIRST_RANGE_WEIGHT);
  const own: ReadCursor = { position: first![0], end: first![1] };
  const job = (start: number, end: number): RangeJob => ({
    path: source.path,
    start,
    end,
    source: source.name,
    node: source.node,
    options: plainOptions(parts.options),
  });
  const minBytes = parts.handOverMinBytes ?? HAND_OVER_MIN_BYTES;
  // The ranges each runner was given, in the order it reads them (and returns their results).
  const given = rest.map(([start, end]) => [job(start, end)]);
  const next = (k: number) => (): RangeJob | null => {
    const cut = handOver(source.path, own, minBytes);
    if (cut === null) return null;
    given[k]!.push(job(cut[0], cut[1]));
    return given[k]!.at(-1)!;
  };
  const inner = new AbortController();
  const stop = (): void => inner.abort(signal?.reason);
  signal?.addEventListener('abort', stop, { once: true });
  // One range failing stops the others: their work is of no use.
  const failed = (err: unknown): never => {
    inner.abort(err);
    throw err;
  };
  let results: RangeResult[][];
  try {
    const others = given.map(([j], k) => runner(j!, onRaw, inner.signal, next(k)).catch(failed));
    const mine = readCursor(source.path, own, parts.reader.input, (c) => parts.reader.push(c), onRaw, inner.signal).catch(failed);
    [, ...results] = await Promise.all([mine, ...others]);
  } finally {
    signal?.removeEventListener('abort', stop);
  }
  parts.reader.end();
  let lines = parts.reader.lineNumber;
  for (const r of inFileOrder(given, results)) {
    parts.agg.mergeState(r.state, lines);
    lines += r.lines;
    const orphans = Buffer.from(r.orphans.buffer, r.orphans.byteOffset, r.orphans.byteLength);
    let at = 0;
    for (const end of r.orphanEnds) {
      parts.reader.resolve(orphans, at, end);
      at = end;
    }
    for (let i = 0; i < r.pending.length; i += 2) if (parts.pending.add(r.pending[i]!, r.pending[i + 1]!)) parts.agg.lines.unpairedRequests += 1;
  }
  return { lines, ranges: 1 + given.length };
}

/** The runners' results in the order of their ranges in the file. */
function inFileOrder(given: readonly RangeJob[][], results: readonly RangeResult[][]): RangeResult[] {
  return given
    .flatMap((jobs, k) => jobs.map((j, i) => ({ start: j.start, result: results[k]![i]! })))
    .sort((x, y) => x.start - y.start)
    .map((x) => x.result);
}

/**
 * Lowers `own.end` to a line start about halfway through what is left of it, and returns the range
 * given up, [cut, old end): none when less than twice `minBytes` is left or no line starts in the
 * second half. Synchronous (one small read of a file being read anyway), so `own` does not move meanwhile;
 * a read under way past the cut is cut short by `readCursor`.
 */
export function handOver(path: string, own: ReadCursor, minBytes: number): [number, number] | null {
  const left = own.end - own.position;
  if (left < 2 * Math.max(minBytes, 1)) return null;
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(PROBE);
    // The byte before the halfway point tells whether it already starts a line.
    for (let pos = own.position + Math.floor(left / 2) - 1; pos < own.end - 1; pos += PROBE) {
      const bytesRead = readSync(fd, buf, 0, Math.min(PROBE, own.end - 1 - pos), pos);
      if (bytesRead === 0) return null;
      const nl = buf.subarray(0, bytesRead).indexOf(NL);
      if (nl >= 0) {
        const range: [number, number] = [pos + nl + 1, own.end];
        own.end = range[0];
        return range;
      }
    }
    return null;
  } finally {
    closeSync(fd);
  }
}

/** Options a worker can receive (structured clone): the range and interval, no functions. */
const plainOptions = (o: AggregateOptions): AggregateOptions => ({
  from: o.from ?? null,
  to: o.to ?? null,
  intervalMs: o.intervalMs ?? null,
  hostingLimit: o.hostingLimit ?? null,
});
