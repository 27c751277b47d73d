import { formatClock, formatTimestamp } from '../../../shared/logic/units';
import { memo, useMemo, useRef } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { QueryStatus } from '../../components/query-status';
import { usePairedHistory } from '../../components/use-paired-history';

const RANGE_SECONDS = 6 * 3600;
const HEIGHT = 110;
const time = (t: number): string => formatClock(t);

type Point = { t: number; pending: number; splitBrain: number | null };

/**
 * A volume's heal backlog over the last hours, from the engine's history, downsampled (LTTB) by
 * the engine to the chart's pixel width; fetched again after each heal read.
 */
export const HealChart = memo(function HealChart({ storageId, volume, healAt }: { storageId: string; volume: string; healAt: number | null }) {
  const box = useRef<HTMLDivElement>(null);
  const { width, history } = usePairedHistory(box, {
    key: ['getStorageHistory', storageId, volume, 'heal'],
    polledAt: healAt,
    what: 'the heal history',
    load: (bridge, maxPoints) =>
      Promise.all([
        bridge.getStorageHistory({ storageId, volume, metric: 'heal.pending', rangeSeconds: RANGE_SECONDS, maxPoints }),
        bridge.getStorageHistory({ storageId, volume, metric: 'heal.splitBrain', rangeSeconds: RANGE_SECONDS, maxPoints }),
      ]),
  });
  const points = history.data;
  const data = useMemo<Point[]>(() => (points ?? []).map(({ t, a, b }) => ({ t, pending: a, splitBrain: b })), [points]);
  return (
    <div className="heal-chart" ref={box} data-testid="heal-chart" data-points={data.length}>
      <span className="muted small">Heal backlog, last {RANGE_SECONDS / 3600} h (files waiting to heal; split-brain in red)</span>
      <QueryStatus query={history} />
      {data.length < 2 ? (
        points !== null || healAt === null ? (
          <p className="muted small">{healAt === null ? 'Heal info not read yet.' : 'Not enough heal reads yet for a chart.'}</p>
        ) : null
      ) : (
        <LineChart width={width} height={HEIGHT} data={data} margin={{ top: 6, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--border)" vertical={false} />
          <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} scale="time" tickFormatter={time} stroke="var(--text-muted)" fontSize={11} />
          <YAxis width={44} stroke="var(--text-muted)" fontSize={11} allowDecimals={false} tickCount={3} />
          <Tooltip labelFormatter={(t) => formatTimestamp(Number(t))} />
          <Line type="monotone" dataKey="pending" name="pending" stroke="var(--degraded)" dot={false} isAnimationActive={false} />
          <Line type="stepAfter" dataKey="splitBrain" name="split-brain" stroke="var(--down)" dot={false} isAnimationActive={false} />
        </LineChart>
      )}
    </div>
  );
});
