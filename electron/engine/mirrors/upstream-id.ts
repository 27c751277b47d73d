// The upstream table's ids: a repository id that is a number's plain decimal text is kept as that
// number (upstream-table.ts), found through an open-addressing index over the numbers.

/** Ids of at most this many decimal digits are below 2 ** 53: kept as numbers, exactly. */
const MAX_ID_DIGITS = 15;
/** Marks a row whose id is not a number's decimal text (kept in `textRows` instead). */
export const TEXT_ID = -1;

/** The number whose decimal text the id is (no sign, no leading zero, at most 15 digits), or -1. */
export function numericId(id: string): number {
  const n = id.length;
  if (n === 0 || n > MAX_ID_DIGITS || (n > 1 && id.charCodeAt(0) === 48)) return -1;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = id.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** A slot of a numeric id in an index of 2 ** bits slots (Fibonacci hashing of both 32-bit halves). */
export function slotOf(v: number, bits: number): number {
  const hi = (v / 0x100000000) | 0;
  return Math.imul((v >>> 0) ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1) >>> (32 - bits);
}
