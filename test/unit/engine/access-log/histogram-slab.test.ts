import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUCKETS, bucketOf, statsIn } from '../../../../electron/engine/access-log/histogram';
import { FlatHistogramSlab } from '../../../../electron/engine/access-log/flat-histogram-slab';
import { HistogramSlab, type KeyHistograms } from '../../../../electron/engine/access-log/histogram-slab';

const HISTOGRAMS = 4;
const BUCKET_CHOICES = [0, 1, 37, BUCKETS - 1];

/** Adds (counts past the 8-bit limit, so counters widen by adds and by merged columns), moves and clears. */
const step = fc.oneof(
  fc.record({
    add: fc.integer({ min: 0, max: HISTOGRAMS - 1 }),
    bucket: fc.constantFrom(...BUCKET_CHOICES),
    n: fc.oneof(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 250, max: 260 }), fc.integer({ min: 20_000, max: 40_000 })),
    times: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({ column: fc.integer({ min: 0, max: HISTOGRAMS - 1 }), bucket: fc.constantFrom(...BUCKET_CHOICES), n: fc.integer({ min: 1, max: 70_000 }) }),
  fc.record({ move: fc.integer({ min: 0, max: HISTOGRAMS - 1 }), to: fc.integer({ min: 0, max: HISTOGRAMS - 1 }) }),
  // A range, as a prune clears the histograms past the keys it kept (across chunks when they are small).
  fc.record({ clear: fc.integer({ min: 0, max: HISTOGRAMS - 1 }), span: fc.integer({ min: 1, max: HISTOGRAMS }) }),
);

/** Chunks of 1, 2 and 256 histograms (moves and clears within a chunk and across chunks), and the fixed arrays WebAssembly counts into. */
const SLABS: Array<[string, () => KeyHistograms]> = [
  ...[0, 1, 8].map((bits): [string, () => KeyHistograms] => [`HistogramSlab, 2^${bits} histograms a chunk`, () => new HistogramSlab(bits)]),
  ['FlatHistogramSlab', () => new FlatHistogramSlab(new Uint8Array(HISTOGRAMS * BUCKETS), new Uint32Array(HISTOGRAMS * BUCKETS))],
];

