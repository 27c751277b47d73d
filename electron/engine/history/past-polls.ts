import type { PastHistory, PastPoll } from '../../../shared/model/past-polls';
import { cacheSeriesNames } from '../../../shared/model/cache';
import { primaryFigures } from '../bitbucket/primaries-area';
import { historyFigures, historyTarget } from '../cache/cache-history';
import type { IntervalCounts } from '../cache/cache-rates';
import { farmFigures } from '../mirrors/mirrors-area';
import { lookupSamples, repoCacheTarget } from '../repository/repository-history';
import { storageFigures } from '../storage/storage-source';
import type { HistoryStore, PollBatchItem } from '../store/history-store';

/**
 * Past polls (a simulated fleet's last days, issue 17) written as the live polls of each area
 * write them: the same targets, the same figures, through `recordPoll` and `recordSamples`, so
 * every history read finds them as it would find real ones.
 */
export function pastPollRows(p: PastPoll): PollBatchItem {
  const base = { at: p.at, durationMs: p.durationMs, error: null };
  switch (p.area) {
    case 'primary':
      return { record: { ...base, status: p.status, targetId: p.primaryId, figures: primaryFigures({ ...p }) }, samples: [] };
    case 'cache': {
      const counts = Object.fromEntries(cacheSeriesNames.map((n) => [n, p.counts[n] ?? null])) as IntervalCounts;
      const figures = historyFigures({ at: p.at, seconds: p.seconds, counts }, p.sizeBytes);
      const samples = lookupSamples(
        p.repositories.map((r) => ({ target: repoCacheTarget(p.primaryId, r.projectKey, r.repoSlug), hits: r.hits, misses: r.misses })),
      );
      // A cache poll is recorded as `up` whatever the primary's state: only answered polls are written.
      return { record: { ...base, status: 'up', targetId: historyTarget(p.primaryId), figures }, samples };
    }
    case 'farm':
      return { record: { ...base, status: p.status, targetId: p.farmId, figures: farmFigures(p) }, samples: [] };
    case 'storage':
      return { record: { ...base, status: p.status, targetId: p.storageId, figures: storageFigures(p.durationMs, p.status, p.volumes) }, samples: [] };
  }
}

export interface PastWriteProgress {
  written: number;
  total: number;
  rows: number;
}

/**
 * Writes a span of past polls and its events, a slice at a time with a turn of the event loop
 * in between, so live polls and requests are answered while it runs. Resolves with the rows written.
 */
export async function writePastHistory(
  store: HistoryStore,
  history: PastHistory,
  opts: { pollsPerSlice?: number; onProgress?: (p: PastWriteProgress) => void; stopped?: () => boolean } = {},
): Promise<PastWriteProgress> {
  // About 1,200 rows a slice (≈ 10 ms of CPU quiet): few enough commits that committing is not
  // the cost, short enough that the live polls and reads beside it are not held up measurably.
  const slice = opts.pollsPerSlice ?? 120;
  const progress: PastWriteProgress = { written: 0, total: history.polls.length, rows: 0 };
  // Newest first: the ranges a person opens first (1 h, 24 h) fill before the week does.
  for (let end = history.polls.length; end > 0; end -= slice) {
    if (opts.stopped?.()) break;
    const batch = history.polls.slice(Math.max(0, end - slice), end).map(pastPollRows);
    store.recordPolls(batch);
    for (const { record, samples } of batch) progress.rows += 1 + Object.values(record.figures).filter(Number.isFinite).length + samples.length;
    progress.written = history.polls.length - Math.max(0, end - slice);
    opts.onProgress?.({ ...progress });
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  if (!opts.stopped?.() && history.events.length > 0) {
    store.recordEvents(history.events);
    progress.rows += history.events.length;
  }
  return progress;
}
