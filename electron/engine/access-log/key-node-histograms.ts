import type { DurationStats } from '../../../shared/model/access-log';
import type { HistogramColumns } from './histogram';
import { HistogramSlab } from './histogram-slab';
import { writeZeros } from './write-zeros';

/** Node names as small ids in first-seen order: one lookup per operation, shared by an aggregator and its per-node lists. */
export class NodeIndex {
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();

  id(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.ids.set(name, id);
    }
    return id;
  }
}

/** Int32s per table slot: key slot + 1 (0: empty), node id, histogram number. */
const ENTRY = 3;
const INITIAL_ENTRIES = 256;

/**
 * A duration histogram per key and node (a repository's clones on each node): (key slot, node id)
 * → a histogram number, in an open-addressing table over one typed array (one probe, no Map per key),
 * counters in a `HistogramSlab`, count and maximum in `meta`. Histograms of dropped keys are emptied
 * and numbered again for the next.
 */
export class KeyNodeHistograms {
  private table = new Int32Array(INITIAL_ENTRIES * ENTRY);
  private size = 0;
  private readonly slab = new HistogramSlab();
  /** Per histogram: count, max. */
  private meta = new Float64Array(0);
  private made = 0;
  private readonly free: number[] = [];

  /** One duration (`bucket` = `bucketOf(ms)`) for key `slot` on node `node`. */
  add(slot: number, node: number, bucket: number, ms: number): void {
    const h = this.of(slot, node);
    this.slab.add(h, bucket, 1);
    const meta = this.meta;
    meta[h * 2]! += 1;
    if (ms > meta[h * 2 + 1]!) meta[h * 2 + 1] = ms;
  }

  /** Adds histogram `j` of packed ones to key `slot`'s on node `node`. */
  addColumn(slot: number, node: number, cols: HistogramColumns, j: number): void {
    const h = this.of(slot, node);
    this.slab.addColumn(h, cols, j);
    this.meta[h * 2]! += cols.meta[j * 2]!;
    if (cols.meta[j * 2 + 1]! > this.meta[h * 2 + 1]!) this.meta[h * 2 + 1] = cols.meta[j * 2 + 1]!;
  }

  /** Every histogram as [key slot, node id, histogram number] triples, by key slot, then node id. */
  list(): Int32Array {
    // A counting sort by key slot (slots are dense), then each slot's few nodes by insertion: the
    // export and the report call this once over tens of thousands of histograms, where sorting
    // arrays of triples took a quarter of their time.
    const t = this.table;
    let slots = 0;
    for (let at = 0; at < t.length; at += ENTRY) if (t[at]! > slots) slots = t[at]!;
    // start[s]: where key slot s's histograms begin in `out`; next[s]: where its next one goes.
    const start = new Int32Array(slots + 1);
    for (let at = 0; at < t.length; at += ENTRY) if (t[at] !== 0) start[t[at]!]! += 1;
    for (let s = 1; s <= slots; s++) start[s]! += start[s - 1]!;
    const next = start.slice();
    const out = new Int32Array(this.size * ENTRY);
    for (let at = 0; at < t.length; at += ENTRY) {
      if (t[at] === 0) continue;
      const slot = t[at]! - 1;
      const node = t[at + 1]!;
      const from = start[slot]! * ENTRY;
      let i = next[slot]!++ * ENTRY;
      for (; i > from && out[i - ENTRY + 1]! > node; i -= ENTRY) out.copyWithin(i, i - ENTRY, i);
      out[i] = slot;
      out[i + 1] = node;
      out[i + 2] = t[at + 2]!;
    }
    return out;
  }

  /** Durations histogram `h` counted. */
  count(h: number): number {
    return this.meta[h * 2]!;
  }

  stats(h: number): DurationStats {
    return this.slab.stats(h, this.meta[h * 2]!, this.meta[h * 2 + 1]!);
  }

  /** Histogram `h`'s p95 (`stats(h).p95Ms`), without the rest. */
  p95(h: number): number | null {
    return this.slab.highQuantile(h, this.meta[h * 2]!, this.meta[h * 2 + 1]!, 0.95);
  }

  /** Histograms `order` packed (`packHistograms`). */
  pack(order: ArrayLike<number>): HistogramColumns {
    return this.slab.pack(order, this.meta, 2, 0);
  }

  /** After keys were dropped and the rest numbered again: key slot s is now `newSlot[s]` (−1: dropped, its histograms freed). */
  renumber(newSlot: Int32Array): void {
    const old = this.table;
    this.table = new Int32Array(old.length);
    writeZeros(this.table);
    this.size = 0;
    for (let at = 0; at < old.length; at += ENTRY) {
      if (old[at] === 0) continue;
      const h = old[at + 2]!;
      const slot = newSlot[old[at]! - 1]!;
      if (slot >= 0) this.place(slot, old[at + 1]!, h);
      else {
        this.slab.clear(h, h + 1);
        this.meta[h * 2] = 0;
        this.meta[h * 2 + 1] = -1;
        this.free.push(h);
      }
    }
  }

  private of(slot: number, node: number): number {
    const t = this.table;
    const mask = t.length / ENTRY - 1;
    const want = slot + 1;
    for (let i = mix(slot, node) & mask; ; i = (i + 1) & mask) {
      const at = i * ENTRY;
      const s = t[at]!;
      if (s === 0) break;
      if (s === want && t[at + 1] === node) return t[at + 2]!;
    }
    let h = this.free.pop();
    if (h === undefined) {
      h = this.made++;
      this.slab.reserve(this.made);
      if (this.meta.length < this.made * 2) {
        const meta = new Float64Array(Math.max(128, this.meta.length * 2));
        meta.set(this.meta);
        this.meta = meta;
      }
      this.meta[h * 2 + 1] = -1;
    }
    // At most half full.
    if ((this.size + 1) * 2 > t.length / ENTRY) this.grow();
    this.place(slot, node, h);
    return h;
  }

  private place(slot: number, node: number, h: number): void {
    const t = this.table;
    const mask = t.length / ENTRY - 1;
    let i = mix(slot, node) & mask;
    while (t[i * ENTRY] !== 0) i = (i + 1) & mask;
    t[i * ENTRY] = slot + 1;
    t[i * ENTRY + 1] = node;
    t[i * ENTRY + 2] = h;
    this.size += 1;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2);
    writeZeros(this.table);
    this.size = 0;
    for (let at = 0; at < old.length; at += ENTRY) if (old[at] !== 0) this.place(old[at]! - 1, old[at + 1]!, old[at + 2]!);
  }
}

/** A well-spread table index from a key slot and a node id. */
function mix(slot: number, node: number): number {
  return Math.imul(slot * 31 + node, 0x9e3779b1) >>> 12;
}
