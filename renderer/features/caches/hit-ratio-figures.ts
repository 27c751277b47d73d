import { formatCount, formatRatio, formatSeconds } from '../../../shared/logic/units';
import { RECENT_WINDOW_SECONDS, type CacheWindow } from '../../../shared/model';

/** The two hit ratios Fleetscope shows, each named with its period wherever it appears. */
export const RECENT_RATIO_LABEL = `Hit ratio, last ${formatSeconds(RECENT_WINDOW_SECONDS)}`;
export const SINCE_RESET_RATIO_LABEL = 'Hit ratio, since counters reset';

/** "90.0 % of 2,000 requests", "no requests", or "—"; with the measured part when it is short of the window. */
export function recentRatioText(w: CacheWindow | null): string {
  if (!w) return '—';
  const requests = w.hits + w.misses;
  const figure = requests === 0 ? 'no requests' : `${formatRatio(w.hitRatio)} of ${formatCount(requests)} requests`;
  // Right after a start (or after failed reads) less than the window was measured: say how much.
  return w.coveredSeconds < w.windowSeconds * 0.95 ? `${figure} (measured over ${formatSeconds(w.coveredSeconds)})` : figure;
}
