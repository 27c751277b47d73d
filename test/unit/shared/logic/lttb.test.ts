import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lttb, type Point } from '../../../../shared/logic/lttb';

describe('lttb', () => {
  it('keeps first, last and the peak', () => {
    const pts: Point[] = Array.from({ length: 1000 }, (_, i) => [i, i === 500 ? 100 : Math.sin(i / 50)]);
    const out = lttb(pts, 50);
    expect(out).toHaveLength(50);
    expect(out[0]).toEqual(pts[0]);
    expect(out.at(-1)).toEqual(pts.at(-1));
    expect(out.some(([x]) => x === 500)).toBe(true);
  });

  it('returns at most threshold points, in order, all from the input', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { maxLength: 300 }), fc.integer({ min: 3, max: 100 }), (ys, t) => {
        const pts: Point[] = ys.map((y, i) => [i, y]);
        const out = lttb(pts, t);
        expect(out.length).toBeLessThanOrEqual(Math.max(t, 0) >= pts.length ? pts.length : t);
        for (let i = 1; i < out.length; i++) expect(out[i]![0]).toBeGreaterThan(out[i - 1]![0]);
      }),
      { numRuns: 500 },
    );
  });
});
