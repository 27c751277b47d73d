import { useMemo } from 'react';
import { fixedWindowParams, resolveTimeRange, type TimeRange } from '../../../shared/logic/time-range';
import { setRouteParams, useRouteParam } from '../../routing/route-store';
import { useSteppedNow } from '../../state/clock';

/** How many steps a live window moves in over its length: a 1 h chart shifts every 36 s. */
const STEPS_PER_RANGE = 100;

export interface SharedRange extends TimeRange {
  /** The history requests' window: `rangeSeconds` back from `to`, or from now for a live chart. */
  historyArgs: { rangeSeconds: number; to?: number };
}

/**
 * The one time range of every chart, from the route. A live window ends at the clock, moved in
 * steps of 1 % of its length so charts redraw their axes a hundred times per range, not every second.
 */
export function useTimeRange(): SharedRange {
  // The three params it reads, each a string: a route change that leaves them (opening another view) renders no chart.
  const range = useRouteParam('range');
  const fromParam = useRouteParam('from');
  const toParam = useRouteParam('to');
  const params = { range, from: fromParam, to: toParam };
  const probe = resolveTimeRange(params, 0);
  const step = Math.max(1_000, (probe.to - probe.from) / STEPS_PER_RANGE);
  const now = useSteppedNow(probe.live ? step : 3_600_000);
  const { from, to, live, rangeId } = resolveTimeRange(params, now);
  // The same object while the window is the same: a memoised chart or a deferred render sees no change.
  return useMemo(() => {
    const rangeSeconds = Math.max(1, Math.ceil((to - from) / 1000));
    return { from, to, live, rangeId, historyArgs: live ? { rangeSeconds } : { rangeSeconds, to } };
  }, [from, to, live, rangeId]);
}

/** The time-range changes, each a route change: a zoom is a new history entry (Back undoes it), the rest replace. */
export const timeRangeActions = {
  /** A live relative range ("last 6 h"); the default one leaves the route clean. */
  setRelative(rangeId: string): void {
    setRouteParams({ range: rangeId, from: null, to: null }, { replace: false });
  },
  /** Fixes the current window (Pause): it stops following the clock. */
  pause(range: TimeRange): void {
    setRouteParams({ from: String(Math.round(range.from)), to: String(Math.round(range.to)) }, { replace: false });
  },
  /** Back to the live relative range the window came from. */
  resume(): void {
    setRouteParams({ from: null, to: null }, { replace: false });
  },
  /** An absolute window, or a zoom dragged on a chart: a new place, so Back returns to the range before. */
  zoomTo(from: number, to: number): void {
    if (!Number.isFinite(from) || !Number.isFinite(to) || from === to) return;
    setRouteParams(fixedWindowParams(from, to), { replace: false });
  },
};
