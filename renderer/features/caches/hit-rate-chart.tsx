import { memo, useMemo } from 'react';
import type { CacheHistory, CacheSeriesName } from '../../../shared/model/cache';
import { formatRatio } from '../../../shared/logic/units';
import { TimeChart, type ChartAxis, type ChartMarkers, type ChartSeries } from '../../components/time-chart/time-chart';

export const SERIES: readonly { name: CacheSeriesName; label: string; color: string; dashed?: boolean }[] = [
  { name: 'clone', label: 'Clone (upload-pack)', color: '#2f6fd6' },
  { name: 'refs', label: 'Ref advertisement', color: '#d97706' },
  { name: 'v1', label: 'Git protocol v1', color: '#8b47d6' },
  { name: 'v2', label: 'Git protocol v2', color: '#0f9d8a' },
  { name: 'all', label: 'All requests', color: '#7a8291', dashed: true },
];

export interface HitRateSeries {
  name: CacheSeriesName;
  points: readonly (readonly [number, number])[];
}

const RATIO_AXIS: ChartAxis = { format: (v) => `${Math.round(v * 100)} %`, max: 1 };

/** The hit-rate chart: one line per series on the shared time chart, the primary's events as markers. Points arrive already downsampled to the width. */
export const HitRateChartSvg = memo(function HitRateChartSvg({
  series,
  width,
  height,
  fromMs,
  toMs,
  markers,
}: {
  series: readonly HitRateSeries[];
  width: number;
  height: number;
  fromMs: number;
  toMs: number;
  markers?: ChartMarkers | undefined;
}) {
  const lines = useMemo<ChartSeries[]>(
    () =>
      series.map((s) => {
        const meta = SERIES.find((m) => m.name === s.name);
        return {
          id: s.name,
          label: meta?.label ?? s.name,
          color: meta?.color ?? '#888',
          dashed: meta?.dashed ?? false,
          className: 'cache-line',
          points: s.points,
        };
      }),
    [series],
  );
  return (
    <TimeChart
      from={fromMs}
      to={toMs}
      width={width}
      height={height}
      series={lines}
      left={RATIO_AXIS}
      markers={markers}
      testId="cache-plot"
      label="Hit ratio per poll interval"
    />
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
