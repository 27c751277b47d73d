import type { FleetEvent } from '../../../shared/model';
import { useBridgeQuery, type BridgeQuery } from '../../bridge/use-bridge-query';
import { useTimeRange } from '../time-range/use-time-range';

/**
 * The most events one chart asks for: newest first, so a busy week still marks its latest
 * changes; a zoom narrows the window and brings the rest. Drawn bucketed per few pixels.
 */
export const MARKER_LIMIT = 2_000;
const NONE: FleetEvent[] = [];

/**
 * The events of some targets in the shared time range, for a chart's markers; asked again after
 * each poll (`refreshOn`). `subject` narrows to one part (a volume), events of the whole target kept.
 */
export function useEventMarkers(
  targetIds: readonly string[],
  opts: { refreshOn: unknown; subject?: string },
): BridgeQuery<{ events: FleetEvent[]; truncated: boolean }> & { markers: FleetEvent[] } {
  const range = useTimeRange();
  const from = Math.floor(range.from);
  const to = Math.ceil(range.to);
  const query = useBridgeQuery({
    key: ['getEvents', 'markers', targetIds.join('\n'), from, to],
    refreshOn: [opts.refreshOn],
    enabled: targetIds.length > 0,
    keepPrevious: true,
    what: 'the events for the chart',
    read: (bridge) => bridge.getEvents({ from, to, targetIds: [...targetIds], order: 'desc', limit: MARKER_LIMIT }),
  });
  const events = query.data?.events ?? NONE;
  const markers = opts.subject === undefined ? events : events.filter((e) => e.subject === null || e.subject === opts.subject);
  return { ...query, markers };
}
