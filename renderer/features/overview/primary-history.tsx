import { memo, useMemo, useRef } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDuration } from '../../../shared/logic/units';
import { QueryStatus } from '../../components/query-status';
import { usePairedHistory } from '../../components/use-paired-history';

const RANGE_SECONDS = 3_600;
const time = (t: number): string => new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** A primary's last hour from the engine's history (`getHistory`): how long each poll took and how many nodes were up. */
export const PrimaryHistory = memo(function PrimaryHistory({ primaryId, polledAt }: { primaryId: string; polledAt: number | null }) {
  const box = useRef<HTMLDivElement>(null);
  const { width, history } = usePairedHistory(box, {
    key: ['getHistory', primaryId, 'poll'],
    polledAt,
    what: 'the primary history',
    load: (bridge, maxPoints) =>
      Promise.all([
        bridge.getHistory({ targetId: primaryId, metric: 'poll.durationMs', rangeSeconds: RANGE_SECONDS, maxPoints }),
        bridge.getHistory({ targetId: primaryId, metric: 'nodes.up', rangeSeconds: RANGE_SECONDS, maxPoints }),
      ]),
  });
  const points = history.data;
  const data = useMemo(() => (points ?? []).map(({ t, a, b }) => ({ t, ms: a, up: b })), [points]);
  return (
    <div className="primary-history" ref={box} data-testid="primary-history" data-points={data.length}>
      <span className="muted small">Last hour: poll time (ms, left) and nodes up (right)</span>
      <QueryStatus query={history} />
      {data.length < 2 ? (
        points !== null || polledAt === null ? (
          <p className="muted small">{polledAt === null ? 'Not polled yet.' : 'Not enough polls yet for a chart.'}</p>
        ) : null
      ) : (
        <LineChart width={width} height={100} data={data} margin={{ top: 6, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--border)" vertical={false} />
          <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} scale="time" tickFormatter={time} stroke="var(--text-muted)" fontSize={11} />
          <YAxis yAxisId="ms" width={44} stroke="var(--info)" fontSize={11} tickCount={3} />
          <YAxis yAxisId="up" orientation="right" width={28} stroke="var(--up)" fontSize={11} allowDecimals={false} tickCount={3} />
          <Tooltip
            labelFormatter={(t) => new Date(Number(t)).toLocaleTimeString()}
            formatter={(v, name) => (name === 'poll time' ? formatDuration(Number(v)) : String(v))}
          />
          <Line yAxisId="ms" type="linear" dataKey="ms" name="poll time" stroke="var(--info)" dot={false} isAnimationActive={false} />
          <Line yAxisId="up" type="stepAfter" dataKey="up" name="nodes up" stroke="var(--up)" dot={false} isAnimationActive={false} />
        </LineChart>
      )}
    </div>
  );
});
