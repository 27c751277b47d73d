import type { Rng } from '../prng';

/**
 * Draws ranks 0…n-1 with probability ∝ 1/(rank+1)^s: a few repositories take most of the CI
 * traffic, as in real instances. The cumulative weights are rebuilt only when n grows.
 */
export class ZipfSampler {
  private cdf = new Float64Array(0);

  constructor(private readonly exponent: number) {}

  /** Grows (or shrinks) the population; ranks keep their weights. */
  resize(n: number): void {
    if (n === this.cdf.length) return;
    const next = new Float64Array(n);
    let total = 0;
    for (let i = 0; i < n; i += 1) {
      total += 1 / (i + 1) ** this.exponent;
      next[i] = total;
    }
    this.cdf = next;
  }

  /** The share of all draws that rank `rank` gets. */
  share(rank: number): number {
    const n = this.cdf.length;
    if (rank < 0 || rank >= n) return 0;
    return 1 / (rank + 1) ** this.exponent / (this.cdf[n - 1] as number);
  }

  /** A rank, or -1 when the population is empty. */
  draw(rng: Rng): number {
    const n = this.cdf.length;
    if (n === 0) return -1;
    const target = rng.next() * (this.cdf[n - 1] as number);
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cdf[mid] as number) > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
