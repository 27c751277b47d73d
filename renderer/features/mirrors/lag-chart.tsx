import { formatClock, formatTimestamp } from '../../../shared/logic/units';
import { memo, useMemo, useRef } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatLag } from './farm-parts';
import { QueryStatus } from '../../components/query-status';
import { usePairedHistory } from '../../components/use-paired-history';

const RANGE_SECONDS = 3600;
const HEIGHT = 120;
const time = (t: number): string => formatClock(t);

type Point = { t: number; lag: number; queue: number | null };

/**
 * Lag and queue of one farm over the last hour, from the engine's history, downsampled by the
 * engine to the chart's width; fetched again after each poll of the farm.
 */
export const LagChart = memo(function LagChart({ farmId, polledAt }: { farmId: string; polledAt: number | null }) {
  const box = useRef<HTMLDivElement>(null);
  const { width, history } = usePairedHistory(box, {
    key: ['getMirrorHistory', farmId, 'lag'],
    polledAt,
    what: 'the lag history',
    load: (bridge, maxPoints) =>
      Promise.all([
        bridge.getMirrorHistory({ farmId, metric: 'mirror.lagSeconds', rangeSeconds: RANGE_SECONDS, maxPoints }),
        bridge.getMirrorHistory({ farmId, metric: 'mirror.queue', rangeSeconds: RANGE_SECONDS, maxPoints }),
      ]),
  });
  const points = history.data;
  const data = useMemo<Point[]>(() => (points ?? []).map(({ t, a, b }) => ({ t, lag: a, queue: b })), [points]);
  return (
    <div className="lag-chart" ref={box} data-testid="lag-chart" data-points={data.length}>
      <span className="muted small">Last hour: lag (oldest change not yet applied, left) and ref-changes queue (right)</span>
      <QueryStatus query={history} />
      {data.length < 2 ? (
        points !== null || polledAt === null ? (
          <p className="muted small">{polledAt === null ? 'Not polled yet.' : 'Not enough polls yet for a chart.'}</p>
        ) : null
      ) : (
        <LineChart width={width} height={HEIGHT} data={data} margin={{ top: 6, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--border)" vertical={false} />
          <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} scale="time" tickFormatter={time} stroke="var(--text-muted)" fontSize={11} />
          <YAxis
            yAxisId="lag"
            width={48}
            stroke="var(--degraded)"
            fontSize={11}
            tickFormatter={(v: number) => (v === 0 ? '0' : formatLag(v))}
            allowDecimals={false}
            tickCount={3}
          />
          <YAxis yAxisId="queue" orientation="right" width={32} stroke="var(--info)" fontSize={11} allowDecimals={false} tickCount={3} />
          <Tooltip labelFormatter={(t) => formatTimestamp(Number(t))} formatter={(v, name) => (name === 'lag' ? formatLag(Number(v)) : String(v))} />
          <Line yAxisId="lag" type="stepAfter" dataKey="lag" name="lag" stroke="var(--degraded)" dot={false} isAnimationActive={false} />
          <Line yAxisId="queue" type="stepAfter" dataKey="queue" name="queue" stroke="var(--info)" dot={false} isAnimationActive={false} />
        </LineChart>
      )}
    </div>
  );
});
