import type { RefObject } from 'react';
import type { Bridge } from '../bridge/api';
import { useBridgeQuery, type BridgeQuery } from '../bridge/use-bridge-query';
import { useTimeRange, type SharedRange } from './time-range/use-time-range';
import { useElementWidth } from './use-element-width';

type Series = Array<[number, number]>;

/**
 * One point per 4 px: LTTB keeps the peaks, and a chart redrawn on every poll needs no more
 * points than it can show apart.
 */
export const PX_PER_POINT = 4;
export type PairedPoint = readonly [number, number, number | null];
export type HistoryWindow = SharedRange['historyArgs'];

/**
 * Two history series for one chart over the shared time range, asked of the engine at a quarter
 * of the chart's pixel width (it downsamples with LTTB) and joined by time; asked again when
 * `polledAt`, the width or the range changes, not at all while `polledAt` is null (nothing polled yet).
 */
export function usePairedHistory(
  box: RefObject<HTMLElement | null>,
  opts: {
    key: readonly unknown[];
    polledAt: number | null;
    /** False: not asked (a chart off screen); asked once it is true again, if a poll came meanwhile. */
    enabled?: boolean;
    what: string;
    load(bridge: Bridge, window: HistoryWindow & { maxPoints: number }): Promise<[{ points: Series }, { points: Series }]>;
  },
): { width: number; range: SharedRange; history: BridgeQuery<PairedPoint[]> } {
  const width = useElementWidth(box, 480);
  const range = useTimeRange();
  const maxPoints = Math.max(3, Math.floor(width / PX_PER_POINT));
  const { rangeSeconds, to } = range.historyArgs;
  const history = useBridgeQuery({
    // A live window keeps its key as it moves (the polls refresh it); a fixed one is its own answer.
    key: [...opts.key, rangeSeconds, to ?? 'live'],
    refreshOn: [opts.polledAt, maxPoints],
    enabled: opts.polledAt !== null && opts.enabled !== false,
    keepPrevious: true,
    what: opts.what,
    read: (bridge) =>
      opts.load(bridge, { ...range.historyArgs, maxPoints }).then(([a, b]) => {
        const byTime = new Map(b.points.map(([t, v]) => [t, v]));
        return a.points.map(([t, v]): PairedPoint => [t, v, byTime.get(t) ?? null]);
      }),
  });
  return { width, range, history };
}

/** The two series of paired points, each as [time, value] for a chart line. */
export function splitPaired(points: readonly PairedPoint[] | null): [Array<readonly [number, number]>, Array<readonly [number, number | null]>] {
  const a = (points ?? []).map(([t, v]): readonly [number, number] => [t, v]);
  const b = (points ?? []).map(([t, , v]): readonly [number, number | null] => [t, v]);
  return [a, b];
}
