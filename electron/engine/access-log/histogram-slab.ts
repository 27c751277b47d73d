import type { DurationStats } from '../../../shared/model/access-log';
import { grown } from '../grown-array';
import { BUCKETS, highQuantileIn, statsIn, type HistogramColumns } from './histogram';
import { writeZeros } from './write-zeros';

/** A narrow counter holding this marks a histogram whose counters moved to 32 bits (`wide`). */
export const WIDE = 0xff;
/** The largest count a narrow counter holds (one below the mark). */
export const NARROW_LIMIT = WIDE - 1;

/** What a `TopK` asks of its keys' histograms: a `HistogramSlab`, or a `FlatHistogramSlab` in WebAssembly's memory. */
export type KeyHistograms = Pick<HistogramSlab, 'reserve' | 'add' | 'addColumn' | 'clear' | 'move' | 'stats' | 'pack'>;

/** Histograms per chunk, as a power of two: 256 × `BUCKETS` 8-bit counters, 50 KB. */
const CHUNK_BITS = 8;

/**
 * The counters of histograms numbered 0, 1, … (a key's slot) in typed arrays of `BUCKETS` each;
 * their count and maximum are kept by the owner, beside the key's other figures. Arrays and an
 * index, not an object per histogram: counting an operation reaches no object the GC traces and no
 * pointer to follow, only the counter's cache line. The counters are 8-bit (half the bytes of 16-bit ones
 * to fault in and keep in cache: a parse touches these at random, one line an operation, and most
 * buckets of a key hold a few counts); a histogram whose bucket would pass 254 moves to 32-bit
 * counters of its own (looked up by number in an array, not a Map: hot keys widen early and are
 * counted often) and its 8-bit ones are all set to a mark, so every figure stays exact and
 * counting reads only the counter it adds to.
 *
 * The counters sit in fixed chunks of 2^`chunkBits` histograms, added as histograms are reserved,
 * never copied: one array grown by doubling faulted in every page twice (the copy, then the new
 * half), and a first touch of a page costs ≈ 4–16 µs on this project's machines (a parse's page
 * faults were ≈ 10 % of its CPU).
 */
export class HistogramSlab {
  private readonly chunks: Uint8Array[] = [];
  private readonly shift: number;
  private readonly mask: number;
  /** 32-bit counters of the histograms that widened, by histogram number (holes: still narrow). */
  private readonly wide: Array<Uint32Array | undefined> = [];

  /** `chunkBits`: histograms per chunk as a power of two (small in tests, so they span chunks). */
  constructor(chunkBits = CHUNK_BITS) {
    this.shift = chunkBits;
    this.mask = (1 << chunkBits) - 1;
  }

  /** Room for histograms 0 … n − 1; new ones are empty. */
  reserve(n: number): void {
    while (this.chunks.length << this.shift < n) {
      const chunk = new Uint8Array((this.mask + 1) * BUCKETS);
      writeZeros(chunk);
      this.chunks.push(chunk);
    }
  }

  /** `n` more in bucket `bucket` of histogram `i`. */
  add(i: number, bucket: number, n: number): void {
    const counts = this.chunks[i >>> this.shift]!;
    const at = (i & this.mask) * BUCKETS + bucket;
    const c = counts[at]!;
    if (c !== WIDE && c + n <= NARROW_LIMIT) counts[at] = c + n;
    else this.widen(i)[bucket]! += n;
  }

  /** Histogram `i`'s 8-bit counters: its chunk and where they start there. */
  private narrow(i: number): [Uint8Array, number] {
    return [this.chunks[i >>> this.shift]!, (i & this.mask) * BUCKETS];
  }

  /** Histogram `i`'s 32-bit counters, moved there from its 8-bit ones the first time. */
  private widen(i: number): Uint32Array {
    let w = this.wide[i];
    if (w === undefined) {
      const [counts, base] = this.narrow(i);
      w = Uint32Array.from(counts.subarray(base, base + BUCKETS));
      counts.fill(WIDE, base, base + BUCKETS);
      this.setWide(i, w);
    }
    return w;
  }

  /** Holes filled up to `i` first: a write far past the end would turn the array into a dictionary. */
  private setWide(i: number, w: Uint32Array): void {
    while (this.wide.length < i) this.wide.push(undefined);
    this.wide[i] = w;
  }

  /** Adds histogram `j` of packed ones (`packHistograms`) to histogram `i` (its count and maximum are the caller's). */
  addColumn(i: number, cols: HistogramColumns, j: number): void {
    for (let k = j === 0 ? 0 : cols.ends[j - 1]!; k < cols.ends[j]!; k++) this.add(i, cols.buckets[k]!, cols.counts[k]!);
  }

  /** Histograms [from, to) emptied. */
  clear(from: number, to: number): void {
    for (let i = from; i < to;) {
      // To the end of i's chunk or `to`, whichever comes first: one fill per chunk.
      const end = Math.min(to, ((i >>> this.shift) + 1) << this.shift);
      const base = (i & this.mask) * BUCKETS;
      this.chunks[i >>> this.shift]?.fill(0, base, base + (end - i) * BUCKETS);
      i = end;
    }
    for (let i = from; i < Math.min(to, this.wide.length); i++) this.wide[i] = undefined;
  }

