import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MonotonicCounter } from '../../../../electron/engine/metrics/monotonic-counter';

describe('MonotonicCounter', () => {
  it("adds Bitbucket's increments and counts from zero after a reset", () => {
    const c = new MonotonicCounter();
    expect([100, 130, 130, 20, 50].map((v) => c.observe(v))).toEqual([100, 30, 0, 20, 30]);
  });

  it('never goes down, and equals the raw value while nothing resets', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 1_000_000 }), { minLength: 1, maxLength: 50 }), (raw) => {
        const c = new MonotonicCounter();
        let total = 0;
        for (const v of raw) {
          const inc = c.observe(v);
          expect(inc).toBeGreaterThanOrEqual(0);
          total += inc;
        }
        const sorted = raw.every((v, i) => i === 0 || v >= raw[i - 1]!);
        if (sorted) expect(total).toBe(raw.at(-1));
        else expect(total).toBeGreaterThanOrEqual(raw.at(-1)!);
      }),
    );
  });
});
