import { useMemo, useState } from 'react';
import { useNow } from '../../state/clock';
import { HitRateChartSvg, HitRateLegend, SERIES, type ChartSeries } from './hit-rate-chart';
import { useCacheHistory } from './use-cache-data';
import { useSteppedWidth } from './use-stepped-width';
import { QueryStatus } from '../../components/query-status';

export const RANGES = [
  { seconds: 900, label: '15 min' },
  { seconds: 3_600, label: '1 h' },
  { seconds: 21_600, label: '6 h' },
  { seconds: 86_400, label: '24 h' },
  { seconds: 604_800, label: '7 d' },
] as const;

const CHART_HEIGHT = 220;
const DOMAIN_STEPS = 100;
/** Space the y axis and margins take; LTTB targets the plot's own pixels. */
const AXIS_PX = 60;

/** Hit ratio per poll interval over a chosen range, downsampled by the engine to the plot's width. */
export const HitRateSection = ({ primaryId, polledAt }: { primaryId: string; polledAt: number | null }) => {
  const [range, setRange] = useState<number>(3_600);
  const [ref, width] = useSteppedWidth<HTMLDivElement>(800);
  const plotWidth = Math.max(60, width - AXIS_PX);
  const historyQuery = useCacheHistory(primaryId, range, plotWidth, polledAt);
  const history = historyQuery.data;
  const now = useNow();
  // The x domain moves with the polls, not the clock, and in steps of 1 % of the range, so most
  // polls redraw only the lines, not the axes.
  const step = (range * 1000) / DOMAIN_STEPS;
  const toMs = Math.ceil((polledAt ?? now) / step) * step;
  const series = useMemo<ChartSeries[]>(
    () => (history ? SERIES.map((s) => ({ name: s.name, points: history[s.name] })).filter((s) => s.points.length > 0) : []),
    [history],
  );
  const drawn = series.reduce((n, s) => n + s.points.length, 0);
  return (
    <section className="panel cache-chart" aria-labelledby="cache-chart-title" data-testid="cache-chart" data-points={drawn}>
      <div className="cache-chart__head">
        <h3 id="cache-chart-title">Hit ratio per poll interval</h3>
        <div className="cache-seg" role="group" aria-label="Time range">
          {RANGES.map((r) => (
            <button
              key={r.seconds}
              type="button"
              className={`cache-seg__item${r.seconds === range ? ' is-active' : ''}`}
              aria-pressed={r.seconds === range}
              data-testid="cache-range"
              data-range={r.seconds}
              onClick={() => setRange(r.seconds)}
            >
              {r.label}
            </button>
          ))}
        </div>
      </div>
      <QueryStatus query={historyQuery} />
      <div ref={ref} className="cache-chart__plot">
        {history && drawn === 0 && (
          <p className="muted small cache-chart__empty" data-testid="cache-chart-empty">
            No hit rate recorded in this range yet: it needs two polls that both read the statistics.
          </p>
        )}
        {drawn > 0 && <HitRateChartSvg series={series} width={width} height={CHART_HEIGHT} fromMs={toMs - range * 1000} toMs={toMs} />}
      </div>
      {history && <HitRateLegend history={history} />}
    </section>
  );
};
