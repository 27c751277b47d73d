import type { CacheCounts, CacheOutcome, DurationStats, TopEntry } from '../../../shared/model/access-log';
import { DurationHistogram } from './histogram';

interface Tally {
  operations: number;
  totalMs: number;
  error: number;
  durations: DurationHistogram | null;
  cache: CacheCounts | null;
}

/**
 * Per-key tallies in bounded memory: up to 2×capacity keys are kept; past that the half with the
 * fewest operations is dropped (their largest count becomes the error bound of keys that return),
 * so a log with millions of distinct users or IPs stays in a few megabytes and the heavy hitters
 * stay exact or nearly so.
 */
export class TopK {
  private readonly tallies = new Map<string, Tally>();
  private floor = 0;

  /** `durations`: keep a duration histogram per key (repositories), not only the total; `cache`: count cache outcomes too. */
  constructor(
    private readonly capacity: number,
    private readonly durations: boolean,
    private readonly cache = false,
  ) {}

  add(key: string, durationMs: number, outcome?: CacheOutcome): void {
    let t = this.tallies.get(key);
    if (t === undefined) {
      if (this.tallies.size >= this.capacity * 2) this.prune();
      t = {
        operations: this.floor,
        totalMs: 0,
        error: this.floor,
        durations: this.durations ? new DurationHistogram() : null,
        cache: this.cache ? { hit: 0, miss: 0, none: 0 } : null,
      };
      this.tallies.set(key, t);
    }
    t.operations += 1;
    if (t.cache !== null && outcome !== undefined) t.cache[outcome] += 1;
    if (durationMs >= 0) {
      t.totalMs += durationMs;
      t.durations?.add(durationMs);
    }
  }

  /** The `n` keys with most operations or (by: 'time') most total time. */
  top(n: number, by: 'operations' | 'time' = 'operations'): TopEntry[] {
    const order =
      by === 'operations' ? (a: Tally, b: Tally) => b.operations - a.operations || b.totalMs - a.totalMs : (a: Tally, b: Tally) => b.totalMs - a.totalMs;
    return [...this.tallies.entries()]
      .sort((a, b) => order(a[1], b[1]) || (a[0] < b[0] ? -1 : 1))
      .slice(0, n)
      .map(([key, t]) => ({ key, operations: t.operations, totalMs: t.totalMs, error: t.error, durations: t.durations?.stats() ?? null }));
  }

  /** Every key kept, with its count, duration figures and cache outcomes (when kept). */
  *entries(): Generator<[string, { operations: number; durations: DurationStats | null; cache: CacheCounts | null }]> {
    for (const [key, t] of this.tallies) yield [key, { operations: t.operations, durations: t.durations?.stats() ?? null, cache: t.cache }];
  }

  private prune(): void {
    const sorted = [...this.tallies.entries()].sort((a, b) => b[1].operations - a[1].operations);
    this.floor = sorted[this.capacity - 1]?.[1].operations ?? this.floor;
    for (const [key] of sorted.slice(this.capacity)) this.tallies.delete(key);
  }
}
