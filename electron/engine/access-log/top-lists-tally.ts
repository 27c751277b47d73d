import { MAX_RAW, type ByteKeys } from './byte-keys';
import { FlatHistogramSlab } from './flat-histogram-slab';
import { BUCKETS } from './histogram';
import type { NodeIndex } from './key-node-histograms';
import { TALLY_WASM } from './tally-wasm';
import { TopK, type TopKCells } from './top-k';
import { WASM_PAGE, wasmApi } from './wasm-api';

interface Exports {
  layout(i: number): number;
  tally(from: number, n: number): number;
}

/** Int32s an operation takes in the batch (wasm/tally.ts). */
const OP = 8;
/**
 * The first batch is flushed after this many operations: the flush is then called before V8
 * optimizes the parse loop it is inlined into (a call first made after that undid the loop's
 * optimized code, and its compile — ≈ 20–60 ms — was made again).
 */
const FIRST_BATCH = 64;
/** What `layout(i)` gives (wasm/tally.ts): sizes, then addresses, each per-list one for lists 0–3 (0–1 for histograms) from its index on. */
const LAYOUT = { buckets: 0, slots: 1, ids: 2, ops: 3, opsAt: 4, durationsAt: 5, numsAt: 6, idSlotsAt: 10, narrowAt: 14, wideAt: 16, end: 18 } as const;
let compiled: object | null = null;
/** The memory an instance needs, in pages (read once from the module). */
let pages = 0;

/** The key tables the lists' ids come from (what the lists read of them). */
type Keys = Pick<ByteKeys, 'generation' | 'keyOf'>;
interface TallyKeys {
  repository: Keys;
  user: Keys;
  ip: Keys;
}

/**
 * An aggregator's four top lists — repositories, clones by repository (cache outcomes, durations per
 * node), users, client addresses — counted in WebAssembly (wasm/tally.ts): `add` writes an operation to
 * a batch, `flush` counts the batch there, giving a key its slot in JavaScript (`TopK.slotFor`, which
 * may drop keys) when the batch stops at one that has none. The lists' rows, slots and histograms are
 * views of the instance's memory, so every read of a list (`TopK`'s export, merge and report) sees
 * what was counted once the batch is flushed: flush before reading a list, and before a key table
 * starts over (its ids change meaning). Counting an operation in JavaScript, four lists with their
 * objects and bounds checks, was the largest part of a parse's JavaScript (≈ 15 % of its CPU).
 */
export class TopListsTally {
  readonly repositories: TopK;
  readonly cloneRepositories: TopK;
  readonly users: TopK;
  readonly clientIps: TopK;
  private readonly wasm: Exports;
  private readonly ops: Int32Array;
  private readonly durations: Float64Array;
  private readonly size: number;
  private n = 0;
  private limit = FIRST_BATCH;

