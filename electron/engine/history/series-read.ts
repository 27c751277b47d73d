import { FleetApiError, type ParsedArgs } from '../../../shared/contract';
import { MAX_RANGE_SECONDS as CACHE_MAX_RANGE_SECONDS } from '../../../shared/contract/cache-requests';
import type { SeriesRead } from '../../../shared/contract/series-requests';
import type { Caller, HandlersOf } from '../handlers';

type Points = Array<[number, number]>;
type HistoryReads = HandlersOf<'getHistory' | 'getCacheHistory' | 'getMirrorHistory' | 'getStorageHistory'>;
type Window = Omit<ParsedArgs<'getSeries'>, 'series'>;

/** One line through the request it stands for, so it is answered exactly as that request is (checks, Prometheus). */
function readLine(h: HistoryReads, read: SeriesRead, w: Window, caller: Caller | undefined): Promise<Points> {
  switch (read.request) {
    case 'getHistory':
      return h.getHistory({ targetId: read.targetId, metric: read.metric, ...w }, caller).then((r) => r.points);
    case 'getCacheHistory':
      // The cache keeps its history for 30 days: a longer window reads what there is.
      return h
        .getCacheHistory({ primaryId: read.primaryId, ...w, rangeSeconds: Math.min(w.rangeSeconds, CACHE_MAX_RANGE_SECONDS) }, caller)
        .then((r) => r[read.field]);
    case 'getMirrorHistory':
      return h.getMirrorHistory({ farmId: read.farmId, metric: read.metric, ...w }, caller).then((r) => r.points);
    case 'getStorageHistory':
      return h.getStorageHistory({ storageId: read.storageId, volume: read.volume, metric: read.metric, ...w }, caller).then((r) => r.points);
  }
}

/**
 * `getSeries`: a view's history lines in one request instead of one each (in the renderer every
 * request costs a `fetch` or an IPC call on the main thread). `handlers` is read on each call, so
 * the lines go through the history reads as finally composed (Prometheus' older history included).
 * A line the engine refuses (an unknown target: a FleetApiError) answers its message; any other
 * failure is a fault and fails the request, to be logged by the dispatch.
 */
export function seriesReadHandler(handlers: () => HistoryReads): HandlersOf<'getSeries'> {
  return {
    getSeries: async ({ series, ...window }, caller) => ({
      series: await Promise.all(
        series.map((read) =>
          readLine(handlers(), read, window, caller).then(
            (points) => ({ points }),
            (err: unknown) => {
              if (err instanceof FleetApiError) return { error: err.message };
              throw err;
            },
          ),
        ),
      ),
    }),
  };
}
