// AssemblyScript (see access-line.ts): reading bytes of the instance's memory — one byte, a
// byte searched for 16 at a time with SIMD, trims and word matches — as line-parser.ts does on a Buffer.

export const PIPE: u32 = 124;
export const SP: u32 = 32;
export const QUOTE: u32 = 34;
export const APOS: u32 = 39;
export const COMMA: u32 = 44;
export const SLASH: u32 = 47;
export const DASH: u32 = 45;
export const NL: u32 = 10;
export const CR: u32 = 13;

export function byte(p: u32): u32 {
  return load<u8>(p);
}

/** The first `b` in [p, end), or `end` (p itself when p >= end), 16 bytes at a time: memory past `end` is readable slack. */
export function scanByte(p: u32, end: u32, b: u32): u32 {
  if (p >= end) return p;
  const needle = i8x16.splat(<i8>b);
  while (true) {
    const m = i8x16.bitmask(i8x16.eq(v128.load(p), needle));
    if (m != 0) {
      const at = p + ctz<u32>(m);
      return at < end ? at : end;
    }
    p += 16;
    if (p >= end) return end;
  }
}

export function trimEnd(s: u32, e: u32): u32 {
  while (e > s && byte(e - 1) == SP) e--;
  return e;
}

export function startsWith(p: u32, end: u32, word: usize, len: u32): bool {
  if (<i32>end - <i32>p < <i32>len) return false;
  for (let i: u32 = 0; i < len; i++) if (byte(p + i) != load<u8>(word + i)) return false;
  return true;
}

export function endsWith(e: u32, word: usize, len: u32): bool {
  if (e < len) return false;
  const s = e - len;
  for (let i: u32 = 0; i < len; i++) if (byte(s + i) != load<u8>(word + i)) return false;
  return true;
}

export function digit(p: u32): i32 {
  const c = <i32>byte(p) - 48;
  return c >= 0 && c <= 9 ? c : -1000;
}
