import { open } from 'node:fs/promises';
import type { AccessLogAggregator, AggregateOptions } from './aggregator';
import type { LineReader } from './line-reader';
import type { PendingRequests } from './pending-requests';
import type { AccessLogReport } from '../../../shared/model/access-log';
import { PartPairing, readRange, type PartPairs, type RangeJob, type RangeResult } from './range-parse';
import type { RangeControl, RangeRunner } from './range-runner';

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

/** A part of another range that this thread read (the second half of its rest, given by `RangeControl.split`). */
interface TakenPart extends PartPairs {
  lines: number;
  examples: AccessLogReport['unparsable']['examples'];
}

/**
 * Reads a plain log in ranges at once: the first in this thread through `reader` (straight into
 * `agg`, as one pass would), the others through `runner` (a worker each). When this thread is done
 * first, it takes the second half of what a runner has not read yet (`RangeControl.split`), again
 * while one is left: the threads end together whatever their speeds. Then, in file order, each other
 * range's figures are added to `agg` (a taken part's are there already), its responses whose request
 * was in an earlier part are paired through `reader` with the requests still waiting (`pending`,
 * shared with the logs read before), and its own waiting requests join them: the result is what one
 * pass counts. Returns the log's line count and the number of ranges.
 */
export async function readParallel(
  source: ParallelSource,
  threads: number,
  runner: RangeRunner,
  parts: { agg: AccessLogAggregator; reader: LineReader; pending: PendingRequests; options: AggregateOptions },
  onRaw: (n: number) => void,
  signal?: AbortSignal,
  reading: Pick<RangeJob, 'readBytes' | 'minSplitBytes'> = {},
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
  const { agg, reader } = parts;
  const [first, ...rest] = ranges;
  const controls: RangeControl[] = rest.map(() => ({}));
  const ended = rest.map(() => false);
  // Per other range, the parts of it this thread read, last taken first (each lies before the one taken before it).
  const taken: TakenPart[][] = rest.map(() => []);
  const read = (start: number, end: number): Promise<void> =>
    readRange(source.path, start, end, reader.input, (c) => reader.push(c), onRaw, inner.signal, reading.readBytes);
  const takePart = async ([start, end]: [number, number]): Promise<TakenPart> => {
    const pairing = new PartPairing();
    const mark = agg.exampleCount;
    reader.pairWith(pairing.pending, pairing.orphan);
    reader.lineNumber = 0;
    await read(start, end);
    reader.end();
    const part = { lines: reader.lineNumber, examples: agg.takeExamples(mark), ...pairing.pairs() };
    reader.pairWith(parts.pending);
    return part;
  };
  let ownLines = 0;
  let results: RangeResult[];
  try {
    const others = rest.map(([start, end], i) =>
      runner(
        { path: source.path, start, end, source: source.name, node: source.node, options: plainOptions(parts.options), ...reading },
        onRaw,
        inner.signal,
        controls[i],
      )
        .finally(() => (ended[i] = true))
        .catch(failed),
    );
    const own = (async () => {
      await read(first![0], first![1]);
      reader.end();
      ownLines = reader.lineNumber;
      for (let i = rest.length - 1; i >= 0;) {
        const part = ended[i] ? null : await controls[i]!.split?.();
        if (part) taken[i]!.push(await takePart(part));
        else i--;
      }
    })().catch(failed);
    [, ...results] = await Promise.all([own, ...others]);
  } finally {
    signal?.removeEventListener('abort', stop);
  }
  let lines = ownLines;
  const pairAfter = (p: PartPairs & { lines: number }): void => {
    lines += p.lines;
    const orphans = Buffer.from(p.orphans.buffer, p.orphans.byteOffset, p.orphans.byteLength);
    let at = 0;
    for (const end of p.orphanEnds) {
      reader.resolve(orphans, at, end);
      at = end;
    }
    for (let i = 0; i < p.pending.length; i += 2) if (parts.pending.add(p.pending[i]!, p.pending[i + 1]!)) agg.lines.unpairedRequests += 1;
  };
  results.forEach((r, i) => {
    agg.mergeState(r.state, lines);
    pairAfter(r);
    for (const part of taken[i]!.reverse()) {
      agg.addExamples(part.examples, lines);
      pairAfter(part);
    }
  });
  return { lines, ranges: ranges.length };
}

/** Options a worker can receive (structured clone): the range and interval, no functions. */
const plainOptions = (o: AggregateOptions): AggregateOptions => ({
  from: o.from ?? null,
  to: o.to ?? null,
  intervalMs: o.intervalMs ?? null,
  hostingLimit: o.hostingLimit ?? null,
});
