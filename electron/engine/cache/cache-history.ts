import type { CacheHistory, CacheSeriesName } from '../../../shared/model/cache';
import { cacheSeriesNames, hitRatioOf } from '../../../shared/model/cache';
import { lttb } from '../../../shared/logic/lttb';
import type { HistoryStore } from '../store/history-store';
import type { RateSample } from './cache-rates';

/** The history store's target for a primary's cache: apart from the primary's own poll records. */
export const historyTarget = (primaryId: string): string => `cache:${primaryId}`;

const metricOf = (series: CacheSeriesName): string => `cache.hitRatio.${series}`;

/**
 * What one cache poll adds to the history: the hit ratio of each class over the interval (NaN,
 * which the store skips, when nothing was counted or the class is unknown), rates and size.
 */
export function historyFigures(sample: RateSample | null, size: number | null): Record<string, number> {
  const figures: Record<string, number> = { 'cache.size': size ?? Number.NaN };
  if (!sample) return figures;
  for (const name of cacheSeriesNames) {
    const c = sample.counts[name];
    figures[metricOf(name)] = (c ? hitRatioOf(c.hits, c.misses) : null) ?? Number.NaN;
  }
  const all = sample.counts.all;
  figures['cache.hitsPerSecond'] = all ? all.hits / sample.seconds : Number.NaN;
  figures['cache.missesPerSecond'] = all ? all.misses / sample.seconds : Number.NaN;
  return figures;
}

/** Every hit-ratio series of a primary over a window (epoch ms), each downsampled to `maxPoints`. */
export function readHistory(store: HistoryStore, primaryId: string, window: { from: number; to: number }, maxPoints: number): CacheHistory {
  const entries = cacheSeriesNames.map((name) => {
    const points = lttb(store.series(historyTarget(primaryId), metricOf(name), window.from, window.to), maxPoints);
    return [name, points.map(([t, v]) => [t, v] as [number, number])] as const;
  });
  return Object.fromEntries(entries) as CacheHistory;
}