describe('HistogramSlab and FlatHistogramSlab', () => {
  it.each(SLABS)('%s counts as plain 32-bit counters do, whether its 8-bit counters widened or not', (_, make) => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 24 }), fc.integer({ min: 1, max: HISTOGRAMS }), (steps, first) => {
        const slab = make();
        // Reserved in two steps: histograms past the first reserve come in chunks added later.
        slab.reserve(first);
        slab.reserve(HISTOGRAMS);
        const model = Array.from({ length: HISTOGRAMS }, () => new Uint32Array(BUCKETS));
        for (const s of steps) {
          if ('add' in s) {
            for (let t = 0; t < s.times; t++) slab.add(s.add, s.bucket, s.n);
            model[s.add]![s.bucket]! += s.n * s.times;
          } else if ('column' in s) {
            const cols = { buckets: Uint8Array.of(s.bucket), counts: Uint32Array.of(s.n), ends: Uint32Array.of(1), meta: Float64Array.of(s.n, 1) };
            slab.addColumn(s.column, cols, 0);
            model[s.column]![s.bucket]! += s.n;
          } else if ('move' in s) {
            // `move` leaves the source to be emptied (as a prune does) unless moved onto itself.
            if (s.move === s.to) continue;
            slab.move(s.move, s.to);
            slab.clear(s.move, s.move + 1);
            model[s.to]!.set(model[s.move]!);
            model[s.move]!.fill(0);
          } else {
            const to = Math.min(HISTOGRAMS, s.clear + s.span);
            slab.clear(s.clear, to);
            for (let h = s.clear; h < to; h++) model[h]!.fill(0);
          }
        }
        const meta = new Float64Array(HISTOGRAMS * 2);
        for (let h = 0; h < HISTOGRAMS; h++) {
          const count = model[h]!.reduce((a, b) => a + b, 0);
          meta[h * 2] = count;
          meta[h * 2 + 1] = count === 0 ? -1 : 5;
          expect(slab.stats(h, count, meta[h * 2 + 1]!)).toEqual(statsIn(model[h]!, 0, count, meta[h * 2 + 1]!));
        }
        const packed = slab.pack([3, 0, 2, 1], meta, 2, 0);
        let k = 0;
        [3, 0, 2, 1].forEach((h, o) => {
          for (let b = 0; b < BUCKETS; b++) {
            if (model[h]![b] === 0) continue;
            expect([packed.buckets[k], packed.counts[k]]).toEqual([b, model[h]![b]]);
            k++;
          }
          expect(packed.ends[o]).toBe(k);
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe('HistogramSlab.highQuantile', () => {
  it('gives the p95 stats gives (counted down from the maximum), narrow or widened, any durations', () => {
    const ms = fc.oneof(fc.constantFrom(0, 1, 2, 5, 60_000), fc.integer({ min: 0, max: 10_000_000 }), fc.double({ min: 0, max: 1e9, noNaN: true }));
    fc.assert(
      fc.property(
        fc.array(fc.record({ ms, times: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 400 })) }), { minLength: 1, maxLength: 30 }),
        (durations) => {
          const slab = new HistogramSlab(1);
          slab.reserve(3);
          let count = 0;
          let max = -1;
          for (const d of durations) {
            slab.add(2, bucketOf(d.ms), d.times);
            count += d.times;
            max = Math.max(max, d.ms);
          }
          expect(slab.highQuantile(2, count, max, 0.95)).toBe(slab.stats(2, count, max).p95Ms);
          expect(slab.highQuantile(2, count, max, 0.5)).toBe(slab.stats(2, count, max).p50Ms);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

/** The packing `pack` replaced (a pass to count the non-zero counters, then a pass to write them): the reference. */
function packReference(model: Uint32Array[], order: number[], meta: Float64Array): { buckets: number[]; counts: number[]; ends: number[]; meta: number[] } {
  const out = { buckets: [] as number[], counts: [] as number[], ends: [] as number[], meta: [] as number[] };
  for (const h of order) {
    model[h]!.forEach((c, b) => {
      if (c === 0) return;
      out.buckets.push(b);
      out.counts.push(c);
    });
    out.ends.push(out.buckets.length);
    out.meta.push(meta[h * 2]!, meta[h * 2 + 1]!);
  }
  return out;
}

describe('HistogramSlab.pack', () => {
  it('packs many histograms, sparse or full, in any order, as the two-pass packing did (exact lengths)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.record({ h: fc.nat(), bucket: fc.integer({ min: 0, max: BUCKETS - 1 }), n: fc.integer({ min: 1, max: 70_000 }) }), { maxLength: 400 }),
        fc.array(fc.record({ h: fc.nat(), full: fc.boolean() }), { maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 60 }),
        fc.integer({ min: 0, max: 8 }),
        (histograms, adds, fills, picks, chunkBits) => {
          const slab = new HistogramSlab(chunkBits);
          slab.reserve(histograms);
          const model = Array.from({ length: histograms }, () => new Uint32Array(BUCKETS));
          for (const a of adds) {
            slab.add(a.h % histograms, a.bucket, a.n);
            model[a.h % histograms]![a.bucket]! += a.n;
          }
          // Whole histograms with every bucket set: the packed columns must grow past their first guess.
          for (const f of fills)
            for (let b = 0; b < BUCKETS; b += f.full ? 1 : 3) {
              slab.add(f.h % histograms, b, 1 + b);
              model[f.h % histograms]![b]! += 1 + b;
            }
          const meta = Float64Array.from({ length: histograms * 2 }, (_, i) => i * 7);
          const order = picks.map((p) => p % histograms);
          const packed = slab.pack(order, meta, 2, 0);
          const want = packReference(model, order, meta);
          expect({ buckets: [...packed.buckets], counts: [...packed.counts], ends: [...packed.ends], meta: [...packed.meta] }).toEqual(want);
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** Bytes that record the ranges `fill` wrote. */
class RecordedBytes extends Uint8Array {
  readonly fills: Array<[number, number, number]> = [];
  override fill(value: number, start = 0, end = this.length): this {
    this.fills.push([value, start, end]);
    return super.fill(value, start, end);
  }
}

describe('FlatHistogramSlab.reserve', () => {
  it('writes the 8-bit rows ahead of use once each, in order, and never over a row counted into', () => {
    const rows = 700;
    const narrow = new RecordedBytes(rows * BUCKETS);
    const slab = new FlatHistogramSlab(narrow, new Uint32Array(rows * BUCKETS));
    const counted = new Map<number, number>();
    const count = (h: number): void => {
      slab.add(h, 5, 3);
      counted.set(h, (counted.get(h) ?? 0) + 3);
    };
    // Reserves as a top list makes them: one more at a time, fewer after a prune, then past the write-ahead twice.
    for (let n = 1; n <= 300; n++) {
      slab.reserve(n);
      count(n - 1);
    }
    slab.reserve(120);
    count(119);
    for (const n of [301, 600, 650, rows]) {
      slab.reserve(n);
      count(n - 1);
    }
    const zeros = narrow.fills.filter(([value]) => value === 0).map(([, start, end]) => [start / BUCKETS, end / BUCKETS]);
    // Contiguous from row 0 to the slab's end, each row once: 256 rows at a time, the last step capped at the end.
    expect(zeros).toEqual([
      [0, 256],
      [256, 512],
      [512, rows],
    ]);
    for (const [h, n] of counted) expect(slab.stats(h, n, 1).maxMs).toBe(1);
    for (const [h, n] of counted) expect(narrow[h * BUCKETS + 5]).toBe(n);
  });
});
