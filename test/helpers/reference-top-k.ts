// The per-key tallies as they were before their figures moved to typed columns (Tally objects,
// a Map of keys, a node Map per key): the reference the columnar TopK is checked against.
import type { CacheCounts, CacheOutcome, DurationStats, TopEntry } from '../../shared/model/access-log';
import { bucketOf, DurationHistogram, HistogramPool, packHistograms, type HistogramColumns } from '../../electron/engine/access-log/histogram';

/** Counters of the tallies of a list without duration histograms (users, addresses): never written. */
const NO_COUNTS = new Uint32Array(0);

/**
 * A key's figures. It is its own duration histogram (when `timed`): counting an operation reaches
 * one object and its counters, where a tally pointing to a histogram object cost one more cache
 * miss per operation on logs with thousands of keys (the largest cost of a parse's profile).
 */
class Tally extends DurationHistogram {
  operations: number;
  totalMs = 0;
  error: number;

  constructor(
    pool: HistogramPool | null,
    slab: Uint16Array | Uint32Array,
    base: number,
    floor: number,
    readonly timed: boolean,
    readonly cache: CacheCounts | null,
    /** Durations per node that served the key (repositories' clones: which node is slow for this one). */
    readonly byNode: Map<string, DurationHistogram> | null,
  ) {
    super(pool, slab, base);
    this.operations = floor;
    this.error = floor;
  }
}

/** A list's tallies as sent between threads: columns (typed arrays), not an object per key. */
interface TopKState {
  keys: string[];
  /** Per key: operations, total ms, error. */
  nums: Float64Array;
  durations: HistogramColumns | null;
  /** Per key: hit, miss, none. */
  cache: Uint32Array | null;
  /** Per-node histograms: the index of the key each belongs to, its node, its counters. */
  nodeOwners: Uint32Array;
  nodeKeys: string[];
  nodeDurations: HistogramColumns;
}

interface NodeDurations {
  node: string;
  durations: DurationStats;
}

/**
 * Per-key tallies in bounded memory: up to 2×capacity keys are kept; past that the half with the
 * fewest operations is dropped (their largest count becomes the error bound of keys that return),
 * so a log with millions of distinct users or IPs stays in a few megabytes and the heavy hitters
 * stay exact or nearly so.
 */
