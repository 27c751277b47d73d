/**
 * The one time range every chart shows, read from the route: `range=6h` is the last six hours,
 * live (it follows the clock); `from` and `to` (epoch ms) fix a window — a zoom, an absolute
 * range, or a paused relative one (then `range` stays too, so Resume returns to it).
 */

export const RELATIVE_RANGES = [
  { id: '15m', label: '15 min', seconds: 900 },
  { id: '1h', label: '1 h', seconds: 3_600 },
  { id: '6h', label: '6 h', seconds: 6 * 3_600 },
  { id: '24h', label: '24 h', seconds: 86_400 },
  { id: '7d', label: '7 d', seconds: 7 * 86_400 },
] as const;

export const DEFAULT_RANGE_ID = '1h';
/** The route params of the time range: carried from view to view, so every view shows the same window. */
export const TIME_PARAMS = ['range', 'from', 'to'] as const;
/** The narrowest window a zoom can make: below a minute there is at most one poll to see. */
export const MIN_SPAN_MS = 60_000;
/** The widest window: what the history keeps and the history requests accept (90 days). */
export const MAX_SPAN_MS = 90 * 86_400_000;

const UNIT_SECONDS = { m: 60, h: 3_600, d: 86_400 } as const;

/** "Last N": `90m`, `12h`, `3d` as seconds; null when the text is not such a span or is out of bounds. */
export function rangeSeconds(id: string | undefined): number | null {
  const m = /^(\d{1,4})([mhd])$/.exec(id ?? '');
  if (!m) return null;
  const seconds = Number(m[1]) * UNIT_SECONDS[m[2] as keyof typeof UNIT_SECONDS];
  return seconds * 1000 >= MIN_SPAN_MS && seconds * 1000 <= MAX_SPAN_MS ? seconds : null;
}

/** "1 h", "90 min", "3 d": the presets' labels, or the span in its own unit. */
export function rangeLabel(id: string): string {
  const preset = RELATIVE_RANGES.find((r) => r.id === id);
  if (preset) return preset.label;
  const m = /^(\d+)([mhd])$/.exec(id);
  return m ? `${m[1]} ${m[2] === 'm' ? 'min' : m[2]}` : id;
}

export interface TimeRange {
  from: number;
  to: number;
  /** True: the window ends now and moves with the clock. */
  live: boolean;
  /** The relative range (`1h`): the live window's length, or what a paused window resumes to. */
  rangeId: string;
}

const epochMs = (v: string | undefined): number | null => (v !== undefined && /^\d{1,15}$/.test(v) ? Number(v) : null);

/** The window the route names, at `now`; anything it cannot read is the default live hour. */
export function resolveTimeRange(params: Partial<Record<string, string>>, now: number): TimeRange {
  const rangeId = rangeSeconds(params['range']) !== null ? (params['range'] as string) : DEFAULT_RANGE_ID;
  const from = epochMs(params['from']);
  const to = epochMs(params['to']);
  if (from !== null && to !== null && to - from >= MIN_SPAN_MS && to - from <= MAX_SPAN_MS) return { from, to, live: false, rangeId };
  const seconds = rangeSeconds(rangeId) ?? 3_600;
  return { from: now - seconds * 1000, to: now, live: true, rangeId };
}

/** The route params of a fixed window, widened about its middle to the narrowest zoom when the drag was shorter. */
export function fixedWindowParams(a: number, b: number): { from: string; to: string } {
  const lo = Math.min(a, b);
  const span = Math.min(MAX_SPAN_MS, Math.max(MIN_SPAN_MS, Math.abs(b - a)));
  const start = Math.round(lo + Math.abs(b - a) / 2 - span / 2);
  return { from: String(start), to: String(start + Math.round(span)) };
}