  /** Histogram `from`'s counters moved over histogram `to`'s (`from` must be emptied or moved over next). */
  move(from: number, to: number): void {
    const [source, s] = this.narrow(from);
    const [target, t] = this.narrow(to);
    target.set(source.subarray(s, s + BUCKETS), t);
    const w = this.wide[from];
    if (to < this.wide.length) this.wide[to] = undefined;
    if (w !== undefined) {
      this.setWide(to, w);
      this.wide[from] = undefined;
    }
  }

  stats(i: number, count: number, max: number): DurationStats {
    const w = this.wide[i];
    if (w !== undefined) return statsIn(w, 0, count, max);
    const [counts, base] = this.narrow(i);
    return statsIn(counts, base, count, max);
  }

  /** Histogram `i`'s q-quantile alone, q high (what `stats` gives for 0.95). */
  highQuantile(i: number, count: number, max: number, q: number): number | null {
    const w = this.wide[i];
    if (w !== undefined) return highQuantileIn(w, 0, count, max, q);
    return highQuantileIn(this.chunks[i >>> this.shift]!, (i & this.mask) * BUCKETS, count, max, q);
  }

  /** Histograms `order` packed as `packHistograms` packs histogram objects; histogram h's count and maximum are `meta[h × metaStride + metaAt]` and the next. */
  pack(order: ArrayLike<number>, meta: Float64Array, metaStride: number, metaAt: number): HistogramColumns {
    const quads = this.chunks.map(quadsOf);
    return packCounters(
      order,
      meta,
      metaStride,
      metaAt,
      (h) => this.wide[h] ?? null,
      (h) => [quads[h >>> this.shift]!, ((h & this.mask) * BUCKETS) >>> 2],
    );
  }
}

/** A byte array's bytes read four at a time (its length a multiple of 4, its start on a 4-byte boundary). */
export const quadsOf = (bytes: Uint8Array): Int32Array => new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length >>> 2);

/**
 * Histograms `order` packed (`pack`): histogram h's 32-bit counters when it has them (`wide(h)`, its
 * BUCKETS from the array's start), else its 8-bit ones (`narrow(h)`: them as quads, and the quad where
 * h's start).
 */
export function packCounters(
  order: ArrayLike<number>,
  meta: Float64Array,
  metaStride: number,
  metaAt: number,
  wide: (h: number) => Uint32Array | null,
  narrow: (h: number) => [Int32Array, number],
): HistogramColumns {
  // The counters read four at a time: most of a key's buckets are empty, and this pass over every
  // counter of every key is most of a worker's export, which ends the read when the worker ends last.
  // BUCKETS is a multiple of 4, so every histogram's counters start on a 4-byte boundary of its chunk.
  let buckets = new Uint8Array(Math.max(64, order.length * 16));
  let counts = new Uint32Array(buckets.length);
  const ends = new Uint32Array(order.length);
  const packedMeta = new Float64Array(order.length * 2);
  let w = 0;
  for (let o = 0; o < order.length; o++) {
    const h = order[o]!;
    while (w + BUCKETS > buckets.length) {
      buckets = grown(buckets);
      counts = grown(counts);
    }
    const wideCounts = wide(h);
    if (wideCounts === null) {
      const [quads, at] = narrow(h);
      w = packQuads(quads, at, buckets, counts, w);
    } else
      for (let b = 0; b < BUCKETS; b++) {
        const c = wideCounts[b]!;
        if (c === 0) continue;
        buckets[w] = b;
        counts[w++] = c;
      }
    ends[o] = w;
    packedMeta[o * 2] = meta[h * metaStride + metaAt]!;
    packedMeta[o * 2 + 1] = meta[h * metaStride + metaAt + 1]!;
  }
  // Copies of exactly what was written: a view would send its whole buffer to the other thread.
  return { buckets: buckets.slice(0, w), counts: counts.slice(0, w), ends, meta: packedMeta };
}

/** Bit offset of byte k of a 32-bit word read from a byte array (the platform's byte order). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const BYTE_SHIFT = [0, 1, 2, 3].map((k) => (LITTLE_ENDIAN ? k : 3 - k) * 8);

/** A histogram's non-empty 8-bit counters (BUCKETS / 4 words from `at`) written at `w` of the columns; returns the new end. */
function packQuads(quads: Int32Array, at: number, buckets: Uint8Array, counts: Uint32Array, w: number): number {
  for (let k = 0; k < BUCKETS >>> 2; k++) {
    const quad = quads[at + k]!;
    if (quad === 0) continue;
    for (let j = 0; j < 4; j++) {
      const c = (quad >>> BYTE_SHIFT[j]!) & 0xff;
      if (c === 0) continue;
      buckets[w] = k * 4 + j;
      counts[w++] = c;
    }
  }
  return w;
}