export class ReferenceTopK {
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
      if (t.timed) t.addIn(bucket, durationMs);
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
      const floor = this.floor;
      const cache = this.cache ? { hit: 0, miss: 0, none: 0 } : null;
      const byNode = this.perNode ? new Map<string, DurationHistogram>() : null;
      t = this.durations
        ? this.pool.makeWith((pool, slab, base) => new Tally(pool, slab, base, floor, true, cache, byNode))
        : new Tally(null, NO_COUNTS, 0, floor, false, cache, byNode);
      this.tallies.set(key, t);
    }
    return t;
  }

  exportState(): TopKState {
    const tallies = [...this.tallies.values()];
    const n = tallies.length;
    const nums = new Float64Array(n * 3);
    const cache = this.cache ? new Uint32Array(n * 3) : null;
    const nodeOwners: number[] = [];
    const nodeKeys: string[] = [];
    const nodeHistograms: DurationHistogram[] = [];
    tallies.forEach((t, i) => {
      nums[i * 3] = t.operations;
      nums[i * 3 + 1] = t.totalMs;
      nums[i * 3 + 2] = t.error;
      if (cache !== null && t.cache !== null) cache.set([t.cache.hit, t.cache.miss, t.cache.none], i * 3);
      for (const [node, h] of t.byNode ?? []) {
        nodeOwners.push(i);
        nodeKeys.push(node);
        nodeHistograms.push(h);
      }
    });
    return {
      keys: [...this.tallies.keys()],
      nums,
      durations: this.durations ? packHistograms(tallies) : null,
      cache,
      nodeOwners: Uint32Array.from(nodeOwners),
      nodeKeys,
      nodeDurations: packHistograms(nodeHistograms),
    };
  }

  /** Adds another list's tallies key by key (exact while neither list was pruned). */
  mergeFrom(s: TopKState): void {
    let j = 0;
    s.keys.forEach((key, i) => {
      // A new key starts at the floor (what a pruned key may have had), as `add` starts it.
      const t = this.tally(key);
      t.operations += s.nums[i * 3]!;
      t.totalMs += s.nums[i * 3 + 1]!;
      t.error += s.nums[i * 3 + 2]!;
      if (s.durations !== null && t.timed) t.mergeColumn(s.durations, i);
      if (t.cache !== null && s.cache !== null) {
        t.cache.hit += s.cache[i * 3]!;
        t.cache.miss += s.cache[i * 3 + 1]!;
        t.cache.none += s.cache[i * 3 + 2]!;
      }
      // Per-node histograms come in key order.
      for (; j < s.nodeOwners.length && s.nodeOwners[j] === i; j++) {
        if (t.byNode === null) continue;
        const node = s.nodeKeys[j]!;
        let mine = t.byNode.get(node);
        if (mine === undefined) t.byNode.set(node, (mine = this.pool.make()));
        mine.mergeColumn(s.nodeDurations, j);
      }
    });
    this.byId = [];
  }

  /** The `n` keys with most operations or (by: 'time') most total time. */
  top(n: number, by: 'operations' | 'time' = 'operations'): TopEntry[] {
    const order =
      by === 'operations' ? (a: Tally, b: Tally) => b.operations - a.operations || b.totalMs - a.totalMs : (a: Tally, b: Tally) => b.totalMs - a.totalMs;
    const compare = (a: [string, Tally], b: [string, Tally]): number => order(a[1], b[1]) || (a[0] < b[0] ? -1 : 1);
    // The first n of a total order (keys are unique) kept as they come: sorting every key (tens of
    // thousands, six lists a report) cost more than reading a range of the log.
    const best: Array<[string, Tally]> = [];
    if (n > 0)
      for (const entry of this.tallies) {
        if (best.length === n && compare(entry, best[n - 1]!) >= 0) continue;
        let i = best.length;
        while (i > 0 && compare(entry, best[i - 1]!) < 0) i--;
        best.splice(i, 0, entry);
        if (best.length > n) best.pop();
      }
    return best.map(([key, t]) => ({ key, operations: t.operations, totalMs: t.totalMs, error: t.error, durations: t.timed ? t.stats() : null }));
  }

  /** Every key kept, with its count, duration figures, cache outcomes and per-node durations (when kept; nodes by name). */
  *entries(): Generator<[string, { operations: number; durations: DurationStats | null; cache: CacheCounts | null; byNode: NodeDurations[] }]> {
    for (const [key, t] of this.tallies)
      yield [key, { operations: t.operations, durations: t.timed ? t.stats() : null, cache: t.cache, byNode: t.byNode === null ? [] : nodeStats(t.byNode) }];
  }

  /** Every key kept with its operation count: `entries` without reading any histogram. */
  *operationCounts(): Generator<[string, number]> {
    for (const [key, t] of this.tallies) yield [key, t.operations];
  }

  /** Every key kept with its per-node durations (nodes by name): `entries` without the rest. */
  *nodeDurations(): Generator<[string, NodeDurations[]]> {
    for (const [key, t] of this.tallies) yield [key, t.byNode === null ? [] : nodeStats(t.byNode)];
  }

  private prune(): void {
    const sorted = [...this.tallies.entries()].sort((a, b) => b[1].operations - a[1].operations);
    this.floor = sorted[this.capacity - 1]?.[1].operations ?? this.floor;
    for (const [key, t] of sorted.slice(this.capacity)) {
      this.tallies.delete(key);
      t.release();
      if (t.byNode !== null) for (const h of t.byNode.values()) h.release();
    }
    this.byId = [];
  }
}

/** Per-node figures, nodes by name. */
const nodeStats = (nodes: Map<string, DurationHistogram>): NodeDurations[] =>
  [...nodes.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([node, h]) => ({ node, durations: h.stats() }));
