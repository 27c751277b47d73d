import type { RepositoryHistory } from '../../../shared/model';
import { TimeChart, type ChartAxis, type ChartMarkers, type ChartSeries } from '../../components/time-chart/time-chart';
import { formatLag } from '../mirrors/farm-parts';

const LAG_COLORS = ['var(--degraded)', 'var(--info)', 'var(--text-muted)', 'var(--accent)'];
const RATE_AXIS: ChartAxis = { format: (v) => `${Math.round(v).toLocaleString('en-US')}/min` };
const LAG_AXIS: ChartAxis = { format: (v) => (v === 0 ? '0' : formatLag(v)) };

/** Every line of the chart: hits and misses per minute (left axis), then one lag line per mirror node (right axis). */
export function historySeries(h: RepositoryHistory): ChartSeries[] {
  const series: ChartSeries[] = [
    { id: 'hits', label: 'cache hits (per min)', color: 'var(--up)', step: true, points: h.hitsPerMinute },
    { id: 'misses', label: 'cache misses (per min)', color: 'var(--down)', step: true, points: h.missesPerMinute },
    ...h.lag.map((l, i): ChartSeries => ({
      id: `lag:${l.farmId}:${l.node}`,
      label: `lag on ${l.farmName} ${l.node}`,
      axis: 'right',
      color: LAG_COLORS[i % LAG_COLORS.length] ?? 'var(--info)',
      step: true,
      points: l.points,
    })),
  ];
  return series.filter((s) => s.points.length > 0);
}

/** One time axis over the shared range; lookups per minute on the left, lag on the right, with a legend. */
export const HistoryChart = ({
  series,
  width,
  from,
  to,
  markers,
}: {
  series: ChartSeries[];
  width: number;
  from: number;
  to: number;
  markers: ChartMarkers | undefined;
}) => (
  <>
    <TimeChart
      from={from}
      to={to}
      width={width}
      height={200}
      series={series}
      left={RATE_AXIS}
      {...(series.some((s) => s.axis === 'right') ? { right: LAG_AXIS } : {})}
      markers={markers}
      testId="repo-history-plot"
      label="Cache hits and misses per minute and mirror lag of this repository"
    />
    <ul className="chart-legend">
      {series.map((s) => (
        <li key={s.id}>
          <span className="chart-pointer__swatch" style={{ background: s.color }} aria-hidden="true" />
          {s.label}
        </li>
      ))}
    </ul>
  </>
);