  constructor(
    capacity: number,
    nodes: NodeIndex,
    private readonly keys: TallyKeys,
  ) {
    if (compiled === null) {
      compiled = new wasmApi.Module(Buffer.from(TALLY_WASM, 'base64'));
      // An instance on a one-page memory reads the layout's end.
      const probe = new wasmApi.Instance(compiled, { env: { memory: new wasmApi.Memory({ initial: 1, maximum: 1 }) } }).exports as Exports;
      pages = Math.ceil(probe.layout(LAYOUT.end) / WASM_PAGE);
    }
    // Fixed size: growing would detach every view the lists hold.
    const memory = new wasmApi.Memory({ initial: pages, maximum: pages });
    this.wasm = new wasmApi.Instance(compiled, { env: { memory } }).exports as Exports;
    const at = (i: number): number => this.wasm.layout(i);
    const slots = at(LAYOUT.slots);
    const ids = at(LAYOUT.ids);
    // The module must hold what this code counts: the same buckets, every id a key table gives.
    if (at(LAYOUT.buckets) !== BUCKETS || ids < MAX_RAW)
      throw new Error('The top lists’ counting (WebAssembly) was built for other histogram buckets or key ids.');
    this.size = at(LAYOUT.ops);
    const buffer = memory.buffer;
    this.ops = new Int32Array(buffer, at(LAYOUT.opsAt), this.size * OP);
    this.durations = new Float64Array(buffer, at(LAYOUT.durationsAt), this.size);
    const cells = (list: number, stride: number, timed: boolean): TopKCells => ({
      nums: new Float64Array(buffer, at(LAYOUT.numsAt + list), slots * stride),
      idSlots: new Int32Array(buffer, at(LAYOUT.idSlotsAt + list), ids),
      slab: timed
        ? new FlatHistogramSlab(
            new Uint8Array(buffer, at(LAYOUT.narrowAt + list), slots * BUCKETS),
            new Uint32Array(buffer, at(LAYOUT.wideAt + list), slots * BUCKETS),
          )
        : null,
    });
    this.repositories = new TopK(capacity, true, false, false, nodes, cells(0, 8, true));
    this.cloneRepositories = new TopK(capacity, true, true, true, nodes, cells(1, 8, true));
    this.users = new TopK(capacity, false, false, false, nodes, cells(2, 4, false));
    this.clientIps = new TopK(capacity, false, false, false, nodes, cells(3, 4, false));
  }

  /**
   * One operation: key ids of the current generations, `bucket` = `bucketOf(durationMs)`, `outcome`
   * an `OUTCOME_INDEX`, `node` a `NodeIndex` id; counted in the repositories' clone list when `clone`.
   */
  add(repository: number, user: number, ip: number, durationMs: number, bucket: number, clone: boolean, outcome: number, node: number): void {
    const at = this.n * OP;
    const ops = this.ops;
    ops[at] = repository;
    ops[at + 1] = user;
    ops[at + 2] = ip;
    ops[at + 3] = bucket;
    ops[at + 4] = clone ? 1 : 0;
    ops[at + 5] = outcome;
    ops[at + 6] = node;
    this.durations[this.n] = durationMs;
    if (++this.n === this.limit) this.flush();
  }

  /** Counts the operations added since the last flush. */
  flush(): void {
    const n = this.n;
    if (n === 0) return;
    const { repository, user, ip } = this.keys;
    this.repositories.useGeneration(repository.generation);
    this.cloneRepositories.useGeneration(repository.generation);
    this.users.useGeneration(user.generation);
    this.clientIps.useGeneration(ip.generation);
    for (let from = 0; ;) {
      const stop = this.wasm.tally(from, n);
      this.addOnNodes(from, stop);
      if (stop === n) break;
      this.giveSlots(stop);
      from = stop;
    }
    this.n = 0;
    this.limit = this.size;
  }

  /** The clones of operations [from, to), counted, by node: kept in JavaScript (a table per key and node). */
  private addOnNodes(from: number, to: number): void {
    const ops = this.ops;
    const clones = this.cloneRepositories;
    for (let k = from; k < to; k++) {
      const at = k * OP;
      const d = this.durations[k]!;
      if (ops[at + 4] === 0 || d < 0) continue;
      clones.addOnNode(clones.idSlot(ops[at]!), ops[at + 6]!, ops[at + 3]!, d);
    }
  }

  /** Slots for the keys of operation `k` that have none (the batch stopped there). */
  private giveSlots(k: number): void {
    const at = k * OP;
    const ops = this.ops;
    const { repository, user, ip } = this.keys;
    const r = ops[at]!;
    this.repositories.slotFor(r, repository.generation, repository.keyOf(r));
    if (ops[at + 4] !== 0) this.cloneRepositories.slotFor(r, repository.generation, repository.keyOf(r));
    this.users.slotFor(ops[at + 1]!, user.generation, user.keyOf(ops[at + 1]!));
    this.clientIps.slotFor(ops[at + 2]!, ip.generation, ip.keyOf(ops[at + 2]!));
  }
}
