import { memo, useDeferredValue, useMemo, useRef } from 'react';
import type { SeriesRead } from '../../../shared/contract/series-requests';
import type { Snapshot } from '../../../shared/model';
import { useBridgeQuery, type BridgeQuery } from '../../bridge/use-bridge-query';
import { QueryStatus } from '../../components/query-status';
import { TimeChart, type ChartAxis, type ChartMarkers, type ChartSeries } from '../../components/time-chart/time-chart';
import { useEventMarkers } from '../../components/time-chart/use-event-markers';
import type { SharedRange } from '../../components/time-range/use-time-range';
import { PX_PER_POINT } from '../../components/use-paired-history';
import { useMeasuredWidth } from '../../components/use-element-width';
import { useFleetStore, type FleetState } from '../../state/fleet.store';
import { useFirstDataDrawn } from '../../state/use-first-data-drawn';
import { formatLag } from '../mirrors/farm-parts';
import type { TimelineFilters } from './use-timeline-events';

const HEIGHT = 96;
const ROW_INSET_PX = 22;
const COLORS = ['var(--info)', 'var(--degraded)', 'var(--up)', 'var(--demo)', 'var(--down)', 'var(--text-muted)'];
const count: ChartAxis = { format: (v) => (Number.isInteger(v) ? v.toLocaleString('en-US') : '') };

/** One line of a row: what it is called and the history read that draws it. */
type Line = { id: string; label: string; read: SeriesRead };

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
    lines: (s) => s.primaries.map((p) => ({ id: p.id, label: p.name, read: { request: 'getCacheHistory', primaryId: p.id, field: 'all' } })),
  },
  {
    id: 'nodes-up',
    title: 'Nodes up',
    axis: count,
    step: true,
    lines: (s) => s.primaries.map((p) => ({ id: p.id, label: p.name, read: { request: 'getHistory', targetId: p.id, metric: 'nodes.up' } })),
  },
  {
    id: 'mirror-lag',
    title: 'Mirror lag',
    axis: { format: (v) => (v === 0 ? '0' : formatLag(v)) },
    step: true,
    lines: (s) => s.mirrorFarms.map((f) => ({ id: f.id, label: f.name, read: { request: 'getMirrorHistory', farmId: f.id, metric: 'mirror.lagSeconds' } })),
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
          read: { request: 'getStorageHistory', storageId: src.id, volume: v.name, metric: 'heal.pending' },
        })),
      ),
  },
];

/**
 * Every row's lines, as text: a snapshot push that leaves the fleet's targets as they were gives
 * the same string, so nothing re-renders for it (only the poll time asks the series again).
 */
const selectLines = (s: FleetState): string => JSON.stringify(s.snapshot ? ROWS.map((r) => r.lines(s.snapshot!)) : ROWS.map(() => []));

type Answer = { points: ReadonlyArray<readonly [number, number]> } | { error: string };

/** Where the series are drawn: stacked full width on the Timeline, or as small charts side by side on the Overview. */
export type SeriesLayout = 'stacked' | 'small';
const LAYOUT = {
  stacked: { height: HEIGHT, box: 'timeline-series', row: 'timeline-row', testId: 'timeline' },
  small: { height: 72, box: 'overview-charts', row: 'timeline-row timeline-row--small', testId: 'overview-chart' },
} as const;

