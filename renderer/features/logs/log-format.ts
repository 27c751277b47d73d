import { formatClock, formatTimestamp } from '../../../shared/logic/units';

/** Log times are the server's own clock, read as UTC: shown in UTC so they match the file. */
export const logTime = (at: number | null): string => formatTimestamp(at, 'UTC');

/** Axis ticks: the time of day for intervals under a day, the date for daily ones. */
export const logAxisTime = (at: number, intervalMs: number): string =>
  intervalMs >= 86_400_000 ? new Date(at).toISOString().slice(0, 10) : formatClock(at, 'UTC');

/** Hits among the lookups the cache answered, or null when it answered none. */
export const hitRatio = (c: { hit: number; miss: number }): number | null => (c.hit + c.miss > 0 ? c.hit / (c.hit + c.miss) : null);
