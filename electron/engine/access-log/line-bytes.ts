/** Byte-level helpers of the line parse: a field is found and read without decoding it. */

const PIPE = 124;
const SP = 32;
const DASH = 45;

export const bytes = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'latin1'));

export function scanPipe(buf: Buffer, p: number, end: number): number {
  return scanByte(buf, p, end, PIPE);
}

/** The first `b` in [p, end), or `end`. Native `indexOf` (memchr) past a few bytes: fields run to 100 bytes and more. */
export function scanByte(buf: Buffer, p: number, end: number, b: number): number {
  if (end - p < 12) {
    while (p < end && buf[p] !== b) p++;
    return p;
  }
  const i = buf.indexOf(b, p);
  return i < 0 || i > end ? end : i;
}

export function trimEnd(buf: Buffer, s: number, e: number): number {
  while (e > s && buf[e - 1] === SP) e--;
  return e;
}

export function startsWith(buf: Buffer, p: number, end: number, word: Uint8Array): boolean {
  if (end - p < word.length) return false;
  for (let i = 0; i < word.length; i++) if (buf[p + i] !== word[i]) return false;
  return true;
}

export function endsWith(buf: Buffer, e: number, word: Uint8Array): boolean {
  const s = e - word.length;
  if (s < 0) return false;
  for (let i = 0; i < word.length; i++) if (buf[s + i] !== word[i]) return false;
  return true;
}

export function indexOfBytes(buf: Buffer, s: number, e: number, word: Uint8Array): number {
  const first = word[0];
  for (let p = s; p + word.length <= e; p++) if (buf[p] === first && startsWith(buf, p, e, word)) return p;
  return -1;
}

export function isNumber(buf: Buffer, s: number, e: number): boolean {
  while (s < e && buf[s] === SP) s++;
  e = trimEnd(buf, s, e);
  if (s === e) return false;
  for (let i = s; i < e; i++) if (buf[i]! < 48 || buf[i]! > 57) return false;
  return true;
}

/** A status or byte count field: digits or `-`. */
export function isCount(buf: Buffer, s: number, e: number): boolean {
  while (s < e && buf[s] === SP) s++;
  return (s + 1 === trimEnd(buf, s, e) && buf[s] === DASH) || isNumber(buf, s, e);
}

export function readInt(buf: Buffer, s: number, e: number): number {
  while (s < e && buf[s] === SP) s++;
  let n = 0;
  let digits = 0;
  for (; s < e; s++) {
    const c = buf[s]! - 48;
    if (c < 0 || c > 9) break;
    n = n * 10 + c;
    digits++;
  }
  return digits === 0 ? -1 : n;
}