/** One row: its lines out of the view's one read, drawn with the Timeline's events as markers. */
function SeriesRow({
  row,
  lines,
  answers,
  query,
  range,
  width,
  markers,
  layout,
}: {
  row: Row;
  lines: readonly Line[];
  /** This row's lines of the answer shown, in order; null before the first answer. */
  answers: readonly Answer[] | null;
  query: BridgeQuery<unknown>;
  range: SharedRange;
  width: number;
  markers: ChartMarkers | undefined;
  layout: SeriesLayout;
}) {
  const look = LAYOUT[layout];
  const series = useMemo<ChartSeries[]>(
    () =>
      (answers ?? []).map((a, i) => ({
        id: lines[i]?.id ?? String(i),
        label: lines[i]?.label ?? '',
        color: COLORS[i % COLORS.length]!,
        step: row.step ?? false,
        points: 'points' in a ? a.points : [],
      })),
    [answers, lines, row],
  );
  // A line the engine could not read is this row's error; the other rows and lines are still drawn.
  const failed = (answers ?? []).flatMap((a, i) => ('error' in a ? [`${lines[i]?.label ?? ''}: ${a.error}`] : []));
  // The failed lines' error (of this answer, not an older one); the lines that were read are drawn.
  const status = failed.length > 0 ? { ...query, data: null, error: `Could not read the ${row.title.toLowerCase()} history of ${failed.join('; ')}` } : query;
  return (
    <div className={look.row} data-testid={`${look.testId}-row`} data-row={row.id} data-lines={series.length}>
      <h3 className="timeline-row__title">{row.title}</h3>
      <QueryStatus query={status} />
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
 * Every row's lines in one `getSeries` request, asked again after each poll and when the range
 * or the chart width changes: one request per view (each costs the renderer a fetch or an IPC
 * call), answered per line so one unreadable line fails only its row.
 */
function useSeries(range: SharedRange, width: number | null): { rows: Line[][]; query: BridgeQuery<Answer[]> } {
  const linesKey = useFleetStore(selectLines);
  const polledAt = useFleetStore((s) => s.snapshot?.generatedAt);
  // Asked again after every poll: before the first data is in, the answer is asked again right
  // after it, and the request only competes with the first poll and walk, which the first data
  // waits for; then after the frame that drew the first data, not in the task before it.
  const firstDataDrawn = useFirstDataDrawn();
  const rows = useMemo(() => JSON.parse(linesKey) as Line[][], [linesKey]);
  const reads = rows.flat().map((l) => l.read);
  const maxPoints = Math.max(3, Math.floor((width ?? 0) / PX_PER_POINT));
  const { rangeSeconds, to } = range.historyArgs;
  const query = useBridgeQuery({
    key: ['fleet-series', linesKey, rangeSeconds, to ?? 'live'],
    refreshOn: [polledAt, maxPoints],
    keepPrevious: true,
    enabled: width !== null && reads.length > 0 && firstDataDrawn,
    what: 'the fleet’s key series',
    read: (bridge) => bridge.getSeries({ series: reads, ...range.historyArgs, maxPoints }).then((a) => a.series),
  });
  return { rows, query };
}

/**
 * The four key series of the fleet on the shared time range: stacked on the Timeline, every one
 * marked with the events its filters match (all of them, counted by the engine per marker
 * column); two small charts a row, unmarked, on the Overview (no `filters`).
 */
export const FleetSeries = memo(function FleetSeries({
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
}) {
  const box = useRef<HTMLDivElement>(null);
  // Nothing is read before the width is known: a read at a guessed width would be read again.
  const measured = useMeasuredWidth(box);
  const columns = layout === 'small' && (measured ?? 0) >= TWO_COLUMNS_PX ? 2 : 1;
  // Each row's padding and border take ROW_INSET_PX of its share of the measured width.
  const width = Math.floor(((measured ?? 0) - (columns - 1) * GAP_PX) / columns) - ROW_INSET_PX;
  const { rows, query } = useSeries(range, measured === null ? null : width);
  const markerQuery = useEventMarkers(
    {
      targetIds: filters?.target ? [filters.target] : null,
      ...(filters?.kind ? { kinds: [filters.kind] } : {}),
      ...(filters?.severity ? { severities: [filters.severity] } : {}),
    },
    { width, refreshOn, range, enabled: measured !== null && filters !== undefined },
  );
  // Answers are drawn in a background render, so an answer arriving costs a short task (see TimelineView).
  const answers = useDeferredValue(query.data);
  const markers = useDeferredValue(markerQuery.markers);
  // Each row's share of the answer, kept while the answer is: a row whose share did not change is not drawn again.
  const shares = useMemo(() => {
    const out: Array<Answer[] | null> = [];
    let at = 0;
    for (const lines of rows) {
      out.push(answers ? answers.slice(at, at + lines.length) : null);
      at += lines.length;
    }
    return out;
  }, [rows, answers]);
  const look = LAYOUT[layout];
  return (
    <div ref={box} className={look.box} data-testid={look.box} data-columns={columns}>
      {measured !== null &&
        ROWS.map((row, i) => (
          <SeriesRow
            key={row.id}
            row={row}
            lines={rows[i] ?? []}
            answers={shares[i] ?? null}
            query={query}
            range={range}
            width={width}
            markers={markers}
            layout={layout}
          />
        ))}
    </div>
  );
});
