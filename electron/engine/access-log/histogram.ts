import type { DurationStats } from '../../../shared/model/access-log';

/** Bucket i holds durations up to GROWTH^i ms: 10 % wide, 1 ms to over a day in 200 buckets. */
const GROWTH = 1.1;
const BUCKETS = 200;
const LOG_GROWTH = Math.log(GROWTH);
const UPPER = Array.from({ length: BUCKETS }, (_, i) => Math.round(GROWTH ** i));

/** The bucket of a duration (ms ≥ 0). */
export function bucketOf(ms: number): number {
  return ms <= 1 ? 0 : Math.min(BUCKETS - 1, Math.ceil(Math.log(ms) / LOG_GROWTH - 1e-9));
}

/**
 * Durations in fixed buckets: memory bounded however many are added, percentiles to within a bucket.
 * The counts grow only up to the highest bucket used, in the JS heap: one histogram per repository
 * and node made a fixed 800-byte typed array each (off-heap, ~5 µs apiece to make), which was a
 * tenth of a parse.
 */
export class DurationHistogram {
  private readonly counts: number[] = [];
  count = 0;
  max = -1;

  add(ms: number): void {
    this.addIn(bucketOf(ms), ms);
  }

  /** `add` with the bucket found once by `bucketOf`: one operation lands in several histograms. */
  addIn(bucket: number, ms: number): void {
    const counts = this.counts;
    while (counts.length <= bucket) counts.push(0);
    counts[bucket]! += 1;
    this.count += 1;
    if (ms > this.max) this.max = ms;
  }

  /** The upper edge of the bucket holding the q-quantile, never above the exact maximum. */
  quantile(q: number): number | null {
    if (this.count === 0) return null;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return Math.min(UPPER[i]!, this.max);
    }
    return this.max;
  }

  stats(): DurationStats {
    return { count: this.count, p50Ms: this.quantile(0.5), p95Ms: this.quantile(0.95), maxMs: this.count === 0 ? null : this.max };
  }
}
