import type { DurationStats } from '../../../shared/model/access-log';

/** Bucket i holds durations up to GROWTH^i ms: 10 % wide, 1 ms to over a day in 200 buckets. */
const GROWTH = 1.1;
export const BUCKETS = 200;
const LOG_GROWTH = Math.log(GROWTH);
const UPPER = Array.from({ length: BUCKETS }, (_, i) => Math.round(GROWTH ** i));

/** The bucket of a duration (ms ≥ 0). */
export function bucketOf(ms: number): number {
  return ms <= 1 ? 0 : Math.min(BUCKETS - 1, Math.ceil(Math.log(ms) / LOG_GROWTH - 1e-9));
}

/** Histograms per slab of a pool: one typed array for many, so making one is a bump of an index. */
const SLAB_HISTOGRAMS = 256;
/** The largest count a pooled (16-bit) counter holds; one more and its histogram moves to 32-bit counters of its own. */
const NARROW_MAX = 0xffff;

/** Counters of a histogram: 16-bit in a pool's slab, 32-bit once one overflows (and for histograms of their own). */
type Counters = Uint8Array | Uint16Array | Uint32Array;

/**
 * Where a tally's histograms live: slabs of `SLAB_HISTOGRAMS` × `BUCKETS` counters. An 800-byte typed
 * array per repository and node took ~5 µs each to make (off-heap, tracked by the GC), and growing JS
 * arrays made the heap larger to trace; released ranges are zeroed and used again, so memory follows
 * the histograms alive, not all ever made. The counters are 16-bit: a per-key histogram rarely
 * counts 65,535 operations in one bucket, and half the bytes are half the pages a parse faults in
 * and touches at random (tens of thousands of keys); one that does is widened (`DurationHistogram`).
 */
export class HistogramPool {
  private slab = new Uint16Array(0);
  private used = 0;
  private readonly freeSlabs: Uint16Array[] = [];
  private readonly freeBases: number[] = [];

  make(): DurationHistogram {
    return this.makeWith((pool, slab, base) => new DurationHistogram(pool, slab, base));
  }

  /** `make` for a subclass of `DurationHistogram`: `build` gets the counters' place. */
  makeWith<T extends DurationHistogram>(build: (pool: HistogramPool, slab: Uint16Array, base: number) => T): T {
    const freeSlab = this.freeSlabs.pop();
    const freeBase = this.freeBases.pop();
    if (freeSlab !== undefined && freeBase !== undefined) return build(this, freeSlab, freeBase);
    if (this.used === this.slab.length) {
      this.slab = new Uint16Array(SLAB_HISTOGRAMS * BUCKETS);
      this.used = 0;
    }
    const base = this.used;
    this.used += BUCKETS;
    return build(this, this.slab, base);
  }

  /** A histogram no longer used: its range is zeroed for the next `make`. */
  release(slab: Uint16Array, base: number): void {
    slab.fill(0, base, base + BUCKETS);
    this.freeSlabs.push(slab);
    this.freeBases.push(base);
  }
}

/** A histogram as sent between threads. */
export interface HistogramState {
  counts: Uint32Array;
  count: number;
  max: number;
}

/**
 * Many histograms as a few typed arrays, sparse (most per-key histograms have a handful of
 * non-empty buckets): sent between threads as buffers, where dense counters or an object per
 * histogram cost more to clone than reading the log range did.
 */
export interface HistogramColumns {
  /** Non-empty buckets of all histograms in turn: bucket index and count; histogram i's end at `ends[i]`. */
  buckets: Uint8Array;
  counts: Uint32Array;
  ends: Uint32Array;
  /** Per histogram: count, max. */
  meta: Float64Array;
}

export function packHistograms(hs: readonly DurationHistogram[]): HistogramColumns {
  let n = 0;
  for (const h of hs) n += h.nonEmpty();
  const cols = { buckets: new Uint8Array(n), counts: new Uint32Array(n), ends: new Uint32Array(hs.length), meta: new Float64Array(hs.length * 2) };
  let at = 0;
  hs.forEach((h, i) => {
    at = h.packInto(cols, at);
    cols.ends[i] = at;
    cols.meta[i * 2] = h.count;
    cols.meta[i * 2 + 1] = h.max;
  });
  return cols;
}

/** Durations in fixed buckets: constant memory however many are added, percentiles to within a bucket. */
export class DurationHistogram {
  count = 0;
  max = -1;

  /** Without a pool: a histogram of its own (the few per report that are not per key). */
  constructor(
    private pool: HistogramPool | null = null,
    private counts: Counters = new Uint32Array(BUCKETS),
    private base = 0,
  ) {}

  add(ms: number): void {
    this.addIn(bucketOf(ms), ms);
  }

