import type { CacheCounts, CacheOutcome, DurationStats, TopEntry } from '../../../shared/model/access-log';
import { bucketOf, packHistograms, type DurationHistogram, type HistogramColumns } from './histogram';
import { slowAgainstOthers, type SlowCloneNode } from '../../../shared/logic/slow-clone-nodes';
import { grown } from '../grown-array';
import { HistogramSlab, type KeyHistograms } from './histogram-slab';
import { KeyNodeHistograms, NodeIndex } from './key-node-histograms';
import { writeZeros } from './write-zeros';

/** A list's tallies as sent between threads: columns (typed arrays), not an object per key. */
export interface TopKState {
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

export interface NodeDurations {
  node: string;
  durations: DurationStats;
}

/**
 * Where a list keeps its figures when they live in fixed arrays (views of WebAssembly's memory that
 * counts into them: top-lists-tally.ts): rows of `nums` for 2 × capacity keys at least, slots + 1 by
 * key id for every id a key table gives, and the histograms.
 */
export interface TopKCells {
  nums: Float64Array;
  idSlots: Int32Array;
  slab: KeyHistograms | null;
}

/** A key's figures in its row of `nums`: operations, total ms, error bound, durations counted and their maximum, then hit, miss, none. */
const OPS = 0;
const TOTAL = 1;
const ERROR = 2;
const COUNT = 3;
const MAX = 4;
const HIT = 5;
/** Cache outcomes as offsets from `HIT`. */
export const OUTCOME_INDEX: Readonly<Record<CacheOutcome, number>> = { hit: 0, miss: 1, none: 2 };

/**
 * Per-key tallies in bounded memory: up to 2×capacity keys are kept; past that the half with the
 * fewest operations is dropped (their largest count becomes the error bound of keys that return),
 * so a log with millions of distinct users or IPs stays in a few megabytes and the heavy hitters
 * stay exact or nearly so.
 *
 * Each key has a slot (dense, in first-seen order) and its figures are columns indexed by it: one
 * row of a Float64Array (a cache line for a repository's figures, half of one for a user's), its
 * histogram in a slab, its per-node histograms in a table. An object per key (with its histogram,
 * cache counts and node Map) cost a cache miss per object and pointer on every operation, most of a
 * parse's tally time on logs with thousands of keys.
 */
export class TopK {
  private readonly index = new Map<string, number>();
  private readonly keys: string[] = [];
  private n = 0;
  private floor = 0;
  private readonly stride: number;
  private nums: Float64Array;
  private readonly slab: KeyHistograms | null;
  private readonly byNode: KeyNodeHistograms | null;
  /** Slots + 1 by a `ByteKeys` id (of `idGeneration`; 0: not looked up yet), so a line's key is not looked up by string. */
  private idSlots: Int32Array;
  private idGeneration = -1;
  /** Whether `nums` and `idSlots` are fixed (`TopKCells`): never grown. */
  private readonly fixed: boolean;

  /**
   * `durations`: keep a duration histogram per key (repositories), not only the total; `cache`: count
   * cache outcomes too; `perNode`: durations per key and node (names in `nodes`); `cells`: the
   * figures' arrays, when they are fixed (else made and grown here).
   */
  constructor(
    private readonly capacity: number,
    private readonly durations: boolean,
    private readonly cache = false,
    perNode = false,
    private readonly nodes = new NodeIndex(),
    cells?: TopKCells,
  ) {
    this.stride = durations || cache ? 8 : 4;
    this.fixed = cells !== undefined;
    this.nums = cells?.nums ?? new Float64Array(0);
    this.idSlots = cells?.idSlots ?? new Int32Array(0);
    this.slab = cells !== undefined ? cells.slab : durations ? new HistogramSlab() : null;
    if (cells !== undefined && (cells.nums.length < capacity * 2 * this.stride || (cells.slab === null) === durations))
      throw new Error('A top list’s fixed cells do not fit its capacity and kind.');
    this.byNode = perNode ? new KeyNodeHistograms() : null;
  }

  add(key: string, durationMs: number, outcome?: CacheOutcome): void {
    this.count(this.slotOf(key), durationMs, durationMs >= 0 ? bucketOf(durationMs) : 0, outcome === undefined ? -1 : OUTCOME_INDEX[outcome], -1);
  }

