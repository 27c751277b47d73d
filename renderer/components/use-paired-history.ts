import type { RefObject } from 'react';
import type { Bridge } from '../bridge/api';
import { useBridgeQuery, type BridgeQuery } from '../bridge/use-bridge-query';
import { useElementWidth } from './use-element-width';

type Series = Array<[number, number]>;

/**
 * One point per 4 px: LTTB keeps the peaks, and recharts' <Line> costs tens of microseconds a
 * point, redrawn on every poll — at one point per pixel, long enough a task to hold up a keystroke.
 */
export const PX_PER_POINT = 4;
export type PairedPoint = { t: number; a: number; b: number | null };

/**
 * Two history series for one chart, asked of the engine at a quarter of the chart's pixel width (it
 * downsamples with LTTB) and joined by time; asked again when `polledAt` or the width changes,
 * not at all while `polledAt` is null (nothing polled yet).
 */
export function usePairedHistory(
  box: RefObject<HTMLElement | null>,
  opts: {
    key: readonly unknown[];
    polledAt: number | null;
    what: string;
    load(bridge: Bridge, maxPoints: number): Promise<[{ points: Series }, { points: Series }]>;
  },
): { width: number; history: BridgeQuery<PairedPoint[]> } {
  const width = useElementWidth(box, 480);
  const maxPoints = Math.max(3, Math.floor(width / PX_PER_POINT));
  const history = useBridgeQuery({
    key: opts.key,
    refreshOn: [opts.polledAt, maxPoints],
    enabled: opts.polledAt !== null,
    what: opts.what,
    read: (bridge) =>
      opts.load(bridge, maxPoints).then(([a, b]) => {
        const byTime = new Map(b.points.map(([t, v]) => [t, v]));
        return a.points.map(([t, v]) => ({ t, a: v, b: byTime.get(t) ?? null }));
      }),
  });
  return { width, history };
}
