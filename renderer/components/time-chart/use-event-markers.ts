import { MAX_EVENT_BUCKETS } from '../../../shared/contract/alerts-requests';
import type { FleetEventKind, Severity } from '../../../shared/model';
import { useBridgeQuery, type BridgeQuery } from '../../bridge/use-bridge-query';
import { useTimeRange, type SharedRange } from '../time-range/use-time-range';
import { MARKER_PX, type ChartMarkers } from './chart-geometry';

export interface MarkerFilter {
  /** The targets whose events mark the chart; null: every target (the Timeline). */
  targetIds: readonly string[] | null;
  /** Narrows to one part (a volume), events of the whole target kept. */
  subject?: string;
  kinds?: readonly FleetEventKind[];
  severities?: readonly Severity[];
}

/**
 * The events of the shared time range as a chart's markers, counted by the engine per slice of
 * `width / MARKER_PX` (one per marker column), so the answer is a few hundred slices however many
 * events the range holds; asked again after each poll (`refreshOn`).
 */
export function useEventMarkers(
  filter: MarkerFilter,
  opts: {
    width: number;
    refreshOn: unknown;
    enabled?: boolean;
    /** The chart's range when it is not the shared one of this render (a deferred one). */ range?: SharedRange;
  },
): BridgeQuery<{ markers: ChartMarkers; total: number }> & { markers: ChartMarkers | undefined } {
  const shared = useTimeRange();
  const range = opts.range ?? shared;
  const from = Math.floor(range.from);
  const to = Math.max(from + 1, Math.ceil(range.to));
  const slices = Math.min(MAX_EVENT_BUCKETS, Math.max(1, Math.floor(opts.width / MARKER_PX)));
  const { targetIds, subject, kinds, severities } = filter;
  const query = useBridgeQuery({
    key: ['getEventBuckets', targetIds?.join('\n') ?? '*', subject ?? null, kinds?.join() ?? null, severities?.join() ?? null, from, to, slices],
    refreshOn: [opts.refreshOn],
    enabled: opts.enabled !== false && (targetIds === null || targetIds.length > 0),
    keepPrevious: true,
    what: 'the events for the chart',
    read: (bridge) =>
      bridge
        .getEventBuckets({
          from,
          to,
          buckets: slices,
          ...(targetIds ? { targetIds: [...targetIds] } : {}),
          ...(subject === undefined ? {} : { subject }),
          ...(kinds && kinds.length > 0 ? { kinds: [...kinds] } : {}),
          ...(severities && severities.length > 0 ? { severities: [...severities] } : {}),
        })
        .then(({ buckets, total }) => ({ markers: { from, to, slices, buckets }, total })),
  });
  return { ...query, markers: query.data?.markers };
}