  /**
   * `add` for the key with id `id` of `ByteKeys` generation `generation`; `bucket` is `bucketOf(durationMs)`,
   * `outcome` an `OUTCOME_INDEX` (−1: not counted), `node` an id of this list's `NodeIndex` (−1: none).
   */
  addById(id: number, generation: number, key: string, durationMs: number, bucket: number, outcome = -1, node = -1): void {
    this.count(this.slotFor(id, generation, key), durationMs, bucket, outcome, node);
  }

  /** The slot of the key with id `id` of `ByteKeys` generation `generation`, given to it when it has none. */
  slotFor(id: number, generation: number, key: string): number {
    this.useGeneration(generation);
    let slot = this.idSlot(id);
    if (slot < 0) {
      slot = this.slotOf(key);
      if (id >= this.idSlots.length) this.growIds(id);
      // After `slotOf`: a prune there forgets every id.
      this.idSlots[id] = slot + 1;
    }
    return slot;
  }

  /** Forgets the slots of ids of another generation (a key table that started over gave its ids new meanings). */
  useGeneration(generation: number): void {
    if (generation === this.idGeneration) return;
    this.idSlots.fill(0);
    this.idGeneration = generation;
  }

  /** The slot of key id `id` (of the generation in use), −1 when it has none. */
  idSlot(id: number): number {
    return id < this.idSlots.length ? this.idSlots[id]! - 1 : -1;
  }

  /** One duration of key `slot` on node `node` (a list kept per node), for counts made elsewhere (top-lists-tally.ts). */
  addOnNode(slot: number, node: number, bucket: number, durationMs: number): void {
    this.byNode!.add(slot, node, bucket, durationMs);
  }

  private count(slot: number, durationMs: number, bucket: number, outcome: number, node: number): void {
    const nums = this.nums;
    const at = slot * this.stride;
    nums[at + OPS]! += 1;
    if (this.cache && outcome >= 0) nums[at + HIT + outcome]! += 1;
    if (durationMs < 0) return;
    nums[at + TOTAL]! += durationMs;
    if (this.slab !== null) {
      this.slab.add(slot, bucket, 1);
      nums[at + COUNT]! += 1;
      if (durationMs > nums[at + MAX]!) nums[at + MAX] = durationMs;
    }
    if (this.byNode !== null && node >= 0) this.byNode.add(slot, node, bucket, durationMs);
  }

  /** The key's slot, made (starting at the floor, what a dropped key may have had) when new. */
  private slotOf(key: string): number {
    let slot = this.index.get(key);
    if (slot !== undefined) return slot;
    if (this.n >= this.capacity * 2) this.prune();
    slot = this.n++;
    const stride = this.stride;
    // Fixed cells hold 2 × capacity rows (checked when made): never short here.
    if (this.nums.length < this.n * stride) {
      const nums = new Float64Array(Math.max(64, this.n * 2) * stride);
      nums.set(this.nums);
      this.nums = nums;
    }
    this.slab?.reserve(this.n);
    const at = slot * stride;
    this.nums[at + OPS] = this.floor;
    this.nums[at + ERROR] = this.floor;
    if (stride > MAX) this.nums[at + MAX] = -1;
    this.keys.push(key);
    this.index.set(key, slot);
    return slot;
  }

  private growIds(id: number): void {
    if (this.fixed) throw new Error(`Key id ${id} is past the ${this.idSlots.length} a top list's fixed cells hold.`);
    const ids = new Int32Array(Math.max(1024, (id + 1) * 2));
    ids.set(this.idSlots);
    writeZeros(ids, this.idSlots.length);
    this.idSlots = ids;
  }

  exportState(): TopKState {
    const n = this.n;
    const s = this.stride;
    const nums = new Float64Array(n * 3);
    const cache = this.cache ? new Uint32Array(n * 3) : null;
    for (let i = 0; i < n; i++) {
      nums[i * 3] = this.nums[i * s + OPS]!;
      nums[i * 3 + 1] = this.nums[i * s + TOTAL]!;
      nums[i * 3 + 2] = this.nums[i * s + ERROR]!;
      if (cache !== null) for (let o = 0; o < 3; o++) cache[i * 3 + o] = this.nums[i * s + HIT + o]!;
    }
    const nodes = this.byNode?.list() ?? new Int32Array(0);
    const nodeOwners = new Uint32Array(nodes.length / 3);
    const nodeKeys: string[] = [];
    const nodeHistograms = new Uint32Array(nodes.length / 3);
    for (let e = 0; e < nodeOwners.length; e++) {
      nodeOwners[e] = nodes[e * 3]!;
      nodeKeys.push(this.nodes.names[nodes[e * 3 + 1]!]!);
      nodeHistograms[e] = nodes[e * 3 + 2]!;
    }
    return {
      keys: this.keys.slice(),
      nums,
      durations:
        this.slab === null
          ? null
          : this.slab.pack(
              Uint32Array.from({ length: n }, (_, i) => i),
              this.nums,
              s,
              COUNT,
            ),
      cache,
      nodeOwners,
      nodeKeys,
      nodeDurations: this.byNode?.pack(nodeHistograms) ?? packHistograms([]),
    };
  }

