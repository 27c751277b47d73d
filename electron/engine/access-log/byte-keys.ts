import { writeZeros } from './write-zeros';

/** Raw byte sequences remembered before the table starts over (bounds memory on logs with millions of addresses). */
export const MAX_RAW = 200_000;
const INITIAL_SLOTS = 1024;

/** Int32s per slot of the table: id + 1 (0: empty), hash, start and end of the bytes in the arena. */
const SLOT = 4;

/**
 * Byte ranges to small integer ids and strings without decoding them again: each distinct
 * sequence is decoded (and normalised) once. The table is open addressing over one typed array
 * (a slot holds the id, hash and place of its bytes, so a lookup reads one slot and the bytes: two
 * cache misses, not four from parallel arrays) with the bytes themselves in one arena; a lookup
 * allocates nothing; a Map of buckets per lookup cost ~5× more. Ids are dense from 0; when the table
 * starts over (past `MAX_RAW` sequences) `generation` changes and earlier ids mean nothing.
 */
export class ByteKeys {
  generation = 0;
  /** Called before the table starts over: what holds this generation's ids counts them while they still mean their keys. */
  beforeStartOver: (() => void) | null = null;
  private table = new Int32Array(INITIAL_SLOTS * SLOT);
  private arena = new Uint8Array(64 * 1024);
  private used = 0;
  private readonly keys: string[] = [];
  private readonly canonical = new Map<string, string>();

  constructor(private readonly normalise: (raw: string) => string = (s) => s) {}

  /** The string of bytes [s, e): the same object for the same bytes (and for bytes that normalise alike). */
  key(buf: Uint8Array, s: number, e: number): string {
    return this.keys[this.id(buf, s, e)]!;
  }

  /** `key` when the bytes' `hash32` (as an int32) is known already. */
  keyHashed(buf: Uint8Array, s: number, e: number, h: number): string {
    return this.keys[this.idHashed(buf, s, e, h)]!;
  }

  /** The string of an id `id` returned in this generation. */
  keyOf(id: number): string {
    return this.keys[id]!;
  }

  /** The id of bytes [s, e), dense from 0 within a generation. */
  id(buf: Uint8Array, s: number, e: number): number {
    return this.idHashed(buf, s, e, hash32(buf, s, e) | 0);
  }

  /** `id` when the bytes' `hash32` (as an int32) is known already: the WebAssembly scan hashes a line's keys. */
  idHashed(buf: Uint8Array, s: number, e: number, h: number): number {
    const table = this.table;
    const mask = table.length / SLOT - 1;
    const len = e - s;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const at = i * SLOT;
      const slot = table[at]!;
      if (slot === 0) break;
      if (table[at + 1] === h) {
        const start = table[at + 2]!;
        if (table[at + 3]! - start === len && same(this.arena, start, buf, s, len)) return slot - 1;
      }
    }
    return this.insert(buf, s, e, h);
  }

  private insert(buf: Uint8Array, s: number, e: number, h: number): number {
    if (this.keys.length >= MAX_RAW) this.clear();
    const id = this.keys.length;
    // Slots at most half full.
    if ((id + 2) * 2 > this.table.length / SLOT) this.grow();
    const len = e - s;
    if (this.used + len > this.arena.length) {
      const bigger = new Uint8Array(Math.max(this.arena.length * 2, this.used + len));
      bigger.set(this.arena.subarray(0, this.used));
      this.arena = bigger;
    }
    const start = this.used;
    const arena = this.arena;
    // No view per new key (a subarray to copy from, a Buffer to decode): making them and collecting
    // them was about a third of a new key's cost, and a log's first lines bring thousands of keys.
    // Keys are short, so a loop copies them; a Buffer (what the readers pass) decodes a range in place.
    for (let k = 0; k < len; k++) arena[start + k] = buf[s + k]!;
    this.used += len;
    const text = Buffer.isBuffer(buf) ? buf.toString('utf8', s, e) : Buffer.from(buf.buffer, buf.byteOffset + s, len).toString('utf8');
    const decoded = this.normalise(text);
    let key = this.canonical.get(decoded);
    if (key === undefined) this.canonical.set(decoded, (key = decoded));
    this.keys.push(key);
    this.place(this.table, id, h, start, this.used);
    return id;
  }

  private place(table: Int32Array, id: number, h: number, start: number, end: number): void {
    const mask = table.length / SLOT - 1;
    let i = h & mask;
    while (table[i * SLOT] !== 0) i = (i + 1) & mask;
    const at = i * SLOT;
    table[at] = id + 1;
    table[at + 1] = h;
    table[at + 2] = start;
    table[at + 3] = end;
  }

  private grow(): void {
    const old = this.table;
    const table = new Int32Array(old.length * 2);
    writeZeros(table);
    for (let at = 0; at < old.length; at += SLOT) if (old[at] !== 0) this.place(table, old[at]! - 1, old[at + 1]!, old[at + 2]!, old[at + 3]!);
    this.table = table;
  }

  private clear(): void {
    this.beforeStartOver?.();
    this.table = new Int32Array(INITIAL_SLOTS * SLOT);
    this.used = 0;
    this.keys.length = 0;
    this.canonical.clear();
    this.generation += 1;
  }
}

// The word hash of the scan (wasm/hash.ts), which must give the same values: four bytes a step
// (little-endian, the last 1–3 as a word with zero high bytes), the length in the seed, then Murmur3's
// finaliser. FNV-1a's multiply per byte was most of the scan's hashing.
const SEED_A = 0x811c9dc5 | 0;
const MUL_A = 0x01000193;
const SEED_B = 5381;
const MUL_B = 0x9e3779b1 | 0;

function step(h: number, w: number, mul: number): number {
  const x = Math.imul(h ^ w, mul);
  return (x << 13) | (x >>> 19);
}

/** Bytes [i, e) as a little-endian word: four, or the last one to three. */
function word(buf: Uint8Array, i: number, e: number): number {
  if (i + 4 <= e) return buf[i]! | (buf[i + 1]! << 8) | (buf[i + 2]! << 16) | (buf[i + 3]! << 24);
  let w = 0;
  for (let k = e - 1; k >= i; k--) w = (w << 8) | buf[k]!;
  return w;
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A 32-bit hash of bytes [s, e) (unsigned): the key tables' and the scan's. */
export function hash32(buf: Uint8Array, s: number, e: number): number {
  // `| 0`: an int32 from the start, so the loop never boxes `h` as a double.
  let h = (SEED_A ^ (e - s)) | 0;
  for (let i = s; i < e; i += 4) h = step(h, word(buf, i, e), MUL_A);
  return fmix(h);
}

/** A 52-bit hash of bytes [s, e): unique enough to pair request ids without decoding them. */
export function hash52(buf: Uint8Array, s: number, e: number): number {
  // Two word hashes in one pass over the bytes: `hash32`, and one of another seed and multiplier for the low bits.
  let h = (SEED_A ^ (e - s)) | 0;
  let g = (SEED_B ^ (e - s)) | 0;
  for (let i = s; i < e; i += 4) {
    const w = word(buf, i, e);
    h = step(h, w, MUL_A);
    g = step(g, w, MUL_B);
  }
  return fmix(h) * 0x100000 + (fmix(g) & 0xfffff);
}

function same(arena: Uint8Array, start: number, buf: Uint8Array, s: number, len: number): boolean {
  for (let i = 0; i < len; i++) if (arena[start + i] !== buf[s + i]) return false;
  return true;
}
