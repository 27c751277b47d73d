import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { RepositoryHistory } from '../../../shared/model';
import { formatClock, formatTimestamp } from '../../../shared/logic/units';
import { formatLag } from '../mirrors/farm-parts';

export type HistorySeries = { id: string; name: string; axis: 'rate' | 'lag'; color: string; points: Array<{ t: number; v: number }> };

/** Evenly spaced over the range, both ends included: the axis reads the same whatever the data. */
const X_TICKS = 5;
const LAG_COLORS = ['var(--degraded)', 'var(--info)', 'var(--text-muted)', 'var(--accent)'];
const points = (p: ReadonlyArray<readonly [number, number]>) => p.map(([t, v]) => ({ t, v }));

/** Every line of the chart: hits and misses per minute, then one lag line per mirror node. */
export function historySeries(h: RepositoryHistory): HistorySeries[] {
  return [
    { id: 'hits', name: 'cache hits (per min)', axis: 'rate' as const, color: 'var(--up)', points: points(h.hitsPerMinute) },
    { id: 'misses', name: 'cache misses (per min)', axis: 'rate' as const, color: 'var(--down)', points: points(h.missesPerMinute) },
    ...h.lag.map((l, i) => ({
      id: `lag:${l.farmId}:${l.node}`,
      name: `lag on ${l.farmName} ${l.node} (s)`,
      axis: 'lag' as const,
      color: LAG_COLORS[i % LAG_COLORS.length] ?? 'var(--info)',
      points: points(l.points),
    })),
  ].filter((s) => s.points.length > 0);
}

/** One time axis from `from` to `to`; lookups per minute on the left, lag (s) on the right. */
export const HistoryChart = ({ series, width, from, to }: { series: HistorySeries[]; width: number; from: number; to: number }) => {
  const hasLag = series.some((s) => s.axis === 'lag');
  return (
    <LineChart width={width} height={200} margin={{ top: 6, right: 8, bottom: 0, left: 0 }}>
      <CartesianGrid stroke="var(--border)" vertical={false} />
      <XAxis
        dataKey="t"
        type="number"
        domain={[from, to]}
        allowDataOverflow
        ticks={Array.from({ length: X_TICKS }, (_, i) => from + ((to - from) * i) / (X_TICKS - 1))}
        tickFormatter={(t: number) => formatClock(t)}
        stroke="var(--text-muted)"
        fontSize={11}
        interval={0}
      />
      <YAxis
        yAxisId="rate"
        width={56}
        stroke="var(--text-muted)"
        fontSize={11}
        tickCount={3}
        interval={0}
        allowDecimals={false}
        label={{ value: 'per min', angle: -90, position: 'insideLeft', fontSize: 11, fill: 'var(--text-muted)' }}
      />
      {hasLag && (
        <YAxis
          yAxisId="lag"
          orientation="right"
          width={56}
          stroke="var(--text-muted)"
          fontSize={11}
          tickCount={3}
          interval={0}
          tickFormatter={(v: number) => (v === 0 ? '0' : formatLag(v))}
          label={{ value: 'lag', angle: 90, position: 'insideRight', fontSize: 11, fill: 'var(--text-muted)' }}
        />
      )}
      <Tooltip
        labelFormatter={(t) => formatTimestamp(Number(t))}
        formatter={(v, name) => [String(name).endsWith('(s)') ? formatLag(Number(v)) : `${Number(v).toLocaleString('en-US')} / min`, name]}
      />
      <Legend />
      {series.map((s) => (
        <Line key={s.id} yAxisId={s.axis} data={s.points} dataKey="v" name={s.name} type="stepAfter" stroke={s.color} dot={false} isAnimationActive={false} />
      ))}
    </LineChart>
  );
};
