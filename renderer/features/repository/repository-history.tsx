import { useRef } from 'react';
import type { RepositoryHistory as History } from '../../../shared/model';
import { useBridgeQuery } from '../../bridge/use-bridge-query';
import { QueryStatus } from '../../components/query-status';
import { useElementWidth } from '../../components/use-element-width';
import { PX_PER_POINT } from '../../components/use-paired-history';
import { setRouteParams, useRouteParam } from '../../routing/route-store';
import { HistoryChart, historySeries } from './repository-history-chart';

export const RANGES = [
  { id: '1h', label: '1 h', seconds: 3_600 },
  { id: '6h', label: '6 h', seconds: 6 * 3_600 },
  { id: '24h', label: '24 h', seconds: 86_400 },
  { id: '7d', label: '7 d', seconds: 7 * 86_400 },
] as const;

/** Why the chart has no hits and misses, when the primary's cache does not give them per poll. */
const sourceNote = (h: History): string | null =>
  h.cacheSource === 'feed'
    ? null
    : h.cacheSource === 'on-demand'
      ? 'This primary’s cache statistics do not list repositories, so their hits and misses are not recorded over time (only read now, above).'
      : 'The cache statistics of this primary have not been read yet: hits and misses start with its polls.';

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
  const rangeId = useRouteParam('range') ?? '1h';
  const range = RANGES.find((r) => r.id === rangeId) ?? RANGES[0];
  const maxPoints = Math.max(3, Math.floor(width / PX_PER_POINT));
  const history = useBridgeQuery<History>({
    key: ['getRepositoryHistory', primaryId, projectKey, repoSlug, range.seconds],
    refreshOn: [pollKey, maxPoints],
    what: 'the history of this repository',
    keepPrevious: true,
    read: (bridge) => bridge.getRepositoryHistory({ primaryId, projectKey, repoSlug, rangeSeconds: range.seconds, maxPoints }),
  });
  const data = history.data;
  const series = data ? historySeries(data) : [];
  const enough = series.some((s) => s.points.length >= 2);
  const note = data ? sourceNote(data) : null;
  return (
    <section className="panel repo-section" data-testid="repo-history" aria-labelledby="repo-history-title">
      <h2 id="repo-history-title" className="section-title">
        History
        <span className="app-header__spacer" />
        <span className="segmented" role="group" aria-label="Time range">
          {RANGES.map((r) => (
            <button
              key={r.id}
              type="button"
              className="segmented__item"
              aria-pressed={r.id === range.id}
              data-testid={`repo-range-${r.id}`}
              onClick={() => setRouteParams({ range: r.id === '1h' ? null : r.id })}
            >
              {r.label}
            </button>
          ))}
        </span>
      </h2>
      <p className="muted small">
        This repository’s cache hits and misses per minute, and how long a change of it waited on each mirror node, over the last {range.label}.
      </p>
      {note && (
        <p className="muted small" data-testid="repo-history-note">
          {note}
        </p>
      )}
      <QueryStatus query={history} />
      <div ref={box} data-testid="repo-history-chart" data-series={series.length} data-lag-series={series.filter((s) => s.axis === 'lag').length}>
        {data && !enough && (
          <p className="muted small" data-testid="repo-history-empty">
            Not enough polls in this range yet for a chart: it needs two polls of the primary’s cache or of a farm.
          </p>
        )}
        {data && enough && <HistoryChart series={series} width={width} from={data.from} to={data.to} />}
      </div>
    </section>
  );
};
