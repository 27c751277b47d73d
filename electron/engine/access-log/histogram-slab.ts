import type { DurationStats } from '../../../shared/model/access-log';
import { grown } from '../grown-array';
import { BUCKETS, statsIn, type HistogramColumns } from './histogram';

/** A narrow counter holding this marks a histogram whose counters moved to 32 bits (`wide`). */
const WIDE = 0xffff;
/** The largest count a narrow counter holds (one below the mark). */
const NARROW_LIMIT = WIDE - 1;

/**
 * The counters of histograms numbered 0, 1, … (a key's slot) in one typed array, `BUCKETS` each;
 * their count and maximum are kept by the owner, beside the key's other figures. One array and an
 * index, not an object per histogram: counting an operation reaches no object the GC traces and no
 * pointer to follow, only the counter's cache line. The counters are 16-bit (half the bytes to fault
 * in and keep in cache); a histogram whose bucket would pass 65,534 moves to 32-bit counters of its
 * own and its 16-bit ones are all set to a mark, so every figure stays exact and counting reads only
 * the counter it adds to.
 */
export class HistogramSlab {
  private counts = new Uint16Array(0);
  private readonly wide = new Map<number, Uint32Array>();

  /** Room for histograms 0 … n − 1; new ones are empty. */
  reserve(n: number): void {
    const have = this.counts.length / BUCKETS;
    if (n <= have) return;
    let size = Math.max(64, have);
    while (size < n) size *= 2;
    const bigger = new Uint16Array(size * BUCKETS);
    bigger.set(this.counts);
    this.counts = bigger;
  }

  /** `n` more in bucket `bucket` of histogram `i`. */
  add(i: number, bucket: number, n: number): void {
    const at = i * BUCKETS + bucket;
    const c = this.counts[at]!;
    if (c !== WIDE && c + n <= NARROW_LIMIT) this.counts[at] = c + n;
    else this.widen(i)[bucket]! += n;
  }

  /** Histogram `i`'s 32-bit counters, moved there from its 16-bit ones the first time. */
  private widen(i: number): Uint32Array {
    let w = this.wide.get(i);
    if (w === undefined) {
      w = Uint32Array.from(this.counts.subarray(i * BUCKETS, (i + 1) * BUCKETS));
      this.counts.fill(WIDE, i * BUCKETS, (i + 1) * BUCKETS);
      this.wide.set(i, w);
    }
    return w;
  }

  /** Adds histogram `j` of packed ones (`packHistograms`) to histogram `i` (its count and maximum are the caller's). */
  addColumn(i: number, cols: HistogramColumns, j: number): void {
    for (let k = j === 0 ? 0 : cols.ends[j - 1]!; k < cols.ends[j]!; k++) this.add(i, cols.buckets[k]!, cols.counts[k]!);
  }

  /** Histograms [from, to) emptied. */
  clear(from: number, to: number): void {
    this.counts.fill(0, from * BUCKETS, to * BUCKETS);
    for (const i of [...this.wide.keys()]) if (i >= from && i < to) this.wide.delete(i);
  }

  /** Histogram `from`'s counters moved over histogram `to`'s (`from` must be emptied or moved over next). */
  move(from: number, to: number): void {
    this.counts.copyWithin(to * BUCKETS, from * BUCKETS, (from + 1) * BUCKETS);
    const w = this.wide.get(from);
    this.wide.delete(to);
    if (w !== undefined) {
      this.wide.set(to, w);
      this.wide.delete(from);
    }
  }

  stats(i: number, count: number, max: number): DurationStats {
    const w = this.wide.get(i);
    return w === undefined ? statsIn(this.counts, i * BUCKETS, count, max) : statsIn(w, 0, count, max);
  }

  /** Histograms `order` packed as `packHistograms` packs histogram objects; histogram h's count and maximum are `meta[h × metaStride + metaAt]` and the next. */
  pack(order: ArrayLike<number>, meta: Float64Array, metaStride: number, metaAt: number): HistogramColumns {
    const of = (h: number): [Uint16Array | Uint32Array, number] => {
      const w = this.wide.get(h);
      return w === undefined ? [this.counts, h * BUCKETS] : [w, 0];
    };
    // One pass over the counters (they are most of the export's reads), into columns that grow.
    let buckets = new Uint8Array(Math.max(64, order.length * 16));
    let counts = new Uint32Array(buckets.length);
    const ends = new Uint32Array(order.length);
    const packedMeta = new Float64Array(order.length * 2);
    let w = 0;
    for (let o = 0; o < order.length; o++) {
      const h = order[o]!;
      const [from, base] = of(h);
      while (w + BUCKETS > buckets.length) {
        buckets = grown(buckets);
        counts = grown(counts);
      }
      for (let b = 0; b < BUCKETS; b++) {
        const c = from[base + b]!;
        if (c === 0) continue;
        buckets[w] = b;
        counts[w++] = c;
      }
      ends[o] = w;
      packedMeta[o * 2] = meta[h * metaStride + metaAt]!;
      packedMeta[o * 2 + 1] = meta[h * metaStride + metaAt + 1]!;
    }
    // Copies of exactly what was written: a view would send its whole buffer to the other thread.
    const cols = { buckets: buckets.slice(0, w), counts: counts.slice(0, w), ends, meta: packedMeta };
    return cols;
  }
}
