import { useDeferredValue, useMemo, useRef } from 'react';
import type { Snapshot } from '../../../shared/model';
import type { Bridge } from '../../bridge/api';
import { useBridgeQuery } from '../../bridge/use-bridge-query';
import { QueryStatus } from '../../components/query-status';
import { TimeChart, type ChartAxis, type ChartMarkers, type ChartSeries } from '../../components/time-chart/time-chart';
import { useEventMarkers } from '../../components/time-chart/use-event-markers';
import type { SharedRange } from '../../components/time-range/use-time-range';
import { PX_PER_POINT } from '../../components/use-paired-history';
import { useMeasuredWidth } from '../../components/use-element-width';
import { useFleetStore } from '../../state/fleet.store';
import { formatLag } from '../mirrors/farm-parts';
import type { TimelineFilters } from './use-timeline-events';

const HEIGHT = 96;
const ROW_INSET_PX = 22;
const COLORS = ['var(--info)', 'var(--degraded)', 'var(--up)', 'var(--demo)', 'var(--down)', 'var(--text-muted)'];
const count: ChartAxis = { format: (v) => (Number.isInteger(v) ? v.toLocaleString('en-US') : '') };

type Window = SharedRange['historyArgs'] & { maxPoints: number };
type Line = { id: string; label: string; load(bridge: Bridge, w: Window): Promise<ReadonlyArray<readonly [number, number]>> };

interface Row {
  id: string;
  title: string;
  axis: ChartAxis;
  step?: boolean;
  lines(s: Snapshot): Line[];
}

/** The fleet's key series, one row each, on the one time axis: a change in one lines up with the others. */
const ROWS: Row[] = [
  {
    id: 'hit-ratio',
    title: 'Cache hit ratio (all requests)',
    axis: { format: (v) => `${Math.round(v * 100)} %`, max: 1 },
    lines: (s) =>
      s.primaries.map((p) => ({
        id: p.id,
        label: p.name,
        load: (b, w) => b.getCacheHistory({ primaryId: p.id, ...w, rangeSeconds: Math.min(w.rangeSeconds, 30 * 86_400) }).then((h) => h.all),
      })),
  },
  {
    id: 'nodes-up',
    title: 'Nodes up',
    axis: count,
    step: true,
    lines: (s) =>
      s.primaries.map((p) => ({ id: p.id, label: p.name, load: (b, w) => b.getHistory({ targetId: p.id, metric: 'nodes.up', ...w }).then((h) => h.points) })),
  },
  {
    id: 'mirror-lag',
    title: 'Mirror lag',
    axis: { format: (v) => (v === 0 ? '0' : formatLag(v)) },
    step: true,
    lines: (s) =>
      s.mirrorFarms.map((f) => ({
        id: f.id,
        label: f.name,
        load: (b, w) => b.getMirrorHistory({ farmId: f.id, metric: 'mirror.lagSeconds', ...w }).then((h) => h.points),
      })),
  },
  {
    id: 'heal-backlog',
    title: 'Heal backlog (files waiting to heal)',
    axis: count,
    lines: (s) =>
      s.storage.flatMap((src) =>
        src.volumes.map((v) => ({
          id: `${src.id}:${v.name}`,
          label: `${v.name} (${src.name})`,
          load: (b, w) => b.getStorageHistory({ storageId: src.id, volume: v.name, metric: 'heal.pending', ...w }).then((h) => h.points),
        })),
      ),
  },
];

/** Where the series are drawn: stacked full width on the Timeline, or as small charts side by side on the Overview. */
export type SeriesLayout = 'stacked' | 'small';
const LAYOUT = {
  stacked: { height: HEIGHT, box: 'timeline-series', row: 'timeline-row', testId: 'timeline' },
  small: { height: 72, box: 'overview-charts', row: 'timeline-row timeline-row--small', testId: 'overview-chart' },
} as const;