  /** `add` with the bucket found once by `bucketOf`: one operation lands in several histograms. */
  addIn(bucket: number, ms: number): void {
    this.addCount(bucket, 1);
    this.count += 1;
    if (ms > this.max) this.max = ms;
  }

  /** Its counters, count and maximum, to be merged into another histogram (`mergeFrom`). */
  exportState(): HistogramState {
    return { counts: Uint32Array.from(this.counts.subarray(this.base, this.base + BUCKETS)), count: this.count, max: this.max };
  }

  /** Adds another histogram's durations (exactly: the same buckets). */
  mergeFrom(h: HistogramState): void {
    for (let i = 0; i < BUCKETS; i++) if (h.counts[i] !== 0) this.addCount(i, h.counts[i]!);
    this.count += h.count;
    if (h.max > this.max) this.max = h.max;
  }

  /** Adds histogram `i` of packed ones (`packHistograms`). */
  mergeColumn(cols: HistogramColumns, i: number): void {
    for (let k = i === 0 ? 0 : cols.ends[i - 1]!; k < cols.ends[i]!; k++) this.addCount(cols.buckets[k]!, cols.counts[k]!);
    this.count += cols.meta[i * 2]!;
    if (cols.meta[i * 2 + 1]! > this.max) this.max = cols.meta[i * 2 + 1]!;
  }

  /** `n` more in `bucket`, exactly: a pooled histogram whose counter would pass 16 bits moves to 32-bit counters first. */
  private addCount(bucket: number, n: number): void {
    const c = this.counts[this.base + bucket]! + n;
    // `pool` first: read on every add, so optimized code has seen it before a counter first passes 16 bits
    // (read then for the first time, it undid the optimized parse loop it was inlined into).
    if (this.pool !== null && c > NARROW_MAX) this.widen();
    this.counts[this.base + bucket] = c;
  }

  /** Its counters copied to a 32-bit array of its own; the pooled range goes back to the pool. */
  private widen(): void {
    const wide = Uint32Array.from(this.counts.subarray(this.base, this.base + BUCKETS));
    this.release();
    this.pool = null;
    this.counts = wide;
    this.base = 0;
  }

  nonEmpty(): number {
    let n = 0;
    for (let i = 0; i < BUCKETS; i++) if (this.counts[this.base + i] !== 0) n++;
    return n;
  }

  /** Writes its non-empty buckets into `cols` from `at`; returns where the next histogram starts. */
  packInto(cols: Pick<HistogramColumns, 'buckets' | 'counts'>, at: number): number {
    for (let i = 0; i < BUCKETS; i++) {
      const c = this.counts[this.base + i]!;
      if (c === 0) continue;
      cols.buckets[at] = i;
      cols.counts[at++] = c;
    }
    return at;
  }

  /** Gives the counters back to the pool it came from; the histogram must not be used after. */
  release(): void {
    // Only a pooled histogram's counters are 16-bit (`widen` leaves the pool for good).
    if (this.pool !== null) this.pool.release(this.counts as Uint16Array, this.base);
  }

  /** The upper edge of the bucket holding the q-quantile, never above the exact maximum. */
  quantile(q: number): number | null {
    return quantileIn(this.counts, this.base, this.count, this.max, q);
  }

  stats(): DurationStats {
    return statsIn(this.counts, this.base, this.count, this.max);
  }
}

/** The q-quantile of the histogram whose counters are `counts[base, base + BUCKETS)`: see `DurationHistogram.quantile`. */
function quantileIn(counts: Counters, base: number, count: number, max: number, q: number): number | null {
  if (count === 0) return null;
  const rank = Math.max(1, Math.ceil(q * count));
  let seen = 0;
  for (let i = 0; i < BUCKETS; i++) {
    seen += counts[base + i]!;
    if (seen >= rank) return Math.min(UPPER[i]!, max);
  }
  return max;
}

/**
 * `quantileIn` counted down from the maximum's bucket: the same bucket (the lowest whose counts up to
 * it reach the rank is the lowest with at most `count − rank` above it), in a few steps for a high
 * quantile, where counting up passes every bucket below it. `count` must be the counters' sum.
 */
export function highQuantileIn(counts: Counters, base: number, count: number, max: number, q: number): number | null {
  if (count === 0) return null;
  const limit = count - Math.max(1, Math.ceil(q * count));
  let i = bucketOf(max);
  for (let above = 0; i > 0 && above + counts[base + i]! <= limit; i--) above += counts[base + i]!;
  return Math.min(UPPER[i]!, max);
}

/** Count, p50, p95 and max of the histogram at `counts[base, base + BUCKETS)` holding `count` durations up to `max`. */
export function statsIn(counts: Counters, base: number, count: number, max: number): DurationStats {
  return { count, p50Ms: quantileIn(counts, base, count, max, 0.5), p95Ms: quantileIn(counts, base, count, max, 0.95), maxMs: count === 0 ? null : max };
}
