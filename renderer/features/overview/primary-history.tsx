import { memo, useMemo, useRef } from 'react';
import { formatDuration } from '../../../shared/logic/units';
import { QueryStatus } from '../../components/query-status';
import { TimeChart, type ChartAxis, type ChartSeries } from '../../components/time-chart/time-chart';
import { ChartOrNote } from '../../components/time-chart/chart-or-note';
import { useEventMarkers } from '../../components/time-chart/use-event-markers';
import { splitPaired, usePairedHistory } from '../../components/use-paired-history';

const HEIGHT = 110;
const MS_AXIS: ChartAxis = { format: (v) => Math.round(v).toLocaleString('en-US'), color: 'var(--info)' };
const UP_AXIS: ChartAxis = { format: (v) => (Number.isInteger(v) ? String(v) : ''), color: 'var(--up)' };

/**
 * A primary over the shared time range from the engine's history (`getHistory`): how long each
 * poll took and how many nodes were up, with the primary's events as markers.
 */
export const PrimaryHistory = memo(function PrimaryHistory({ primaryId, polledAt }: { primaryId: string; polledAt: number | null }) {
  const box = useRef<HTMLDivElement>(null);
  const { width, range, history } = usePairedHistory(box, {
    key: ['getHistory', primaryId, 'poll'],
    polledAt,
    what: 'the primary history',
    load: (bridge, window) =>
      Promise.all([
        bridge.getHistory({ targetId: primaryId, metric: 'poll.durationMs', ...window }),
        bridge.getHistory({ targetId: primaryId, metric: 'nodes.up', ...window }),
      ]),
  });
  // Like the history, the markers wait for the primary's first poll: asked before it they come back
  // empty and are asked again right after, while that poll is what a person starting it waits for.
  const { markers } = useEventMarkers({ targetIds: [primaryId] }, { width, refreshOn: polledAt, enabled: polledAt !== null });
  const points = history.data;
  const series = useMemo<ChartSeries[]>(() => {
    const [ms, up] = splitPaired(points);
    return [
      { id: 'poll time', label: 'poll time', color: 'var(--info)', points: ms },
      { id: 'nodes up', label: 'nodes up', color: 'var(--up)', axis: 'right', step: true, points: up },
    ];
  }, [points]);
  const count = points?.length ?? 0;
  const last = points?.[count - 1];
  return (
    <div className="primary-history" ref={box} data-testid="primary-history" data-points={count}>
      <span className="muted small">Poll time (ms, left) and nodes up (right); drag to zoom</span>
      <QueryStatus query={history} />
      <ChartOrNote count={count} answered={points !== null} readAt={polledAt} notYet="Not polled yet." tooFew="Not enough polls in this range for a chart.">
        <TimeChart
          from={range.from}
          to={range.to}
          width={width}
          height={HEIGHT}
          series={series}
          left={MS_AXIS}
          right={UP_AXIS}
          markers={markers}
          testId="poll-chart"
          label={`Poll time, last ${last ? formatDuration(last[1]) : 'unknown'}; nodes up, last ${last?.[2] ?? 'unknown'}`}
        />
      </ChartOrNote>
    </div>
  );
});
