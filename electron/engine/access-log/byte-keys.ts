/** Raw byte sequences remembered before the table starts over (bounds memory on logs with millions of addresses). */
const MAX_RAW = 200_000;
const INITIAL_SLOTS = 1024;

/**
 * Byte ranges to small integer ids and strings without decoding them again: each distinct
 * sequence is decoded (and normalised) once. The table is open addressing over typed arrays (the
 * bytes themselves in one arena), so a lookup hashes and compares a few bytes and allocates
 * nothing; a Map of buckets per lookup cost ~5× more. Ids are dense from 0; when the table starts
 * over (past `MAX_RAW` sequences) `generation` changes and earlier ids mean nothing.
 */
export class ByteKeys {
  generation = 0;
  private slots = new Int32Array(INITIAL_SLOTS);
  private hashes = new Int32Array(INITIAL_SLOTS);
  private starts = new Int32Array(INITIAL_SLOTS);
  private arena = new Uint8Array(64 * 1024);
  private used = 0;
  private readonly keys: string[] = [];
  private readonly canonical = new Map<string, string>();

  constructor(private readonly normalise: (raw: string) => string = (s) => s) {}

  /** The string of bytes [s, e): the same object for the same bytes (and for bytes that normalise alike). */
  key(buf: Uint8Array, s: number, e: number): string {
    return this.keys[this.id(buf, s, e)]!;
  }

  /** The string of an id `id` returned in this generation. */
  keyOf(id: number): string {
    return this.keys[id]!;
  }

  /** The id of bytes [s, e), dense from 0 within a generation. */
  id(buf: Uint8Array, s: number, e: number): number {
    const h = hash32(buf, s, e) | 0;
    const mask = this.slots.length - 1;
    const len = e - s;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const slot = this.slots[i]!;
      if (slot === 0) break;
      if (this.hashes[slot - 1] === h) {
        const start = this.starts[slot - 1]!;
        if (this.starts[slot]! - start === len && same(this.arena, start, buf, s, len)) return slot - 1;
      }
    }
    return this.insert(buf, s, e, h);
  }

  private insert(buf: Uint8Array, s: number, e: number, h: number): number {
    if (this.keys.length >= MAX_RAW) this.clear();
    const id = this.keys.length;
    // `starts` holds id + 1 entries (the next start closes each range), slots at most half full.
    if ((id + 2) * 2 > this.slots.length) this.grow();
    const len = e - s;
    if (this.used + len > this.arena.length) {
      const bigger = new Uint8Array(Math.max(this.arena.length * 2, this.used + len));
      bigger.set(this.arena.subarray(0, this.used));
      this.arena = bigger;
    }
    this.arena.set(buf.subarray(s, e), this.used);
    this.used += len;
    this.hashes[id] = h;
    this.starts[id + 1] = this.used;
    const decoded = this.normalise(Buffer.from(buf.buffer, buf.byteOffset + s, len).toString('utf8'));
    let key = this.canonical.get(decoded);
    if (key === undefined) this.canonical.set(decoded, (key = decoded));
    this.keys.push(key);
    this.place(id, h);
    return id;
  }

  private place(id: number, h: number): void {
    const mask = this.slots.length - 1;
    let i = h & mask;
    while (this.slots[i] !== 0) i = (i + 1) & mask;
    this.slots[i] = id + 1;
  }

  private grow(): void {
    const size = this.slots.length * 2;
    this.slots = new Int32Array(size);
    const hashes = new Int32Array(size);
    hashes.set(this.hashes);
    this.hashes = hashes;
    const starts = new Int32Array(size);
    starts.set(this.starts);
    this.starts = starts;
    for (let id = 0; id < this.keys.length; id++) this.place(id, this.hashes[id]!);
  }

  private clear(): void {
    this.slots = new Int32Array(INITIAL_SLOTS);
    this.hashes = new Int32Array(INITIAL_SLOTS);
    this.starts = new Int32Array(INITIAL_SLOTS);
    this.used = 0;
    this.keys.length = 0;
    this.canonical.clear();
    this.generation += 1;
  }
}

/** FNV-1a over bytes [s, e). */
export function hash32(buf: Uint8Array, s: number, e: number): number {
  // `| 0`: an int32 from the start, so the loop never boxes `h` as a double.
  let h = 0x811c9dc5 | 0;
  for (let i = s; i < e; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
  return h >>> 0;
}

/** A 52-bit hash of bytes [s, e): unique enough to pair request ids without decoding them. */
export function hash52(buf: Uint8Array, s: number, e: number): number {
  // Both hashes in one pass over the bytes: `hash32` (FNV-1a) and a djb2 variant for the low bits.
  let h = 0x811c9dc5 | 0;
  let g = 5381;
  for (let i = s; i < e; i++) {
    const b = buf[i]!;
    h = Math.imul(h ^ b, 0x01000193);
    g = Math.imul(g, 33) ^ b;
  }
  return (h >>> 0) * 0x100000 + ((g >>> 0) & 0xfffff);
}

function same(arena: Uint8Array, start: number, buf: Uint8Array, s: number, len: number): boolean {
  for (let i = 0; i < len; i++) if (arena[start + i] !== buf[s + i]) return false;
  return true;
}
