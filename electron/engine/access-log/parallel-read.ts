import { open } from 'node:fs/promises';
import type { AccessLogAggregator, AggregateOptions } from './aggregator';
import type { LineReader } from './line-reader';
import type { PendingRequests } from './pending-requests';
import { readRange, type RangeResult } from './range-parse';
import type { RangeRunner } from './range-runner';

/** Below this, one thread reads a log: starting workers and merging costs more than it saves. */
export const PARALLEL_MIN_BYTES = 64 * 1024 * 1024;
const NL = 10;
const PROBE = 64 * 1024;

/**
 * Cuts [0, size) of a file into up to `n` ranges of about equal size, each starting at a line
 * start: a cut moves forward to just after the next newline, so every line is in exactly one range.
 */
export async function splitRanges(path: string, size: number, n: number): Promise<Array<[number, number]>> {
  const cuts = [0];
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(PROBE);
    for (let k = 1; k < n; k++) {
      let at = Math.max(Math.floor((size * k) / n), cuts[cuts.length - 1]!, 1);
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
 * `agg`, as one pass would), the others through `runner` (a worker each). Then, in range order,
 * each other range's figures are added to `agg`, its responses whose request was in an earlier range
 * are paired through `reader` with the requests still waiting (`pending`, shared with the logs read
 * before), and its own waiting requests join them: the result is what one pass counts.
 * Returns the log's line count and the number of ranges.
 */
export async function readParallel(
  source: ParallelSource,
  threads: number,
  runner: RangeRunner,
  parts: { agg: AccessLogAggregator; reader: LineReader; pending: PendingRequests; options: AggregateOptions },
  onRaw: (n: number) => void,
  signal?: AbortSignal,
): Promise<{ lines: number; ranges: number }> {
  const ranges = await splitRanges(source.path, source.bytes, threads);
  const inner = new AbortController();
  const stop = (): void => inner.abort(signal?.reason);
  signal?.addEventListener('abort', stop, { once: true });
  // One range failing stops the others: their work is of no use.
  const failed = (err: unknown): never => {
    inner.abort(err);
    throw err;
  };
  const [first, ...rest] = ranges;
  let results: RangeResult[];
  try {
    const others = rest.map(([start, end]) =>
      runner({ path: source.path, start, end, source: source.name, node: source.node, options: plainOptions(parts.options) }, onRaw, inner.signal).catch(
        failed,
      ),
    );
    const own = readRange(source.path, first![0], first![1], parts.reader.input, (c) => parts.reader.push(c), onRaw, inner.signal).catch(failed);
    [, ...results] = await Promise.all([own, ...others]);
  } finally {
    signal?.removeEventListener('abort', stop);
  }
  parts.reader.end();
  let lines = parts.reader.lineNumber;
  for (const r of results) {
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
  return { lines, ranges: ranges.length };
}

/** Options a worker can receive (structured clone): the range and interval, no functions. */
const plainOptions = (o: AggregateOptions): AggregateOptions => ({
  from: o.from ?? null,
  to: o.to ?? null,
  intervalMs: o.intervalMs ?? null,
  hostingLimit: o.hostingLimit ?? null,
});