  /** Adds another list's tallies key by key (exact while neither list was pruned). */
  mergeFrom(s: TopKState): void {
    let j = 0;
    s.keys.forEach((key, i) => {
      // A new key starts at the floor (what a pruned key may have had), as `add` starts it.
      const slot = this.slotOf(key);
      const nums = this.nums;
      const at = slot * this.stride;
      nums[at + OPS]! += s.nums[i * 3]!;
      nums[at + TOTAL]! += s.nums[i * 3 + 1]!;
      nums[at + ERROR]! += s.nums[i * 3 + 2]!;
      if (s.durations !== null && this.slab !== null) {
        this.slab.addColumn(slot, s.durations, i);
        nums[at + COUNT]! += s.durations.meta[i * 2]!;
        if (s.durations.meta[i * 2 + 1]! > nums[at + MAX]!) nums[at + MAX] = s.durations.meta[i * 2 + 1]!;
      }
      if (this.cache && s.cache !== null) for (let o = 0; o < 3; o++) nums[at + HIT + o]! += s.cache[i * 3 + o]!;
      // Per-node histograms come in key order.
      for (; j < s.nodeOwners.length && s.nodeOwners[j] === i; j++) this.byNode?.addColumn(slot, this.nodes.id(s.nodeKeys[j]!), s.nodeDurations, j);
    });
    this.idSlots.fill(0);
  }

  /** The `n` keys with most operations or (by: 'time') most total time. */
  top(n: number, by: 'operations' | 'time' = 'operations'): TopEntry[] {
    const nums = this.nums;
    const s = this.stride;
    const order =
      by === 'operations'
        ? (a: number, b: number) => nums[b * s + OPS]! - nums[a * s + OPS]! || nums[b * s + TOTAL]! - nums[a * s + TOTAL]!
        : (a: number, b: number) => nums[b * s + TOTAL]! - nums[a * s + TOTAL]!;
    const compare = (a: number, b: number): number => order(a, b) || (this.keys[a]! < this.keys[b]! ? -1 : 1);
    // The first n of a total order (keys are unique) kept as they come: sorting every key (tens of
    // thousands, six lists a report) cost more than reading a range of the log.
    const best: number[] = [];
    if (n > 0)
      for (let slot = 0; slot < this.n; slot++) {
        if (best.length === n && compare(slot, best[n - 1]!) >= 0) continue;
        let i = best.length;
        while (i > 0 && compare(slot, best[i - 1]!) < 0) i--;
        best.splice(i, 0, slot);
        if (best.length > n) best.pop();
      }
    return best.map((slot) => ({
      key: this.keys[slot]!,
      operations: nums[slot * s + OPS]!,
      totalMs: nums[slot * s + TOTAL]!,
      error: nums[slot * s + ERROR]!,
      durations: this.durationsOf(slot),
    }));
  }

  /** Every key kept, with its count, duration figures, cache outcomes and per-node durations (when kept; nodes by name). */
  *entries(): Generator<[string, { operations: number; durations: DurationStats | null; cache: CacheCounts | null; byNode: NodeDurations[] }]> {
    const byNode = this.nodesBySlot();
    const nums = this.nums;
    const s = this.stride;
    for (let slot = 0; slot < this.n; slot++) {
      const at = slot * s;
      const cache = this.cache ? { hit: nums[at + HIT]!, miss: nums[at + HIT + 1]!, none: nums[at + HIT + 2]! } : null;
      yield [this.keys[slot]!, { operations: nums[at + OPS]!, durations: this.durationsOf(slot), cache, byNode: byNode[slot] ?? [] }];
    }
  }

  /** Every key kept with its operation count: `entries` without reading any histogram. */
  *operationCounts(): Generator<[string, number]> {
    for (let slot = 0; slot < this.n; slot++) yield [this.keys[slot]!, this.nums[slot * this.stride + OPS]!];
  }

