import type { DurationStats } from '../../../shared/model/access-log';
import { BUCKETS, NARROW_MAX, statsIn, type HistogramColumns } from './histogram';

/**
 * The counters of histograms numbered 0, 1, … (a key's slot) in one typed array, `BUCKETS` each;
 * their count and maximum are kept by the owner, beside the key's other figures. One array and an
 * index, not an object per histogram: counting an operation reaches no object the GC traces and no
 * pointer to follow, only the counter's cache line. The counters are 16-bit (half the bytes to fault
 * in and keep in cache); a count past 65,535 in any bucket moves the whole slab to 32-bit counters,
 * so every figure stays exact (a per-key bucket rarely gets there: memory doubles only then).
 */
export class HistogramSlab {
  counts: Uint16Array | Uint32Array = new Uint16Array(0);

  /** Room for histograms 0 … n − 1; new ones are empty. */
  reserve(n: number): void {
    const have = this.counts.length / BUCKETS;
    if (n <= have) return;
    let size = Math.max(64, have);
    while (size < n) size *= 2;
    const bigger = this.counts instanceof Uint16Array ? new Uint16Array(size * BUCKETS) : new Uint32Array(size * BUCKETS);
    bigger.set(this.counts);
    this.counts = bigger;
  }

  /** `n` more in bucket `bucket` of histogram `i`. */
  add(i: number, bucket: number, n: number): void {
    const at = i * BUCKETS + bucket;
    const c = this.counts[at]! + n;
    if (c > NARROW_MAX && this.counts instanceof Uint16Array) this.counts = Uint32Array.from(this.counts);
    this.counts[at] = c;
  }

  /** Adds histogram `j` of packed ones (`packHistograms`) to histogram `i` (its count and maximum are the caller's). */
  addColumn(i: number, cols: HistogramColumns, j: number): void {
    for (let k = j === 0 ? 0 : cols.ends[j - 1]!; k < cols.ends[j]!; k++) this.add(i, cols.buckets[k]!, cols.counts[k]!);
  }

  /** Histograms [from, to) emptied. */
  clear(from: number, to: number): void {
    this.counts.fill(0, from * BUCKETS, to * BUCKETS);
  }

  /** Histogram `from`'s counters copied over histogram `to`'s. */
  move(from: number, to: number): void {
    this.counts.copyWithin(to * BUCKETS, from * BUCKETS, (from + 1) * BUCKETS);
  }

  stats(i: number, count: number, max: number): DurationStats {
    return statsIn(this.counts, i * BUCKETS, count, max);
  }

  /** Histograms `order` packed as `packHistograms` packs histogram objects; histogram h's count and maximum are `meta[h × metaStride + metaAt]` and the next. */
  pack(order: ArrayLike<number>, meta: Float64Array, metaStride: number, metaAt: number): HistogramColumns {
    const counts = this.counts;
    let n = 0;
    for (let o = 0; o < order.length; o++) for (let at = order[o]! * BUCKETS, end = at + BUCKETS; at < end; at++) if (counts[at] !== 0) n++;
    const cols = { buckets: new Uint8Array(n), counts: new Uint32Array(n), ends: new Uint32Array(order.length), meta: new Float64Array(order.length * 2) };
    let w = 0;
    for (let o = 0; o < order.length; o++) {
      const h = order[o]!;
      for (let b = 0; b < BUCKETS; b++) {
        const c = counts[h * BUCKETS + b]!;
        if (c === 0) continue;
        cols.buckets[w] = b;
        cols.counts[w++] = c;
      }
      cols.ends[o] = w;
      cols.meta[o * 2] = meta[h * metaStride + metaAt]!;
      cols.meta[o * 2 + 1] = meta[h * metaStride + metaAt + 1]!;
    }
    return cols;
  }
}
