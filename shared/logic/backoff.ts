/** Options of {@link fullJitterBackoff}: the first ceiling and the largest ceiling, in ms. */
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

/**
 * AWS "full jitter" backoff: a uniform draw in [0, min(cap, base · 2^attempt)).
 *
 * Full jitter rather than plain exponential backoff because clients that failed together would
 * otherwise retry together (Brooker, "Exponential Backoff And Jitter"). Garbage inputs (negative,
 * NaN, huge attempts) clamp instead of producing NaN or Infinity, so a caller can feed it a
 * counter without guarding.
 */
export function fullJitterBackoff(attempt: number, opts: BackoffOptions, random: () => number = Math.random): number {
  const base = finiteNonNegative(opts.baseMs);
  const cap = finiteNonNegative(opts.capMs);
  const n = Number.isFinite(attempt) && attempt > 0 ? Math.floor(attempt) : 0;
  // 2 ** 1100 is Infinity, so Math.min picks the cap; but 0 · Infinity is NaN, hence the guard.
  const ceiling = base === 0 ? 0 : Math.min(cap, base * 2 ** n);
  return Math.floor(clampUnit(random()) * ceiling);
}

/**
 * A stable offset in [0, intervalMs) derived from `key`, so that targets with the same interval
 * spread across it instead of all firing at once (Prometheus' `Target.offset`), and the same
 * target keeps its slot across restarts.
 */
export function startOffset(key: string, intervalMs: number): number {
  if (!Number.isFinite(intervalMs) || intervalMs <= 0) return 0;
  const fraction = hash53(key) / 2 ** 53;
  return Math.min(Math.floor(fraction * intervalMs), Math.max(0, Math.ceil(intervalMs) - 1));
}

function finiteNonNegative(n: number): number {
  return Number.isFinite(n) && n > 0 ? n : 0;
}

// A caller-supplied random() may return 1 (or worse); keep the draw strictly below the ceiling.
function clampUnit(x: number): number {
  if (!Number.isFinite(x) || x <= 0) return 0;
  return x >= 1 ? 1 - Number.EPSILON : x;
}

/** cyrb53: a fast 53-bit string hash with good spread; not cryptographic, which is fine here. */
function hash53(s: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
