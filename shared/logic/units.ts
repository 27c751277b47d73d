/**
 * The one place figures become text, for the renderer, the engine's messages and the CLI alike,
 * so that "GB" or "12 min" mean the same thing in every view and every message.
 *
 * Bytes are decimal (SI): 1 kB = 1,000 B, 1 MB = 10⁶ B, 1 GB = 10⁹ B — what disk vendors and
 * `df -H` print. GlusterFS prints powers of 1024 labelled "GB"; we convert, never relabel.
 */

/** Said beside byte figures in the UI, so nobody has to guess which "GB" is meant. */
export const BYTE_UNITS_NOTE = 'Sizes in decimal units: 1 kB = 1,000 bytes, 1 GB = 1,000,000,000 bytes.';

const BYTE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'] as const;

/** Byte counts as people read them: "999 B", "18.0 MB", "5.37 GB", "734 MB"; an em dash when unknown. */
export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes)) return '—';
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  // Three significant digits, but whole bytes stay whole.
  let digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  // 999.96 kB would print as "1000.0 kB": move up a unit instead.
  if (Number(value.toFixed(digits)) >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
    digits = 2;
  }
  return `${value.toFixed(digits)} ${BYTE_UNITS[unit]}`;
}

/** Whole minutes and up: "12 min", "3 h 5 min", "2 d 4 h". */
function formatLong(totalSeconds: number): string {
  const minutes = Math.floor(totalSeconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

/**
 * A measured or configured time in milliseconds: "240 ms", "3.1 s", "1.0 s", "45 s", "12 min",
 * "3 h 5 min". Tenths of a second below 10 s, where they matter (request timings).
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const v = Math.max(0, ms);
  if (v < 1000) return `${Math.round(v)} ms`;
  if (v < 10_000) return `${(v / 1000).toFixed(1)} s`;
  if (v < 60_000) return `${Math.round(v / 1000)} s`;
  return formatLong(v / 1000);
}

/** A time counted in whole seconds (lags, ages, Retry-After): "0 s", "45 s", "32 min", "3 h 5 min". */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—';
  const v = Math.max(0, seconds);
  if (v < 60) return `${Math.round(v)} s`;
  return formatLong(v);
}

/** A duration, or an em dash when there is none to show. */
export const formatOptionalDuration = (ms: number | null): string => (ms === null ? '—' : formatDuration(ms));

/** "12 s ago", "3 min ago", "2 h ago", "4 d ago"; "just now" under a second; future times read "just now". */
export function formatAge(thenMs: number, nowMs: number): string {
  const s = Math.max(0, Math.round((nowMs - thenMs) / 1000));
  if (s < 1) return 'just now';
  if (s < 60) return `${s} s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} d ago`;
}

// One locale for every count, so "1,234" reads the same in every view and test.
// Made at the first count shown: the first Intl formatter costs ≈ 30 ms of CPU (ICU's data), and
// every module importing this file (the engine's, at `serve`'s start) would pay it (issue 13 item 7).
let countFormat: Intl.NumberFormat | null = null;

/** Counts with thousands separators: "1,234". */
export const formatCount = (n: number): string => (countFormat ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })).format(n);

/** A count that may be unknown: "1,234" or an em dash. */
export const formatOptionalCount = (n: number | null): string => (n === null || !Number.isFinite(n) ? '—' : formatCount(n));

/** A ratio 0–1 as "87.5 %"; an em dash when unknown. */
export const formatRatio = (ratio: number | null): string => (ratio === null || !Number.isFinite(ratio) ? '—' : `${(ratio * 100).toFixed(1)} %`);

/** A percentage 0–100 as "87 %" or "4.5 %" (tenths below 10); an em dash when unknown. */
export const formatPercent = (n: number | null): string => (n === null || !Number.isFinite(n) ? '—' : `${n.toFixed(n >= 10 ? 0 : 1)} %`);

/*
 * Time, one convention everywhere: recent moments relative ("12 s ago", formatAge) with the
 * absolute time on hover; absolute times as "2026-01-15 13:00:05 CET" — 24-hour, with the time
 * zone, so a screenshot or a pasted line says when it happened; chart axes "13:00".
 */
const timestampFormats = new Map<string, Intl.DateTimeFormat>();
function timestampFormat(timeZone: string | undefined, withSeconds: boolean, withDate: boolean): Intl.DateTimeFormat {
  const key = `${timeZone ?? ''}|${withSeconds}|${withDate}`;
  let f = timestampFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      ...(withDate ? { year: 'numeric', month: '2-digit', day: '2-digit', timeZoneName: 'short' } : {}),
      hour: '2-digit',
      minute: '2-digit',
      ...(withSeconds ? { second: '2-digit' } : {}),
      hourCycle: 'h23',
      ...(timeZone ? { timeZone } : {}),
    });
    timestampFormats.set(key, f);
  }
  return f;
}

const partsOf = (f: Intl.DateTimeFormat, at: number): Record<string, string> => Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));

/** An absolute time: "2026-01-15 13:00:05 CET" (local time zone unless one is given); an em dash when unknown. */
export function formatTimestamp(at: number | null, timeZone?: string): string {
  if (at === null || !Number.isFinite(at)) return '—';
  const p = partsOf(timestampFormat(timeZone, true, true), at);
  return `${p['year']}-${p['month']}-${p['day']} ${p['hour']}:${p['minute']}:${p['second']} ${p['timeZoneName']}`;
}

const twoDigits = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** A time of day for chart axes: "13:00", or "13:00:05" where ticks are under a minute apart (24-hour, local unless a time zone is given). */
export function formatClock(at: number, timeZone?: string, withSeconds = false): string {
  // In local time, Date's getters give the same digits as the en-US 24-hour format (V8 takes both
  // from ICU's default time zone) without formatToParts' array and object per call: ≈ 10 µs each,
  // nine of them in every time chart's first draw (session 21, docs/charts.md).
  if (timeZone === undefined && Number.isFinite(at)) {
    const d = new Date(at);
    return `${twoDigits(d.getHours())}:${twoDigits(d.getMinutes())}${withSeconds ? `:${twoDigits(d.getSeconds())}` : ''}`;
  }
  const p = partsOf(timestampFormat(timeZone, withSeconds, false), at);
  return `${p['hour']}:${p['minute']}${withSeconds ? `:${p['second']}` : ''}`;
}
