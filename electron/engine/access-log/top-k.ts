import type { CacheCounts, CacheOutcome, DurationStats, TopEntry } from '../../../shared/model/access-log';
import { bucketOf, HistogramPool, type DurationHistogram, type HistogramState } from './histogram';

interface Tally {
  operations: number;
  totalMs: number;
  error: number;
  durations: DurationHistogram | null;
  cache: CacheCounts | null;
  /** Durations per node that served the key (repositories' clones: which node is slow for this one). */
  byNode: Map<string, DurationHistogram> | null;
}

/** A tally as sent between threads. */
export interface TallyState {
  key: string;
  operations: number;
  totalMs: number;
  error: number;
  durations: HistogramState | null;
  cache: CacheCounts | null;
  byNode: Array<[string, HistogramState]> | null;
}

export interface NodeDurations {
  node: string;
  durations: DurationStats;
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
  /** Tallies by a `ByteKeys` id (of `idGeneration`), so a line's key is not looked up by string. */
  private byId: Array<Tally | undefined> = [];
  private idGeneration = -1;
  private readonly pool = new HistogramPool();

  /** `durations`: keep a duration histogram per key (repositories), not only the total; `cache`: count cache outcomes too. */
  constructor(
    private readonly capacity: number,
    private readonly durations: boolean,
    private readonly cache = false,
    private readonly perNode = false,
  ) {}

  add(key: string, durationMs: number, outcome?: CacheOutcome): void {
    this.count(this.tally(key), durationMs, durationMs >= 0 ? bucketOf(durationMs) : 0, outcome);
  }

  /** `add` for the key with id `id` of `ByteKeys` generation `generation`; `bucket` is `bucketOf(durationMs)`. */
  addById(id: number, generation: number, key: string, durationMs: number, bucket: number, outcome?: CacheOutcome, node?: string): void {
    if (generation !== this.idGeneration) {
      this.byId = [];
      this.idGeneration = generation;
    }
    const byId = this.byId;
    // Filled up to `id` so the array stays dense: ids arrive out of order, and holes turn it into a slow dictionary.
    while (byId.length <= id) byId.push(undefined);
    let t = byId[id];
    if (t === undefined) {
      t = this.tally(key);
      // After `tally`: a prune there replaces `byId`.
      this.byId[id] = t;
    }
    this.count(t, durationMs, bucket, outcome, node);
  }

  private count(t: Tally, durationMs: number, bucket: number, outcome: CacheOutcome | undefined, node?: string): void {
    t.operations += 1;
    if (t.cache !== null && outcome !== undefined) t.cache[outcome] += 1;
    if (durationMs >= 0) {
      t.totalMs += durationMs;
      t.durations?.addIn(bucket, durationMs);
      if (t.byNode !== null && node !== undefined) {
        let h = t.byNode.get(node);
        if (h === undefined) t.byNode.set(node, (h = this.pool.make()));
        h.addIn(bucket, durationMs);
      }
    }
  }

  private tally(key: string): Tally {
    let t = this.tallies.get(key);
    if (t === undefined) {
      if (this.tallies.size >= this.capacity * 2) this.prune();
      t = {
        operations: this.floor,
        totalMs: 0,
        error: this.floor,
        durations: this.durations ? this.pool.make() : null,
        cache: this.cache ? { hit: 0, miss: 0, none: 0 } : null,
        byNode: this.perNode ? new Map() : null,
      };
      this.tallies.set(key, t);
    }
    return t;
  }

  exportState(): TallyState[] {
    return [...this.tallies].map(([key, t]) => ({
      key,
      operations: t.operations,
      totalMs: t.totalMs,
      error: t.error,
      durations: t.durations?.exportState() ?? null,
      cache: t.cache,
      byNode: t.byNode === null ? null : [...t.byNode].map(([node, h]) => [node, h.exportState()]),
    }));
  }

  /** Adds another list's tallies key by key (exact while neither list was pruned). */
  mergeFrom(states: readonly TallyState[]): void {
    for (const s of states) {
      // A new key starts at the floor (what a pruned key may have had), as `add` starts it.
      const t = this.tally(s.key);
      t.operations += s.operations;
      t.error += s.error;
      t.totalMs += s.totalMs;
      if (s.durations !== null) t.durations?.mergeFrom(s.durations);
      if (t.cache !== null && s.cache !== null) for (const o of ['hit', 'miss', 'none'] as const) t.cache[o] += s.cache[o];
      if (t.byNode !== null && s.byNode !== null)
        for (const [node, h] of s.byNode) {
          let mine = t.byNode.get(node);
          if (mine === undefined) t.byNode.set(node, (mine = this.pool.make()));
          mine.mergeFrom(h);
        }
    }
    this.byId = [];
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

  /** Every key kept, with its count, duration figures, cache outcomes and per-node durations (when kept; nodes by name). */
  *entries(): Generator<[string, { operations: number; durations: DurationStats | null; cache: CacheCounts | null; byNode: NodeDurations[] }]> {
    for (const [key, t] of this.tallies)
      yield [key, { operations: t.operations, durations: t.durations?.stats() ?? null, cache: t.cache, byNode: t.byNode === null ? [] : nodeStats(t.byNode) }];
  }

  private prune(): void {
    const sorted = [...this.tallies.entries()].sort((a, b) => b[1].operations - a[1].operations);
    this.floor = sorted[this.capacity - 1]?.[1].operations ?? this.floor;
    for (const [key, t] of sorted.slice(this.capacity)) {
      this.tallies.delete(key);
      t.durations?.release();
      if (t.byNode !== null) for (const h of t.byNode.values()) h.release();
    }
    this.byId = [];
  }
}

/** Per-node figures, nodes by name. */
export const nodeStats = (nodes: Map<string, DurationHistogram>): NodeDurations[] =>
  [...nodes.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([node, h]) => ({ node, durations: h.stats() }));
