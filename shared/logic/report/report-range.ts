/**
 * The time range a report or support bundle covers, as the route's `range` parameter holds it:
 * relative to now (`15m`, `1h`, `6h`, `24h`, `7d`) or absolute (`FROM~TO`, epoch milliseconds, as
 * a zoom sets it). Pure, so the renderer, the CLI and tests read a range one way.
 */
export interface TimeRange {
  from: number;
  to: number;
}

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const RELATIVE = /^(\d{1,4})([mhd])$/;
const ABSOLUTE = /^(\d{10,15})~(\d{10,15})$/;

/** The range a route parameter names, or null when it names none (the caller picks its default). */
export function rangeFromParam(param: string | undefined, now: number): TimeRange | null {
  if (param === undefined) return null;
  const rel = RELATIVE.exec(param);
  if (rel) {
    const span = Number(rel[1]) * UNIT_MS[rel[2] as keyof typeof UNIT_MS];
    return span > 0 ? { from: now - span, to: now } : null;
  }
  const abs = ABSOLUTE.exec(param);
  if (abs && Number(abs[2]) > Number(abs[1])) return { from: Number(abs[1]), to: Number(abs[2]) };
  return null;
}

/**
 * A time given on the command line: `now`, a span back from now (`-2h`, `-30m`, `-1d`), an ISO
 * time with a zone, or "2026-11-02 14:00" on this machine's clock. RangeError says what to write.
 */
export function parseReportTime(text: string, now: number, what: string): number {
  const t = text.trim();
  if (t === 'now') return now;
  const back = /^-(\d{1,4})([mhd])$/.exec(t);
  if (back) return now - Number(back[1]) * UNIT_MS[back[2] as keyof typeof UNIT_MS];
  const plain = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
  const ms = plain
    ? new Date(Number(plain[1]), Number(plain[2]) - 1, Number(plain[3]), Number(plain[4] ?? 0), Number(plain[5] ?? 0), Number(plain[6] ?? 0)).getTime()
    : /[zZ]|[+-]\d{2}:?\d{2}$/.test(t)
      ? Date.parse(t)
      : Number.NaN;
  if (!Number.isFinite(ms))
    throw new RangeError(`${what} "${text}" is not a time: use "now", "-2h", "2026-11-02 14:00" (this machine's clock) or an ISO time with a zone.`);
  return ms;
}

/** A file name part for a range: `20261102-1400_20261102-1600` (UTC, sortable, no colons). */
export function rangeStamp({ from, to }: TimeRange): string {
  const s = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return `${s(from)}_${s(to)}Z`;
}
