import type { DurationStats } from '../../../shared/model/access-log';
import { BUCKETS, statsIn, type HistogramColumns } from './histogram';
import { NARROW_LIMIT, packCounters, quadsOf, WIDE, type KeyHistograms } from './histogram-slab';
import { writeZeros } from './write-zeros';

/** Histograms whose 8-bit rows are written (zeros) at a time, ahead of the first counted into (write-zeros.ts). */
const WRITE_AHEAD = 256;

/**
 * `HistogramSlab`'s counters in two fixed arrays indexed by histogram number: `narrow`, 8-bit
 * counters, and `wide`, a 32-bit row per histogram used once one of its counters would pass 254 (its
 * 8-bit ones are then all set to the mark, so whether a histogram is wide is its first counter's
 * business). The arrays are views of a WebAssembly instance's memory that counts into them too
 * (wasm/tally.ts), the same way: widening copies the whole row, so a row left behind by a cleared or
 * moved histogram is never read. Every figure is `HistogramSlab`'s (a property test holds them equal).
 */
export class FlatHistogramSlab implements KeyHistograms {
  private readonly quads: Int32Array;
  /** Histograms 0 … written − 1 have had their 8-bit rows written: never-used rows further on are untouched (not resident). */
  private written = 0;

  constructor(
    private readonly narrow: Uint8Array,
    private readonly wide: Uint32Array,
  ) {
    this.quads = quadsOf(narrow);
  }

  /** Histograms 0 … n − 1 fit (the arrays are as large as they will be). */
  reserve(n: number): void {
    if (n * BUCKETS > this.narrow.length) throw new Error(`A fixed histogram slab holds ${this.narrow.length / BUCKETS} histograms, not ${n}.`);
    if (n <= this.written) return;
    const to = Math.min(this.narrow.length / BUCKETS, Math.max(n, this.written + WRITE_AHEAD));
    // Rows past `written` were never used, so they hold zeros already: this only writes their pages.
    writeZeros(this.narrow, this.written * BUCKETS, to * BUCKETS);
    this.written = to;
  }

  add(i: number, bucket: number, n: number): void {
    const at = i * BUCKETS + bucket;
    const c = this.narrow[at]!;
    if (c !== WIDE && c + n <= NARROW_LIMIT) this.narrow[at] = c + n;
    else {
      if (c !== WIDE) this.widen(i);
      this.wide[at]! += n;
    }
  }

  private widen(i: number): void {
    const base = i * BUCKETS;
    for (let b = 0; b < BUCKETS; b++) this.wide[base + b] = this.narrow[base + b]!;
    this.narrow.fill(WIDE, base, base + BUCKETS);
  }

  private isWide(i: number): boolean {
    return this.narrow[i * BUCKETS] === WIDE;
  }

  addColumn(i: number, cols: HistogramColumns, j: number): void {
    for (let k = j === 0 ? 0 : cols.ends[j - 1]!; k < cols.ends[j]!; k++) this.add(i, cols.buckets[k]!, cols.counts[k]!);
  }

  clear(from: number, to: number): void {
    this.narrow.fill(0, from * BUCKETS, to * BUCKETS);
  }

  move(from: number, to: number): void {
    this.narrow.copyWithin(to * BUCKETS, from * BUCKETS, (from + 1) * BUCKETS);
    if (this.isWide(from)) this.wide.copyWithin(to * BUCKETS, from * BUCKETS, (from + 1) * BUCKETS);
  }

  stats(i: number, count: number, max: number): DurationStats {
    return statsIn(this.isWide(i) ? this.wide : this.narrow, i * BUCKETS, count, max);
  }

  pack(order: ArrayLike<number>, meta: Float64Array, metaStride: number, metaAt: number): HistogramColumns {
    return packCounters(
      order,
      meta,
      metaStride,
      metaAt,
      (h) => (this.isWide(h) ? this.wide.subarray(h * BUCKETS, (h + 1) * BUCKETS) : null),
      (h) => [this.quads, (h * BUCKETS) >>> 2],
    );
  }
}
