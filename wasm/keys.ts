// AssemblyScript (see access-line.ts): a key mirror, an open-addressing table the reader fills
// (line-scanner.ts `learn`) with the bytes → id pairs of its aggregator's key tables (byte-keys.ts),
// so the scan finds a response's key ids itself. A mirror holds only pairs those tables gave, in
// their current generation: an id found here is the id `ByteKeys.id` gives; -1 sends the line there.

/** Slots a mirror can grow to: 16 bytes each (id + 1, or 0 when empty; hash; the bytes' address; length). */
export const MIRROR_SLOTS: u32 = 65536;
/** A mirror: its slots, then its bytes. */
export const MIRROR_BYTES: u32 = MIRROR_SLOTS * 16 + 1024 * 1024;

/** The id of bytes [s, s + len) with FNV-1a hash `h` in the mirror at `at` (its first `mask` + 1 slots in use), or -1. */
export function findKey(at: usize, mask: u32, s: u32, len: u32, h: u32): i32 {
  let i = h & mask;
  while (true) {
    const slot = at + ((<usize>i) << 4);
    const id1 = load<i32>(slot);
    if (id1 == 0) break;
    if (load<u32>(slot + 4) == h && load<u32>(slot + 12) == len && same(load<u32>(slot + 8), s, len)) return id1 - 1;
    i = (i + 1) & mask;
  }
  return -1;
}

/** Whether bytes [a, a + len) and [b, b + len) are equal, 16 at a time (memory past both is readable). */
function same(a: u32, b: u32, len: u32): bool {
  let k: u32 = 0;
  for (; k + 16 <= len; k += 16) if (!i8x16.all_true(i8x16.eq(v128.load(a + k), v128.load(b + k)))) return false;
  if (k == len) return true;
  const differ = ~i8x16.bitmask(i8x16.eq(v128.load(a + k), v128.load(b + k))) & ((1 << (len - k)) - 1);
  return differ == 0;
}