/** One row: its lines read together, drawn with the Timeline's events as markers. */
function SeriesRow({
  row,
  range,
  width,
  markers,
  layout,
}: {
  row: Row;
  range: SharedRange;
  width: number;
  markers: ChartMarkers | undefined;
  layout: SeriesLayout;
}) {
  const look = LAYOUT[layout];
  const snapshot = useFleetStore((s) => s.snapshot);
  const lines = snapshot ? row.lines(snapshot) : [];
  const maxPoints = Math.max(3, Math.floor(width / PX_PER_POINT));
  const { rangeSeconds, to } = range.historyArgs;
  const query = useBridgeQuery({
    key: ['timeline-series', row.id, lines.map((l) => l.id).join('\n'), rangeSeconds, to ?? 'live'],
    refreshOn: [snapshot?.generatedAt, maxPoints],
    keepPrevious: true,
    enabled: lines.length > 0,
    what: `the ${row.title.toLowerCase()} history`,
    read: (bridge) => Promise.all(lines.map((l) => l.load(bridge, { ...range.historyArgs, maxPoints }))),
  });
  // Drawn in a background render, so an answer arriving costs a short task (see TimelineView).
  const data = useDeferredValue(query.data);
  const series = useMemo<ChartSeries[]>(
    () =>
      (data ?? []).map((points, i) => ({
        id: lines[i]?.id ?? String(i),
        label: lines[i]?.label ?? '',
        color: COLORS[i % COLORS.length]!,
        step: row.step ?? false,
        points,
      })),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the lines follow the data they were read with
    [data, row],
  );
  return (
    <div className={look.row} data-testid={`${look.testId}-row`} data-row={row.id} data-lines={series.length}>
      <h3 className="timeline-row__title">{row.title}</h3>
      <QueryStatus query={query} />
      {lines.length === 0 ? (
        <p className="muted small">Nothing in this fleet has this series.</p>
      ) : (
        <TimeChart
          from={range.from}
          to={range.to}
          width={width}
          height={look.height}
          series={series}
          left={row.axis}
          markers={markers}
          testId={`${look.testId}-chart`}
          label={row.title}
        />
      )}
    </div>
  );
}

/** Two small charts a row when the box is at least this wide, else one. */
const TWO_COLUMNS_PX = 640;
const GAP_PX = 12;

/**
 * The four key series of the fleet on the shared time range: stacked on the Timeline, every one
 * marked with the events its filters match (all of them, counted by the engine per marker
 * column); two small charts a row, unmarked, on the Overview (no `filters`).
 */
export const FleetSeries = ({
  range,
  filters,
  refreshOn,
  layout = 'stacked',
}: {
  range: SharedRange;
  filters?: TimelineFilters;
  /** When the markers are read again (the Timeline's last poll); only with `filters`. */
  refreshOn?: unknown;
  layout?: SeriesLayout;
}) => {
  const box = useRef<HTMLDivElement>(null);
  // Nothing is read before the width is known: a read at a guessed width would be read again.
  const measured = useMeasuredWidth(box);
  const columns = layout === 'small' && (measured ?? 0) >= TWO_COLUMNS_PX ? 2 : 1;
  // Each row's padding and border take ROW_INSET_PX of its share of the measured width.
  const width = Math.floor(((measured ?? 0) - (columns - 1) * GAP_PX) / columns) - ROW_INSET_PX;
  const markerQuery = useEventMarkers(
    {
      targetIds: filters?.target ? [filters.target] : null,
      ...(filters?.kind ? { kinds: [filters.kind] } : {}),
      ...(filters?.severity ? { severities: [filters.severity] } : {}),
    },
    { width, refreshOn, enabled: measured !== null && filters !== undefined },
  );
  const markers = useDeferredValue(markerQuery.markers);
  const look = LAYOUT[layout];
  return (
    <div ref={box} className={look.box} data-testid={look.box} data-columns={columns}>
      {measured !== null && ROWS.map((row) => <SeriesRow key={row.id} row={row} range={range} width={width} markers={markers} layout={layout} />)}
    </div>
  );
};
