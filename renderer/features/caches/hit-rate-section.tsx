import { useMemo } from 'react';
import { useTimeRange } from '../../components/time-range/use-time-range';
import { useEventMarkers } from '../../components/time-chart/use-event-markers';
import { HitRateChartSvg, HitRateLegend, SERIES, type HitRateSeries } from './hit-rate-chart';
import { useCacheHistory } from './use-cache-data';
import { useSteppedWidth } from './use-stepped-width';
import { QueryStatus } from '../../components/query-status';
import { BackfillNote } from '../../components/time-chart/backfill-note';

const CHART_HEIGHT = 220;
/** Space the y axis and margins take; LTTB targets the plot's own pixels. */
const AXIS_PX = 64;

/** Hit ratio per poll interval over the shared time range, downsampled by the engine to the plot's width; the primary's events as markers. */
export const HitRateSection = ({ primaryId, polledAt }: { primaryId: string; polledAt: number | null }) => {
  const range = useTimeRange();
  // Nothing is asked before the plot's width is known: one request at the right resolution.
  const [ref, width, measured] = useSteppedWidth<HTMLDivElement>(800);
  const plotWidth = Math.max(60, width - AXIS_PX);
  const historyQuery = useCacheHistory(primaryId, range.historyArgs, plotWidth, polledAt, measured);
  const { markers } = useEventMarkers({ targetIds: [primaryId] }, { width, refreshOn: polledAt, enabled: measured });
  const history = historyQuery.data;
  const series = useMemo<HitRateSeries[]>(
    () => (history ? SERIES.map((s) => ({ name: s.name, points: history[s.name] })).filter((s) => s.points.length > 0) : []),
    [history],
  );
  const drawn = series.reduce((n, s) => n + s.points.length, 0);
  return (
    <section className="panel cache-chart" aria-labelledby="cache-chart-title" data-testid="cache-chart" data-points={drawn}>
      <div className="cache-chart__head">
        <h3 id="cache-chart-title">Hit ratio per poll interval</h3>
        <span className="muted small">drag to zoom</span>
      </div>
      <QueryStatus query={historyQuery} />
      <BackfillNote />
      <div ref={ref} className="cache-chart__plot">
        {history && drawn === 0 && (
          <p className="muted small cache-chart__empty" data-testid="cache-chart-empty">
            No hit rate recorded in this range yet: it needs two polls that both read the statistics.
          </p>
        )}
        {drawn > 0 && <HitRateChartSvg series={series} width={width} height={CHART_HEIGHT} fromMs={range.from} toMs={range.to} markers={markers} />}
      </div>
      {history && <HitRateLegend history={history} />}
    </section>
  );
};
