import { memo, useMemo, useRef } from 'react';
import { QueryStatus } from '../../components/query-status';
import { TimeChart, type ChartAxis, type ChartSeries } from '../../components/time-chart/time-chart';
import { ChartOrNote } from '../../components/time-chart/chart-or-note';
import { useEventMarkers } from '../../components/time-chart/use-event-markers';
import { splitPaired, usePairedHistory } from '../../components/use-paired-history';

const HEIGHT = 110;
const COUNT_AXIS: ChartAxis = { format: (v) => (Number.isInteger(v) ? v.toLocaleString('en-US') : '') };

/**
 * A volume's heal backlog over the shared time range, from the engine's history, downsampled
 * (LTTB) by the engine to the chart's width; fetched again after each heal read. The storage
 * source's events of this volume (or of the whole source) are its markers.
 */
export const HealChart = memo(function HealChart({ storageId, volume, healAt }: { storageId: string; volume: string; healAt: number | null }) {
  const box = useRef<HTMLDivElement>(null);
  const { width, range, history } = usePairedHistory(box, {
    key: ['getStorageHistory', storageId, volume, 'heal'],
    polledAt: healAt,
    what: 'the heal history',
    load: (bridge, window) =>
      Promise.all([
        bridge.getStorageHistory({ storageId, volume, metric: 'heal.pending', ...window }),
        bridge.getStorageHistory({ storageId, volume, metric: 'heal.splitBrain', ...window }),
      ]),
  });
  const { markers } = useEventMarkers({ targetIds: [storageId], subject: volume }, { width, refreshOn: healAt });
  const points = history.data;
  const series = useMemo<ChartSeries[]>(() => {
    const [pending, splitBrain] = splitPaired(points);
    return [
      { id: 'pending', label: 'files waiting to heal', color: 'var(--degraded)', points: pending },
      { id: 'split-brain', label: 'split-brain files', color: 'var(--down)', step: true, points: splitBrain },
    ];
  }, [points]);
  const count = points?.length ?? 0;
  return (
    <div className="heal-chart" ref={box} data-testid="heal-chart" data-points={count}>
      <span className="muted small">Heal backlog (files waiting to heal; split-brain in red); drag to zoom</span>
      <QueryStatus query={history} />
      <ChartOrNote
        count={count}
        answered={points !== null}
        readAt={healAt}
        notYet="Heal info not read yet."
        tooFew="Not enough heal reads in this range for a chart."
      >
        <TimeChart
          from={range.from}
          to={range.to}
          width={width}
          height={HEIGHT}
          series={series}
          left={COUNT_AXIS}
          markers={markers}
          testId="heal-plot"
          label={`Heal backlog of volume ${volume}`}
        />
      </ChartOrNote>
    </div>
  );
});
