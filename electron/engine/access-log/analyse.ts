import { availableParallelism } from 'node:os';
import type { Readable } from 'node:stream';
import type { AccessLogReport } from '../../../shared/model/access-log';
import { AccessLogAggregator, type AggregateOptions, type RepositoryClones } from './aggregator';
import { LineReader } from './line-reader';
import { PARALLEL_MIN_BYTES, readParallel } from './parallel-read';
import { PendingRequests } from './pending-requests';
import { readRange } from './range-parse';
import { workerRangeRunner, type RangeRunner } from './range-runner';
import { expandSources, type LogSource } from './sources';

export interface AnalyseProgress {
  bytesDone: number;
  bytesTotal: number;
  source: string;
  lines: number;
}

export interface AnalyseOptions extends AggregateOptions {
  signal?: AbortSignal;
  onProgress?: (p: AnalyseProgress) => void;
  /** Progress at most every this many raw bytes. */
  progressEveryBytes?: number;
  /** Threads reading one plain log at once (default: the cores there are); 1 reads in this thread only. */
  threads?: number;
  /** Plain logs at least this large are read in ranges at once (default `PARALLEL_MIN_BYTES`). */
  parallelMinBytes?: number;
  /** Where a range is read (default: a worker thread of the bundled worker, when there is one). */
  rangeRunner?: RangeRunner | null;
  /** Bytes of a plain log read at a time (default 4 MB), and the least part of a range handed to another thread (default 8 MB): small in tests. */
  readBytes?: number | undefined;
  minSplitBytes?: number | undefined;
}

/**
 * Reads access logs (files, folders, `.gz`/`.bz2` rotations, support zips) one after another,
 * streaming: memory stays bounded by the aggregator's caps, not the logs' size.
 */
export async function analyseAccessLogs(paths: readonly string[], options: AnalyseOptions = {}): Promise<AccessLogReport> {
  // Without the per-repository figures: they are only kept by the host, and building them for every
  // repository of a large log took as long as the report (it runs after both ranges, so it adds to the wall).
  return (await analyse(paths, options)).report;
}

/** The report, and each repository's own figures (kept by the host for repository pages, never sent whole). */
export async function analyseAccessLogsPerRepository(paths: readonly string[], options: AnalyseOptions = {}): Promise<AnalysedLogs> {
  const { report, agg } = await analyse(paths, options);
  return { report, repositories: agg.repositoryFigures() };
}

async function analyse(paths: readonly string[], options: AnalyseOptions): Promise<{ report: AccessLogReport; agg: AccessLogAggregator }> {
  options.signal?.throwIfAborted();
  const sources = await expandSources(paths);
  if (sources.length === 0)
    throw new Error('No access log found there: choose atlassian-bitbucket-access*.log files, a folder holding them, or a support zip.');
  return analyseSources(sources, options);
}

export interface AnalysedLogs {
  report: AccessLogReport;
  /** `PROJECT/slug` (as `normaliseRepository` writes it) → its figures. */
  repositories: Map<string, RepositoryClones>;
}

async function analyseSources(sources: readonly LogSource[], options: AnalyseOptions): Promise<{ report: AccessLogReport; agg: AccessLogAggregator }> {
  const agg = new AccessLogAggregator(options);
  const bytesTotal = sources.reduce((n, s) => n + s.bytes, 0);
  const every = options.progressEveryBytes ?? 8 * 1024 * 1024;
  let bytesDone = 0;
  let reported = 0;
  const summary: AccessLogReport['sources'] = [];
  const pending = new PendingRequests();
  const threads = options.threads ?? availableParallelism();
  const runner = options.rangeRunner === undefined ? workerRangeRunner() : options.rangeRunner;
  for (const source of sources) {
    options.signal?.throwIfAborted();
    const reader = new LineReader(agg, source.name, source.node, pending);
    const onRaw = (n: number): void => {
      bytesDone += n;
      if (options.onProgress && bytesDone - reported >= every) {
        reported = bytesDone;
        options.onProgress({ bytesDone, bytesTotal, source: source.name, lines: agg.lines.total });
      }
    };
    let lines: number;
    let ranges: number | undefined;
    if (source.plainPath !== undefined && runner !== null && threads > 1 && source.bytes >= (options.parallelMinBytes ?? PARALLEL_MIN_BYTES)) {
      const parts = { agg, reader, pending, options };
      ({ lines, ranges } = await readParallel(
        { path: source.plainPath, bytes: source.bytes, name: source.name, node: source.node },
        threads,
        runner,
        parts,
        onRaw,
        options.signal,
        { readBytes: options.readBytes, minSplitBytes: options.minSplitBytes },
      ));
    } else {
      if (source.plainPath !== undefined) await readRange(source.plainPath, 0, Infinity, reader.input, (c) => reader.push(c), onRaw, options.signal);
      else await consume(await source.open(onRaw), reader, options.signal);
      reader.end();
      lines = reader.lineNumber;
    }
    summary.push({ name: source.name, bytes: source.bytes, lines, ...(ranges === undefined ? {} : { ranges }) });
  }
  agg.lines.unpairedRequests += pending.size;
  options.onProgress?.({ bytesDone: bytesTotal, bytesTotal, source: '', lines: agg.lines.total });
  return { report: agg.report(summary), agg };
}

async function consume(stream: Readable, reader: LineReader, signal: AbortSignal | undefined): Promise<void> {
  const abort = (): void => void stream.destroy(signal?.reason instanceof Error ? signal.reason : new Error('Cancelled.'));
  signal?.addEventListener('abort', abort, { once: true });
  try {
    for await (const chunk of stream) reader.push(chunk as Buffer);
  } finally {
    signal?.removeEventListener('abort', abort);
    stream.destroy();
  }
  signal?.throwIfAborted();
}
