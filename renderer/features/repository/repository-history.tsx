import { useRef } from 'react';
import type { RepositoryHistory as History } from '../../../shared/model';
import { useBridgeQuery } from '../../bridge/use-bridge-query';
import { QueryStatus } from '../../components/query-status';
import { useElementWidth } from '../../components/use-element-width';
import { PX_PER_POINT } from '../../components/use-paired-history';
import { useTimeRange } from '../../components/time-range/use-time-range';
import { useEventMarkers } from '../../components/time-chart/use-event-markers';
import { HistoryChart, historySeries } from './repository-history-chart';

/** Why the chart has no hits and misses, when the primary's cache does not give them per poll. */
const sourceNote = (h: History): string | null =>
  h.cacheSource === 'feed'
    ? null
    : h.cacheSource === 'on-demand'
      ? 'This primary’s cache statistics do not list repositories, so their hits and misses are not recorded over time (only read now, above).'
      : 'The cache statistics of this primary have not been read yet: hits and misses start with its polls.';

/** The farms whose lag the history has, so their events mark the chart too. */
const NO_FARMS: string[] = [];
const farmIdsOf = (h: History | null): string[] => (h ? [...new Set(h.lag.map((l) => l.farmId))] : NO_FARMS);

/**
 * The repository over time on one time axis: its own cache hits and misses per minute (left
 * axis) and how long a change of it has waited on each mirror node (right axis), both recorded
 * by the engine on every poll of the primary's cache and of each farm.
 */
export const RepositoryHistory = ({
  primaryId,
  projectKey,
  repoSlug,
  pollKey,
}: {
  primaryId: string;
  projectKey: string;
  repoSlug: string;
  pollKey: string;
}) => {
  const box = useRef<HTMLDivElement>(null);
  const width = useElementWidth(box, 640);
  const range = useTimeRange();
  const maxPoints = Math.max(3, Math.floor(width / PX_PER_POINT));
  const { rangeSeconds, to } = range.historyArgs;
  const history = useBridgeQuery<History>({
    key: ['getRepositoryHistory', primaryId, projectKey, repoSlug, rangeSeconds, to ?? 'live'],
    refreshOn: [pollKey, maxPoints],
    what: 'the history of this repository',
    keepPrevious: true,
    read: (bridge) => bridge.getRepositoryHistory({ primaryId, projectKey, repoSlug, ...range.historyArgs, maxPoints }),
  });
  const farmIds = farmIdsOf(history.data);
  const { markers } = useEventMarkers({ targetIds: [primaryId, ...farmIds] }, { width, refreshOn: pollKey });
  const data = history.data;
  const series = data ? historySeries(data) : [];
  const enough = series.some((s) => s.points.length >= 2);
  const note = data ? sourceNote(data) : null;
  return (
    <section className="panel repo-section" data-testid="repo-history" aria-labelledby="repo-history-title">
      <h2 id="repo-history-title" className="section-title">
        History
      </h2>
      <p className="muted small">
        This repository’s cache hits and misses per minute, and how long a change of it waited on each mirror node, over the time range above (drag to zoom);
        events of its primary and farms as markers.
      </p>
      {note && (
        <p className="muted small" data-testid="repo-history-note">
          {note}
        </p>
      )}
      <QueryStatus query={history} />
      <div ref={box} data-testid="repo-history-chart" data-series={series.length} data-lag-series={series.filter((s) => s.axis === 'right').length}>
        {data && !enough && (
          <p className="muted small" data-testid="repo-history-empty">
            Not enough polls in this range yet for a chart: it needs two polls of the primary’s cache or of a farm.
          </p>
        )}
        {data && enough && <HistoryChart series={series} width={width} from={range.from} to={range.to} markers={markers} />}
      </div>
    </section>
  );
};
