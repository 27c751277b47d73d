import { memo, useId, useMemo } from 'react';
import { CartesianGrid, LineChart, usePlotArea, useXAxisScale, useYAxisScale, XAxis, YAxis } from 'recharts';
import type { CacheHistory, CacheSeriesName } from '../../../shared/model/cache';
import { formatClock, formatRatio, formatTimestamp } from '../../../shared/logic/units';

export const SERIES: readonly { name: CacheSeriesName; label: string; color: string; dashed?: boolean }[] = [
  { name: 'clone', label: 'Clone (upload-pack)', color: '#2f6fd6' },
  { name: 'refs', label: 'Ref advertisement', color: '#d97706' },
  { name: 'v1', label: 'Git protocol v1', color: '#8b47d6' },
  { name: 'v2', label: 'Git protocol v2', color: '#0f9d8a' },
  { name: 'all', label: 'All requests', color: '#7a8291', dashed: true },
];

export interface ChartSeries {
  name: CacheSeriesName;
  points: readonly (readonly [number, number])[];
}

/** Axis labels: the time of day, with the date over ranges longer than two days ("01-15 13:00"). */
const timeFormat = (rangeMs: number) =>
  rangeMs > 2 * 86_400_000 ? (t: number): string => `${formatTimestamp(t).slice(5, 10)} ${formatClock(t)}` : (t: number): string => formatClock(t);
const Y_TICKS = [0, 0.25, 0.5, 0.75, 1];
const MARGIN = { top: 8, right: 12, bottom: 4, left: 0 };
const percent = (v: number): string => `${Math.round(v * 100)} %`;

type Scale = (value: number) => number | undefined;

/** One SVG path through the points, in plot pixels; points the scales cannot place are skipped. */
function pathOf(points: readonly (readonly [number, number])[], x: Scale, y: Scale): string {
  const parts: string[] = [];
  for (const [t, v] of points) {
    const px = x(t);
    const py = y(v);
    if (px === undefined || py === undefined || !Number.isFinite(px) || !Number.isFinite(py)) continue;
    parts.push(`${parts.length === 0 ? 'M' : 'L'}${px.toFixed(1)},${py.toFixed(1)}`);
  }
  return parts.join('');
}

/**
 * The lines, drawn inside the recharts chart with its own axis scales. recharts' <Line> spends
 * tens of microseconds per point (label entries, an immer-managed store) — 75 ms for four
 * 740-point series, a long task on every poll — where one path string per series costs about
 * one millisecond. Axes, grid, layout and scales stay recharts'.
 */
const SeriesPaths = ({ series }: { series: readonly ChartSeries[] }) => {
  const x = useXAxisScale() as Scale | undefined;
  const y = useYAxisScale() as Scale | undefined;
  const area = usePlotArea();
  const clipId = useId();
  const paths = useMemo(() => (x && y ? series.map((s) => ({ name: s.name, d: pathOf(s.points, x, y) })) : []), [series, x, y]);
  if (!area) return null;
  return (
    <g className="cache-lines">
      <defs>
        <clipPath id={clipId}>
          <rect x={area.x} y={area.y} width={area.width} height={area.height} />
        </clipPath>
      </defs>
      {paths.map((p) => {
        const meta = SERIES.find((m) => m.name === p.name);
        return (
          <path
            key={p.name}
            className="cache-line"
            data-series={p.name}
            d={p.d}
            fill="none"
            stroke={meta?.color ?? '#888'}
            strokeWidth={p.name === 'all' ? 1 : 1.5}
            strokeDasharray={meta?.dashed ? '4 3' : undefined}
            strokeLinejoin="round"
            clipPath={`url(#${clipId})`}
          />
        );
      })}
    </g>
  );
};

/** The hit-rate chart: recharts axes and grid, one line per series. Points arrive already downsampled to the width. */
export const HitRateChartSvg = memo(function HitRateChartSvg({
  series,
  width,
  height,
  fromMs,
  toMs,
}: {
  series: readonly ChartSeries[];
  width: number;
  height: number;
  fromMs: number;
  toMs: number;
}) {
  // The same element objects while the domain stands: React then skips the axes and the grid, and a
  // poll redraws only the lines. The view moves the domain in steps (see HitRateSection).
  const frame = useMemo(() => {
    const tickFormatter = timeFormat(toMs - fromMs);
    return [
      <CartesianGrid key="grid" strokeDasharray="3 3" stroke="#8884" />,
      <XAxis key="x" dataKey="t" type="number" domain={[fromMs, toMs]} allowDataOverflow tickFormatter={tickFormatter} tickCount={6} fontSize={11} />,
      <YAxis key="y" type="number" domain={[0, 1]} allowDataOverflow ticks={Y_TICKS} tickFormatter={percent} width={44} fontSize={11} />,
    ];
  }, [fromMs, toMs]);
  return (
    <LineChart width={width} height={height} margin={MARGIN}>
      {frame}
      <SeriesPaths series={series} />
    </LineChart>
  );
});

/** The legend with each series' latest value; also says which series have no data on this instance. */
export const HitRateLegend = ({ history }: { history: CacheHistory }) => (
  <ul className="cache-legend">
    {SERIES.map((s) => {
      const points = history[s.name];
      const last = points[points.length - 1];
      return (
        <li
          key={s.name}
          className={points.length === 0 ? 'cache-legend__item is-empty' : 'cache-legend__item'}
          data-testid="cache-legend"
          data-series={s.name}
          data-points={points.length}
        >
          <span className="cache-legend__swatch" style={{ background: s.color }} aria-hidden="true" />
          {s.label}
          <span className="num">{points.length === 0 ? 'not reported' : formatRatio(last ? last[1] : null)}</span>
        </li>
      );
    })}
  </ul>
);
