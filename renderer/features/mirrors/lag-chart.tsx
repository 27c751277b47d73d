import { memo, useMemo, useRef } from 'react';
import { formatLag } from './farm-parts';
import { QueryStatus } from '../../components/query-status';
import { TimeChart, type ChartAxis, type ChartSeries } from '../../components/time-chart/time-chart';
import { ChartOrNote } from '../../components/time-chart/chart-or-note';
import { useEventMarkers } from '../../components/time-chart/use-event-markers';
import { useInView } from '../../components/use-in-view';
import { splitPaired, usePairedHistory } from '../../components/use-paired-history';

const HEIGHT = 120;
const LAG_AXIS: ChartAxis = { format: (v) => (v === 0 ? '0' : formatLag(v)), color: 'var(--degraded)' };
const QUEUE_AXIS: ChartAxis = { format: (v) => (Number.isInteger(v) ? v.toLocaleString('en-US') : ''), color: 'var(--info)' };

/**
 * Lag and queue of one farm over the shared time range, from the engine's history, downsampled by
 * the engine to the chart's width; fetched again after each poll of the farm while the chart is on
 * screen or near it (useInView). The farm's events are its markers.
 */
export const LagChart = memo(function LagChart({ farmId, polledAt }: { farmId: string; polledAt: number | null }) {
  const box = useRef<HTMLDivElement>(null);
  const inView = useInView(box);
  const { width, range, history } = usePairedHistory(box, {
    key: ['getMirrorHistory', farmId, 'lag'],
    polledAt,
    enabled: inView,
    what: 'the lag history',
    load: (bridge, window) =>
      Promise.all([
        bridge.getMirrorHistory({ farmId, metric: 'mirror.lagSeconds', ...window }),
        bridge.getMirrorHistory({ farmId, metric: 'mirror.queue', ...window }),
      ]),
  });
  const { markers } = useEventMarkers({ targetIds: [farmId] }, { width, refreshOn: polledAt, enabled: inView });
  const points = history.data;
  const series = useMemo<ChartSeries[]>(() => {
    const [lag, queue] = splitPaired(points);
    return [
      { id: 'lag', label: 'lag', color: 'var(--degraded)', step: true, points: lag },
      { id: 'queue', label: 'ref-changes queue', color: 'var(--info)', axis: 'right', step: true, points: queue },
    ];
  }, [points]);
  const count = points?.length ?? 0;
  return (
    <div className="lag-chart" ref={box} data-testid="lag-chart" data-points={count}>
      <span className="muted small">Lag (oldest change not yet applied, left) and ref-changes queue (right); drag to zoom</span>
      <QueryStatus query={history} />
      <ChartOrNote count={count} answered={points !== null} readAt={polledAt} notYet="Not polled yet." tooFew="Not enough polls in this range for a chart.">
        <TimeChart
          from={range.from}
          to={range.to}
          width={width}
          height={HEIGHT}
          series={series}
          left={LAG_AXIS}
          right={QUEUE_AXIS}
          markers={markers}
          testId="lag-plot"
          label="Mirror lag and ref-changes queue"
        />
      </ChartOrNote>
    </div>
  );
});
