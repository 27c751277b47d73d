import { memo, useMemo } from 'react';
import { formatTimestamp } from '../../../shared/logic/units';
import { timeRangeActions } from '../time-range/use-time-range';
import { ChartPointer } from './chart-pointer';
import { bucketMarkers, gridPath, markerPaths, niceMax, pathOf, SEVERITY_COLOR, tickLabel, timeTicks } from './chart-geometry';

import type { ChartAxis, ChartMarkers, ChartSeries } from './chart-types';
import type { Severity } from '../../../shared/model';

export type { ChartAxis, ChartMarkers, ChartSeries } from './chart-types';

export interface TimeChartProps {
  from: number;
  to: number;
  width: number;
  height: number;
  series: readonly ChartSeries[];
  left: ChartAxis;
  right?: ChartAxis;
  /** Events of the chart's target in the window, counted per slice by the engine, drawn as vertical markers. */
  markers?: ChartMarkers | undefined;
  /** What the chart shows, for screen readers (the values follow). */
  label: string;
  testId?: string;
}

const M = { top: 8, bottom: 18, left: 52 };
const RIGHT_AXIS_PX = 48;
const NO_AXIS_PX = 12;
const Y_FRACTIONS = [0, 0.5, 1];
const SEVERITIES: readonly Severity[] = ['info', 'warning', 'critical'];

const axisTop = (axis: ChartAxis, series: readonly ChartSeries[]): number =>
  axis.max ?? niceMax(Math.max(0, ...series.flatMap((s) => s.points.map(([, v]) => (v !== null && Number.isFinite(v) ? v : 0)))));

/**
 * Every time-series chart of the app: plain SVG over the shared time range (one path per series,
 * axes on round times, event markers bucketed per few pixels), with a pointer layer for tooltips
 * and drag-to-zoom. Plain SVG because charts redraw on every poll: recharts spent tens of
 * microseconds per point (bench/cache-chart.bench.ts), a path string costs about a millisecond.
 */
export const TimeChart = memo(function TimeChart({ from, to, width, height, series, left, right, markers, label, testId }: TimeChartProps) {
  const marginRight = right ? RIGHT_AXIS_PX : NO_AXIS_PX;
  const plotW = Math.max(1, width - M.left - marginRight);
  const plotH = Math.max(1, height - M.top - M.bottom);
  const span = Math.max(1, to - from);
  const x = (t: number): number => M.left + ((t - from) / span) * plotW;
  const leftSeries = series.filter((s) => s.axis !== 'right');
  const rightSeries = series.filter((s) => s.axis === 'right');
  const leftMax = axisTop(left, leftSeries);
  const rightMax = right ? axisTop(right, rightSeries) : 1;
  const yOf = (max: number) => (v: number) => M.top + plotH - (Math.min(v, max) / max) * plotH;
  const yTicks = Y_FRACTIONS.map((f) => ({ f, y: M.top + plotH - f * plotH }));
  const frame = useMemo(() => {
    const ticks = timeTicks(from, to, plotW);
    const fmt = tickLabel(to - from);
    return ticks.map((t) => ({ t, x: M.left + ((t - from) / Math.max(1, to - from)) * plotW, text: fmt(t) }));
  }, [from, to, plotW]);
  const paths = useMemo(
    () => series.map((s) => ({ s, d: pathOf(s.points, x, yOf(s.axis === 'right' ? rightMax : leftMax), s.step) })),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- x and yOf are functions of the listed values
    [series, from, to, plotW, plotH, leftMax, rightMax],
  );
  const buckets = useMemo(() => bucketMarkers(markers, from, to, M.left, plotW), [markers, from, to, plotW]);
  // Two paths per severity, critical drawn last (on top): markers cost a few elements, however many.
  const markerLayers = useMemo(() => SEVERITIES.map((sev) => ({ sev, ...markerPaths(buckets, sev, M.top, M.top + plotH) })), [buckets, plotH]);
  return (
    <div
      className="time-chart"
      style={{ width, height }}
      data-testid={testId}
      data-from={from}
      data-to={to}
      data-markers={buckets.length}
      data-marked-events={buckets.reduce((n, b) => n + b.count, 0)}
    >
      <svg width={width} height={height} role="img" aria-label={`${label}, ${formatTimestamp(from)} to ${formatTimestamp(to)}`}>
        {/* The frame costs the same whatever the points: one grid path, and one <text> per axis whose
            labels are <tspan>s at their own x and y. Each positioned <tspan> starts its own text chunk,
            anchored as a <text> of its own would be, so the labels land on the same pixels; one <text>
            is one inline layout instead of one per label, which was most of the frame's style and
            layout in the first draw (session 21, docs/charts.md). */}
        <path d={gridPath(M.left, plotW, yTicks)} stroke="var(--border)" fill="none" />
        <text fill={left.color ?? 'var(--text-muted)'} fontSize={11} textAnchor="end">
          {yTicks.map(({ f, y }) => (
            <tspan key={f} x={M.left - 4} y={y + 4}>
              {left.format(leftMax * f)}
            </tspan>
          ))}
        </text>
        {right && (
          <text fill={right.color ?? 'var(--text-muted)'} fontSize={11}>
            {yTicks.map(({ f, y }) => (
              <tspan key={f} x={M.left + plotW + 4} y={y + 4}>
                {right.format(rightMax * f)}
              </tspan>
            ))}
          </text>
        )}
        <text fill="var(--text-muted)" fontSize={11} textAnchor="middle">
          {frame.map((tick) => (
            <tspan key={tick.t} x={tick.x} y={height - 4}>
              {tick.text}
            </tspan>
          ))}
        </text>
        <svg x={M.left} y={0} width={plotW} height={height} viewBox={`${M.left} 0 ${plotW} ${height}`} overflow="hidden">
          {paths.map(({ s, d }) => (
            <path
              key={s.id}
              className={s.className}
              d={d}
              fill="none"
              stroke={s.color}
              strokeWidth={1.5}
              strokeDasharray={s.dashed ? '4 3' : undefined}
              strokeLinejoin="round"
              data-series={s.id}
            />
          ))}
          {markerLayers.map(({ sev, lines, heads }) =>
            lines === '' ? null : (
              <g key={sev} className="chart-markers" data-testid="chart-markers" data-severity={sev}>
                <path d={lines} stroke={SEVERITY_COLOR[sev]} strokeDasharray="2 2" fill="none" />
                <path d={heads} fill={SEVERITY_COLOR[sev]} />
              </g>
            ),
          )}
        </svg>
      </svg>
      <ChartPointer
        box={{ left: M.left, top: M.top, width: plotW, height: plotH }}
        from={from}
        to={to}
        series={series}
        axes={{ left, ...(right ? { right } : {}) }}
        buckets={buckets}
        onZoom={timeRangeActions.zoomTo}
      />
    </div>
  );
});
