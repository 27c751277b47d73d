import { useState } from 'react';
import type { FleetEvent, FleetEventKind, Severity } from '../../../shared/model';
import { useBridgeQuery, type BridgeQuery } from '../../bridge/use-bridge-query';
import type { SharedRange } from '../../components/time-range/use-time-range';

/** Events per page of the list: the request pages, so 100,000 events in the store cost one page to read, validate and show. */
export const PAGE = 200;
/** The most the events request gives at once. */
const MAX_LIMIT = 10_000;

export interface TimelineFilters {
  target: string | null;
  kind: FleetEventKind | null;
  severity: Severity | null;
}

/**
 * The events of the shared range matching the filters, newest first, a page at a time: `more()`
 * asks for the next page along (up to the request's limit), asked again after every poll.
 */
export function useTimelineEvents(
  range: SharedRange,
  filters: TimelineFilters,
  refreshOn: unknown,
): { query: BridgeQuery<{ events: FleetEvent[]; truncated: boolean }>; more: (() => void) | null } {
  const [pages, setPages] = useState(1);
  const from = Math.floor(range.from);
  const to = Math.ceil(range.to);
  const limit = Math.min(MAX_LIMIT, pages * PAGE);
  const query = useBridgeQuery({
    key: ['getEvents', 'timeline', from, to, filters.target, filters.kind, filters.severity, limit],
    refreshOn: [refreshOn],
    keepPrevious: true,
    what: 'the events',
    read: (bridge) =>
      bridge.getEvents({
        from,
        to,
        order: 'desc',
        limit,
        ...(filters.target ? { targetIds: [filters.target] } : {}),
        ...(filters.kind ? { kinds: [filters.kind] } : {}),
        ...(filters.severity ? { severities: [filters.severity] } : {}),
      }),
  });
  const canMore = query.data?.truncated === true && limit < MAX_LIMIT;
  return { query, more: canMore ? () => setPages((p) => p + 1) : null };
}
