import { memo, useMemo, useRef } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { GIT_OP_KINDS, GIT_OP_LABELS, type AccessLogReport } from '../../../shared/model/access-log';
import { formatTimestamp } from '../../../shared/logic/units';
import { useElementWidth } from '../../components/use-element-width';
import { logAxisTime } from './log-format';

const HEIGHT = 220;
const COLORS: Record<(typeof GIT_OP_KINDS)[number], string> = {
  clone: 'var(--accent)',
  shallow: 'var(--demo)',
  fetch: 'var(--up)',
  push: 'var(--degraded)',
  refs: 'var(--unknown)',
};
const tooltipLabel = (t: unknown): string => formatTimestamp(Number(t), 'UTC');

/** Git operations per interval, stacked by kind. */
export const OperationsChart = memo(function OperationsChart({ report }: { report: AccessLogReport }) {
  const box = useRef<HTMLDivElement>(null);
  const width = useElementWidth(box, 800);
  const data = useMemo(
    () => report.perInterval.map((row) => ({ t: row.start, ...Object.fromEntries(GIT_OP_KINDS.map((k, i) => [k, row.byKind[i] ?? 0])) })),
    [report],
  );
  return (
    <div ref={box} className="log-chart" data-testid="log-ops-chart" data-points={data.length}>
      <BarChart width={width} height={HEIGHT} data={data} margin={{ top: 6, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="var(--border)" vertical={false} />
        <XAxis dataKey="t" tickFormatter={(t: number) => logAxisTime(t, report.intervalMs)} stroke="var(--text-muted)" fontSize={11} />
        <YAxis width={52} stroke="var(--text-muted)" fontSize={11} allowDecimals={false} />
        <Tooltip labelFormatter={tooltipLabel} contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)' }} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {GIT_OP_KINDS.map((k) => (
          <Bar key={k} dataKey={k} name={GIT_OP_LABELS[k]} stackId="ops" fill={COLORS[k]} isAnimationActive={false} />
        ))}
      </BarChart>
    </div>
  );
});

/** Peak git operations in flight per interval, with the SCM hosting limit when one was given. */
export const ConcurrencyChart = memo(function ConcurrencyChart({ report }: { report: AccessLogReport }) {
  const box = useRef<HTMLDivElement>(null);
  const width = useElementWidth(box, 800);
  const c = report.concurrency;
  const data = useMemo(() => c.perInterval.map((p) => ({ t: p.start, peak: p.peak })), [c]);
  return (
    <div ref={box} className="log-chart" data-testid="log-concurrency-chart" data-points={data.length}>
      <LineChart width={width} height={HEIGHT} data={data} margin={{ top: 10, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="var(--border)" vertical={false} />
        <XAxis dataKey="t" tickFormatter={(t: number) => logAxisTime(t, report.intervalMs)} stroke="var(--text-muted)" fontSize={11} />
        <YAxis width={52} stroke="var(--text-muted)" fontSize={11} allowDecimals={false} domain={[0, (max: number) => Math.max(max, c.limit ?? 0)]} />
        <Tooltip labelFormatter={tooltipLabel} contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)' }} />
        <Line type="stepAfter" dataKey="peak" name="peak in flight" stroke="var(--accent)" dot={false} isAnimationActive={false} />
        {c.limit !== null && (
          <ReferenceLine
            y={c.limit}
            stroke="var(--down)"
            strokeDasharray="5 4"
            label={{ value: `hosting limit ${c.limit}`, position: 'insideTopRight', fill: 'var(--down)', fontSize: 11 }}
          />
        )}
      </LineChart>
    </div>
  );
});
