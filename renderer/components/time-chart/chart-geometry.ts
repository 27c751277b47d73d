import type { EventBucket, FleetEvent, Severity } from '../../../shared/model';
import { formatClock, formatTimestamp } from '../../../shared/logic/units';

export type SeriesPoint = readonly [number, number | null];

/** The top of an axis: the maximum rounded up to 1, 2 or 5 × a power of ten, so tick labels are round. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  return ([1, 2, 5, 10].find((m) => m * p >= max) ?? 10) * p;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const TICK_STEPS = [
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  24 * HOUR,
  48 * HOUR,
  7 * 24 * HOUR,
];
/** Room one time label needs ("01-15 13:00" in 11 px). */
const LABEL_PX = 84;

/**
 * Time-axis ticks on round local times (every 5 min, every hour…), as many as fit without
 * overlapping: each label is a different time, whatever the span.
 */
export function timeTicks(from: number, to: number, plotWidth: number): number[] {
  const span = Math.max(1, to - from);
  const fit = Math.max(2, Math.floor(plotWidth / LABEL_PX));
  const step = TICK_STEPS.find((s) => span / s <= fit) ?? TICK_STEPS[TICK_STEPS.length - 1]!;
  // Round in local time: hours and days start at local midnight, not UTC's.
  const offset = new Date(from).getTimezoneOffset() * MINUTE;
  const first = Math.ceil((from - offset) / step) * step + offset;
  const ticks: number[] = [];
  for (let t = first; t <= to; t += step) ticks.push(t);
  return ticks;
}

/** A tick's label: the time of day, with the date over spans longer than two days ("01-15 13:00"). */
export const tickLabel = (span: number) => (t: number) => (span > 2 * 24 * HOUR ? `${formatTimestamp(t).slice(5, 10)} ${formatClock(t)}` : formatClock(t));

/** The horizontal grid lines as one path (one element however many lines): `M left,y H right` per line. */
export const gridPath = (left: number, width: number, rows: readonly { y: number }[]): string => rows.map(({ y }) => `M${left},${y}H${left + width}`).join('');

/** One SVG path through the points; a null value breaks the line (nothing was read then). */
export function pathOf(points: readonly SeriesPoint[], x: (t: number) => number, y: (v: number) => number, step = false): string {
  let d = '';
  let prev: number | null = null;
  for (const [t, v] of points) {
    if (v === null || !Number.isFinite(v)) {
      prev = null;
      continue;
    }
    const px = x(t).toFixed(1);
    const py = y(v).toFixed(1);
    if (prev === null) d += `M${px},${py}`;
    else d += step ? `H${px}V${py}` : `L${px},${py}`;
    prev = v;
  }
  return d;
}

/** The index of the point nearest `t` in points sorted by time; -1 when there are none. */
export function nearestIndex(points: readonly SeriesPoint[], t: number): number {
  if (points.length === 0) return -1;
  let lo = 0;
  let hi = points.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((points[mid]?.[0] ?? 0) < t) lo = mid + 1;
    else hi = mid;
  }
  const before = points[lo - 1];
  return before && t - before[0] < (points[lo]?.[0] ?? 0) - t ? lo - 1 : lo;
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };
/** Pixels one marker stands for: events closer than this on screen are one marker. */
export const MARKER_PX = 4;

/** A chart's event markers as the engine counted them: the window it sliced, into how many slices, and the slices with events. */
export interface ChartMarkers {
  from: number;
  to: number;
  slices: number;
  buckets: readonly EventBucket[];
}

export interface MarkerBucket {
  x: number;
  severity: Severity;
  /** How many events the marker stands for (its `events` are the oldest few). */
  count: number;
  events: FleetEvent[];
}

/**
 * The engine's event slices as markers on this chart, one per few pixels: slices that land in
 * the same column are one marker. The engine counted them, so 100,000 events over a week are at
 * most a few hundred markers and a chart costs the same whatever the store holds.
 */
export function bucketMarkers(markers: ChartMarkers | undefined, from: number, to: number, left: number, plotWidth: number): MarkerBucket[] {
  if (!markers || markers.slices < 1) return [];
  const span = Math.max(1, to - from);
  const slice = (markers.to - markers.from) / markers.slices;
  const columns = new Map<number, MarkerBucket>();
  for (const b of markers.buckets) {
    const at = markers.from + (b.index + 0.5) * slice;
    if (at < from || at > to) continue;
    const col = Math.floor((((at - from) / span) * plotWidth) / MARKER_PX);
    const m = columns.get(col);
    if (!m) columns.set(col, { x: left + Math.min(plotWidth, (col + 0.5) * MARKER_PX), severity: b.severity, count: b.count, events: [...b.events] });
    else {
      m.count += b.count;
      m.events.push(...b.events);
      if (RANK[b.severity] > RANK[m.severity]) m.severity = b.severity;
    }
  }
  return [...columns.values()].sort((a, b) => a.x - b.x);
}

/** The markers of one severity as two path strings (dashed lines, and the triangles on top): a few elements however many markers. */
export function markerPaths(buckets: readonly MarkerBucket[], severity: Severity, top: number, bottom: number): { lines: string; heads: string } {
  let lines = '';
  let heads = '';
  for (const b of buckets) {
    if (b.severity !== severity) continue;
    const x = b.x.toFixed(1);
    lines += `M${x},${top}V${bottom}`;
    heads += `M${(b.x - 4).toFixed(1)},${top}h8l-4,5z`;
  }
  return { lines, heads };
}

export const SEVERITY_COLOR: Record<Severity, string> = { info: 'var(--info)', warning: 'var(--degraded)', critical: 'var(--down)' };

/** A marker's tooltip: its events oldest first, the first few in full, then how many more it stands for. */
export function markerText(events: readonly FleetEvent[], count = events.length, shown = 4): string {
  const sorted = [...events].sort((a, b) => a.at - b.at).slice(0, shown);
  const lines = sorted.map((e) => `${formatClock(e.at)} ${e.text}`);
  if (count > sorted.length) lines.push(`and ${(count - sorted.length).toLocaleString('en-US')} more`);
  return lines.join('\n');
}
