// AssemblyScript (see access-line.ts): the hashes of a line's keys and request id, as byte-keys.ts
// computes them (`hash32`, `hash52`). Four bytes a step, not one: FNV-1a's chain of a multiply per
// byte was most of the scan's hashing (≈ 70 key and id bytes a response).

/** One step of the word hash: `h` and the next four bytes (little-endian) `w`. */
function step(h: u32, w: u32, mul: u32): u32 {
  return rotl<u32>((h ^ w) * mul, 13);
}

/** The last 1–3 bytes from `p` (memory past them is readable), as a word with zero high bytes. */
function tailWord(p: u32, n: u32): u32 {
  return load<u32>(p) & (((<u32>1) << (n << 3)) - 1);
}

/** Murmur3's finaliser: every bit of `h` reaches the low bits the tables use as slots. */
function fmix(h: u32): u32 {
  h ^= h >>> 16;
  h *= 0x85ebca6b;
  h ^= h >>> 13;
  h *= 0xc2b2ae35;
  return h ^ (h >>> 16);
}

export const SEED_A: u32 = 0x811c9dc5;
export const MUL_A: u32 = 0x01000193;
export const SEED_B: u32 = 5381;
export const MUL_B: u32 = 0x9e3779b1;

/** `hash32` of byte-keys.ts over [s, e). */
export function hashKey(s: u32, e: u32): u32 {
  let h = SEED_A ^ (e - s);
  let i = s;
  for (; i + 4 <= e; i += 4) h = step(h, load<u32>(i), MUL_A);
  if (i < e) h = step(h, tailWord(i, e - i), MUL_A);
  return fmix(h);
}

/** The second half of `hash52` over [s, e) after `hashKey` (what it takes its low 20 bits from). */
export let idLow: u32 = 0;

/** `hashKey` of [s, e) and, in `idLow`, the other word hash `hash52` adds: both in one pass. */
export function hashId(s: u32, e: u32): u32 {
  let h = SEED_A ^ (e - s);
  let g = SEED_B ^ (e - s);
  let i = s;
  for (; i + 4 <= e; i += 4) {
    const w = load<u32>(i);
    h = step(h, w, MUL_A);
    g = step(g, w, MUL_B);
  }
  if (i < e) {
    const w = tailWord(i, e - i);
    h = step(h, w, MUL_A);
    g = step(g, w, MUL_B);
  }
  idLow = fmix(g);
  return fmix(h);
}
