// AssemblyScript, compiled to WebAssembly by scripts/build-wasm.mjs (not TypeScript for tsc/eslint).
// The per-operation counting of an access-log aggregator's four top lists (top-k.ts `TopK.count`, the
// reference): operations are written to a buffer in this instance's memory and counted in batches,
// each list's rows and histograms in fixed regions of that memory that `TopK` reads through views.
// A batch stops at the first operation whose key has no slot in a list yet: JavaScript gives it one
// (`TopK.slotFor`, which may drop keys and number the rest again) and the batch goes on from there.

/** Histogram buckets (histogram.ts `BUCKETS`). */
const BUCKETS: u32 = 200;
/** Slots a list can hold: at least twice its capacity (a `TopK` keeps up to 2 × capacity keys). */
const SLOTS: u32 = 20480;
/** Key ids (byte-keys.ts: fewer than `MAX_RAW` in a generation). */
const IDS: u32 = 200000;
/** Operations a batch holds. */
const OPS: u32 = 4096;
/** An 8-bit counter holding this marks a histogram whose counters moved to its 32-bit row (histogram-slab.ts `WIDE`). */
const WIDE: u8 = 0xff;
/** The largest count an 8-bit counter holds. */
const NARROW_LIMIT: u32 = 0xfe;

// An operation: i32 repository id, user id, client address id, bucket, clone (0/1), cache outcome
// (0–2), node id, unused; its duration (f64, −1: none) in a column apart.
const OP_BYTES: usize = 32;
const OPS_AT: usize = 0;
const DURATIONS_AT: usize = OPS_AT + <usize>OPS * OP_BYTES;
// Lists: 0 repositories, 1 clones by repository (with cache outcomes), 2 users, 3 client addresses.
// Rows of 8 f64 for the first two (operations, total, error, count, max, hit, miss, none), 4 for the others.
const NUMS_0: usize = DURATIONS_AT + <usize>OPS * 8;
const NUMS_1: usize = NUMS_0 + <usize>SLOTS * 64;
const NUMS_2: usize = NUMS_1 + <usize>SLOTS * 64;
const NUMS_3: usize = NUMS_2 + <usize>SLOTS * 32;
// Per list, each key id's slot + 1 (0: none).
const IDS_0: usize = NUMS_3 + <usize>SLOTS * 32;
const IDS_1: usize = IDS_0 + <usize>IDS * 4;
const IDS_2: usize = IDS_1 + <usize>IDS * 4;
const IDS_3: usize = IDS_2 + <usize>IDS * 4;
// Histograms of the first two lists by slot: 8-bit counters, and 32-bit rows for those that outgrew them.
const NARROW_0: usize = IDS_3 + <usize>IDS * 4;
const NARROW_1: usize = NARROW_0 + <usize>SLOTS * BUCKETS;
const WIDE_0: usize = NARROW_1 + <usize>SLOTS * BUCKETS;
const WIDE_1: usize = WIDE_0 + <usize>SLOTS * BUCKETS * 4;
const END: usize = WIDE_1 + <usize>SLOTS * BUCKETS * 4;

/** The layout, for the views: [buckets, slots, ids, ops, then the regions' addresses in the order above, end]. */
export function layout(i: i32): f64 {
  switch (i) {
    case 0:
      return BUCKETS;
    case 1:
      return SLOTS;
    case 2:
      return IDS;
    case 3:
      return OPS;
    case 4:
      return <f64>OPS_AT;
    case 5:
      return <f64>DURATIONS_AT;
    case 6:
      return <f64>NUMS_0;
    case 7:
      return <f64>NUMS_1;
    case 8:
      return <f64>NUMS_2;
    case 9:
      return <f64>NUMS_3;
    case 10:
      return <f64>IDS_0;
    case 11:
      return <f64>IDS_1;
    case 12:
      return <f64>IDS_2;
    case 13:
      return <f64>IDS_3;
    case 14:
      return <f64>NARROW_0;
    case 15:
      return <f64>NARROW_1;
    case 16:
      return <f64>WIDE_0;
    case 17:
      return <f64>WIDE_1;
    default:
      return <f64>END;
  }
}

/** One more in bucket `b` of histogram `h` (flat-histogram-slab.ts `add` with n = 1). */
function slabAdd(narrow: usize, wide: usize, h: u32, b: u32): void {
  const row = narrow + <usize>h * BUCKETS;
  const c = <u32>load<u8>(row + b);
  if (c < NARROW_LIMIT) {
    store<u8>(row + b, <u8>(c + 1));
    return;
  }
  const w = wide + <usize>h * BUCKETS * 4;
  if (c != WIDE) {
    for (let k: u32 = 0; k < BUCKETS; k++) {
      store<u32>(w + <usize>k * 4, load<u8>(row + k));
      store<u8>(row + k, WIDE);
    }
  }
  store<u32>(w + <usize>b * 4, load<u32>(w + <usize>b * 4) + 1);
}

/** A duration counted in a row with a histogram (`TopK.count` past the cache outcome). */
function countTimed(at: usize, d: f64, narrow: usize, wide: usize, h: u32, b: u32): void {
  if (d < 0) return;
  store<f64>(at + 8, load<f64>(at + 8) + d);
  slabAdd(narrow, wide, h, b);
  store<f64>(at + 24, load<f64>(at + 24) + 1);
  if (d > load<f64>(at + 32)) store<f64>(at + 32, d);
}

/** A row without histogram: operations, and the total when timed. */
function countPlain(at: usize, d: f64): void {
  store<f64>(at, load<f64>(at) + 1);
  if (d >= 0) store<f64>(at + 8, load<f64>(at + 8) + d);
}

/** Counts operations [from, n) of the buffer; returns n, or the first one a list has no slot for (uncounted). */
export function tally(from: u32, n: u32): u32 {
  for (let k = from; k < n; k++) {
    const op = OPS_AT + <usize>k * OP_BYTES;
    const repo = <usize>load<u32>(op);
    const r = load<i32>(IDS_0 + repo * 4) - 1;
    if (r < 0) return k;
    const clone = load<i32>(op + 16) != 0;
    let c: i32 = -1;
    if (clone) {
      c = load<i32>(IDS_1 + repo * 4) - 1;
      if (c < 0) return k;
    }
    const u = load<i32>(IDS_2 + <usize>load<u32>(op + 4) * 4) - 1;
    if (u < 0) return k;
    const i = load<i32>(IDS_3 + <usize>load<u32>(op + 8) * 4) - 1;
    if (i < 0) return k;
    const b = load<u32>(op + 12);
    const d = load<f64>(DURATIONS_AT + <usize>k * 8);
    const at0 = NUMS_0 + <usize>r * 64;
    store<f64>(at0, load<f64>(at0) + 1);
    countTimed(at0, d, NARROW_0, WIDE_0, <u32>r, b);
    if (clone) {
      const at1 = NUMS_1 + <usize>c * 64;
      store<f64>(at1, load<f64>(at1) + 1);
      const cell = at1 + 40 + <usize>load<u32>(op + 20) * 8;
      store<f64>(cell, load<f64>(cell) + 1);
      countTimed(at1, d, NARROW_1, WIDE_1, <u32>c, b);
    }
    countPlain(NUMS_2 + <usize>u * 32, d);
    countPlain(NUMS_3 + <usize>i * 32, d);
  }
  return n;
}
