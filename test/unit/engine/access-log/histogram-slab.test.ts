import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUCKETS, statsIn } from '../../../../electron/engine/access-log/histogram';
import { HistogramSlab } from '../../../../electron/engine/access-log/histogram-slab';

const HISTOGRAMS = 4;
const BUCKET_CHOICES = [0, 1, 37, BUCKETS - 1];

/** Adds (counts past the 16-bit limit, so counters widen by adds and by merged columns), moves and clears. */
const step = fc.oneof(
  fc.record({
    add: fc.integer({ min: 0, max: HISTOGRAMS - 1 }),
    bucket: fc.constantFrom(...BUCKET_CHOICES),
    n: fc.oneof(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 20_000, max: 40_000 })),
    times: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({ column: fc.integer({ min: 0, max: HISTOGRAMS - 1 }), bucket: fc.constantFrom(...BUCKET_CHOICES), n: fc.integer({ min: 1, max: 70_000 }) }),
  fc.record({ move: fc.integer({ min: 0, max: HISTOGRAMS - 1 }), to: fc.integer({ min: 0, max: HISTOGRAMS - 1 }) }),
  fc.record({ clear: fc.integer({ min: 0, max: HISTOGRAMS - 1 }) }),
);

describe('HistogramSlab', () => {
  it('counts as plain 32-bit counters do, whether its 16-bit counters widened or not', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 24 }), (steps) => {
        const slab = new HistogramSlab();
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
            slab.clear(s.clear, s.clear + 1);
            model[s.clear]!.fill(0);
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
