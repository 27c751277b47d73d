import type { AccessLogReport, SlowOperation } from '../../../shared/model/access-log';
import type { ConcurrencyState } from './concurrency';
import { DurationHistogram, type HistogramState } from './histogram';
import type { TopKState } from './top-k';

/**
 * Everything an aggregator counted, as sent from a worker that read one range of a log: plain
 * data and typed arrays (structured clone), merged exactly by `AccessLogAggregator.mergeState`.
 */
export interface AggregateState {
  lines: AccessLogReport['lines'];
  slots: Array<[number, Uint32Array]>;
  cacheByKind: Uint32Array;
  cacheByProtocol: Uint32Array;
  durationByKind: HistogramState[];
  nodes: Array<[string, HistogramState]>;
  cloneNodes: Array<[string, HistogramState]>;
  repositories: TopKState;
  cloneRepositories: TopKState;
  users: TopKState;
  clientIps: TopKState;
  concurrency: ConcurrencyState;
  slowest: SlowOperation[];
  examples: AccessLogReport['unparsable']['examples'];
  first: number;
  last: number;
}

export const exportHistograms = (m: Map<string, DurationHistogram>): Array<[string, HistogramState]> => [...m].map(([k, h]) => [k, h.exportState()]);

export function mergeHistograms(into: Map<string, DurationHistogram>, from: ReadonlyArray<[string, HistogramState]>): void {
  for (const [key, h] of from) {
    let mine = into.get(key);
    if (mine === undefined) into.set(key, (mine = new DurationHistogram()));
    mine.mergeFrom(h);
  }
}

export function addCounts(into: Uint32Array, from: Uint32Array): void {
  for (let i = 0; i < into.length; i++) into[i]! += from[i]!;
}
