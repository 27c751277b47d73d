/**
 * Tolerant field readers for payloads we do not control: each returns a clean value or null,
 * never throws, and never lets NaN, Infinity or a nested object through.
 */

export type JsonRecord = Record<string, unknown>;

/** Longest text we keep from a field; anything longer is not a name or a version, it is garbage. */
const MAX_TEXT = 512;

export function isRecord(v: unknown): v is JsonRecord {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Own property only, so `__proto__`, `constructor` and friends never leak in from the prototype. */
export function field(obj: unknown, key: string): unknown {
  return isRecord(obj) && Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/** A non-empty trimmed string; finite numbers are accepted as text (ids and build numbers vary). */
export function text(v: unknown): string | null {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : null;
  if (typeof v !== 'string') return null;
  const t = v.trim();
  return t.length > 0 && t.length <= MAX_TEXT ? t : null;
}

export function bool(v: unknown): boolean | null {
  return typeof v === 'boolean' ? v : null;
}

/** An integer port 0–65535, given as a number or a numeric string. */
export function port(v: unknown): number | null {
  const n = typeof v === 'string' && /^\d{1,5}$/.test(v.trim()) ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 65535 ? n : null;
}