  /** Every key kept with its per-node durations (nodes by name): `entries` without the rest. */
  *nodeDurations(): Generator<[string, NodeDurations[]]> {
    const byNode = this.nodesBySlot();
    for (let slot = 0; slot < this.n; slot++) yield [this.keys[slot]!, byNode[slot] ?? []];
  }

  /**
   * Per key, its nodes (of at least `minCount` durations) that `slowCloneNodes` names against the key's
   * other nodes, by node name; keys with none are left out. Only each histogram's p95 is worked out,
   * into typed arrays: the report's pass over every repository's node histograms (thousands, most with
   * one node or a few clones) building each one's per-node figures was most of its time.
   */
  *slowNodes(minCount: number): Generator<[string, SlowCloneNode[]]> {
    const byNode = this.byNode;
    if (byNode === null) return;
    const list = byNode.list();
    let p95s = new Float64Array(8);
    let nodeIds = new Int32Array(8);
    for (let e = 0; e < list.length;) {
      const slot = list[e]!;
      let n = 0;
      for (; e < list.length && list[e] === slot; e += 3) {
        const h = list[e + 2]!;
        const p95 = byNode.count(h) >= minCount ? byNode.p95(h) : null;
        if (p95 === null) continue;
        if (n === p95s.length) [p95s, nodeIds] = [grown(p95s), grown(nodeIds)];
        p95s[n] = p95;
        nodeIds[n++] = list[e + 1]!;
      }
      if (n < 2) continue;
      const sorted = p95s.slice(0, n).sort();
      const slow: SlowCloneNode[] = [];
      for (let i = 0; i < n; i++) {
        const s = slowAgainstOthers(p95s[i]!, sorted, n);
        if (s !== null) slow.push({ node: this.nodes.names[nodeIds[i]!]!, ...s });
      }
      if (slow.length > 0) yield [this.keys[slot]!, slow.sort((a, b) => (a.node < b.node ? -1 : 1))];
    }
  }

  private durationsOf(slot: number): DurationStats | null {
    const at = slot * this.stride;
    return this.slab === null ? null : this.slab.stats(slot, this.nums[at + COUNT]!, this.nums[at + MAX]!);
  }

  /** Per slot, its per-node durations by node name. */
  private nodesBySlot(): NodeDurations[][] {
    const out: NodeDurations[][] = [];
    const list = this.byNode?.list() ?? new Int32Array(0);
    for (let e = 0; e < list.length; e += 3)
      (out[list[e]!] ??= []).push({ node: this.nodes.names[list[e + 1]!]!, durations: this.byNode!.stats(list[e + 2]!) });
    for (const nodes of out) nodes?.sort((a, b) => (a.node < b.node ? -1 : 1));
    return out;
  }

  /** Keeps the `capacity` keys with most operations (ties: the first seen), in first-seen order. */
  private prune(): void {
    const n = this.n;
    const s = this.stride;
    const nums = this.nums;
    // A stable sort, as the Map of key objects it replaces was sorted.
    const sorted = Array.from({ length: n }, (_, i) => i).sort((a, b) => nums[b * s + OPS]! - nums[a * s + OPS]!);
    const last = sorted[this.capacity - 1];
    if (last !== undefined) this.floor = nums[last * s + OPS]!;
    const keep = new Uint8Array(n);
    for (const slot of sorted.slice(0, this.capacity)) keep[slot] = 1;
    const newSlot = new Int32Array(n).fill(-1);
    let m = 0;
    for (let slot = 0; slot < n; slot++) {
      const key = this.keys[slot]!;
      if (keep[slot] === 0) {
        this.index.delete(key);
        continue;
      }
      newSlot[slot] = m;
      if (m !== slot) {
        nums.copyWithin(m * s, slot * s, (slot + 1) * s);
        this.slab?.move(slot, m);
        this.keys[m] = key;
        this.index.set(key, m);
      }
      m++;
    }
    nums.fill(0, m * s, n * s);
    this.slab?.clear(m, n);
    this.keys.length = m;
    this.byNode?.renumber(newSlot);
    this.n = m;
    this.idSlots.fill(0);
  }
}

/** Per-node figures, nodes by name. */
export const nodeStats = (nodes: Map<string, DurationHistogram>): NodeDurations[] =>
  [...nodes.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([node, h]) => ({ node, durations: h.stats() }));
