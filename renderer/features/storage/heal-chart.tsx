import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { FleetApiError } from '../../../shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { useElementWidth } from '../../components/use-element-width';

const RANGE_SECONDS = 6 * 3600;
const HEIGHT = 110;
const time = (t: number): string => new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

type Point = { t: number; pending: number; splitBrain: number | null };

/**
 * A volume's heal backlog over the last hours, from the engine's history, downsampled (LTTB) by
 * the engine to the chart's pixel width; fetched again after each heal read.
 */
export const HealChart = memo(function HealChart({ storageId, volume, healAt }: { storageId: string; volume: string; healAt: number | null }) {
  const bridge = useBridge();
  const box = useRef<HTMLDivElement>(null);
  const width = useElementWidth(box, 480);
  const [points, setPoints] = useState<Point[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (healAt === null) return undefined;
    let live = true;
    const maxPoints = Math.max(3, width);
    Promise.all([
      bridge.getStorageHistory({ storageId, volume, metric: 'heal.pending', rangeSeconds: RANGE_SECONDS, maxPoints }),
      bridge.getStorageHistory({ storageId, volume, metric: 'heal.splitBrain', rangeSeconds: RANGE_SECONDS, maxPoints }),
    ]).then(
      ([pending, split]) => {
        if (!live) return;
        const byTime = new Map(split.points.map(([t, v]) => [t, v]));
        setPoints(pending.points.map(([t, v]) => ({ t, pending: v, splitBrain: byTime.get(t) ?? null })));
        setError(null);
      },
      (err: unknown) => live && setError(err instanceof FleetApiError ? err.message : `Could not load the heal history: ${String(err)}`),
    );
    return () => {
      live = false;
    };
  }, [bridge, storageId, volume, healAt, width]);
  const data = useMemo(() => points ?? [], [points]);
  return (
    <div className="heal-chart" ref={box} data-testid="heal-chart" data-points={data.length}>
      <span className="muted small">Heal backlog, last {RANGE_SECONDS / 3600} h (files waiting to heal; split-brain in red)</span>
      {error && <p className="inline-error">{error}</p>}
      {data.length < 2 ? (
        <p className="muted small">{healAt === null ? 'Heal info not read yet.' : points === null ? 'Loading…' : 'Not enough heal reads yet for a chart.'}</p>
      ) : (
        <LineChart width={width} height={HEIGHT} data={data} margin={{ top: 6, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--border)" vertical={false} />
          <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} scale="time" tickFormatter={time} stroke="var(--text-muted)" fontSize={11} />
          <YAxis width={44} stroke="var(--text-muted)" fontSize={11} allowDecimals={false} tickCount={3} />
          <Tooltip labelFormatter={(t) => new Date(Number(t)).toLocaleTimeString()} />
          <Line type="monotone" dataKey="pending" name="pending" stroke="var(--degraded)" dot={false} isAnimationActive={false} />
          <Line type="stepAfter" dataKey="splitBrain" name="split-brain" stroke="var(--down)" dot={false} isAnimationActive={false} />
        </LineChart>
      )}
    </div>
  );
});
