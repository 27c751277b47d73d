import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fullJitterBackoff, startOffset } from '../../../../shared/logic/backoff';
import { parseRetryAfter } from '../../../../shared/logic/retry-after';

describe('fullJitterBackoff', () => {
  it('stays in [0, min(cap, base·2^attempt)) over many draws', () => {
    const opts = { baseMs: 500, capMs: 30_000 };
    for (let attempt = 0; attempt < 12; attempt++) {
      const ceiling = Math.min(opts.capMs, opts.baseMs * 2 ** attempt);
      let max = 0;
      let min = Infinity;
      for (let i = 0; i < 2_000; i++) {
        const d = fullJitterBackoff(attempt, opts);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(ceiling);
        max = Math.max(max, d);
        min = Math.min(min, d);
      }
      // Full jitter spreads over the whole range, not just near the ceiling.
      expect(max).toBeGreaterThan(ceiling * 0.9);
      expect(min).toBeLessThan(ceiling * 0.1);
    }
  });

  it('uses the injected random source at the edges', () => {
    expect(fullJitterBackoff(3, { baseMs: 100, capMs: 10_000 }, () => 0)).toBe(0);
    expect(fullJitterBackoff(3, { baseMs: 100, capMs: 10_000 }, () => 0.5)).toBe(400);
    expect(fullJitterBackoff(3, { baseMs: 100, capMs: 10_000 }, () => 1)).toBeLessThan(800);
  });

  it('never returns NaN, a negative or more than the cap, whatever the inputs', () => {
    fc.assert(
      fc.property(fc.double(), fc.double(), fc.double(), fc.double(), (attempt, baseMs, capMs, r) => {
        const d = fullJitterBackoff(attempt, { baseMs, capMs }, () => r);
        expect(Number.isFinite(d)).toBe(true);
        expect(d).toBeGreaterThanOrEqual(0);
        if (Number.isFinite(capMs) && capMs > 0) expect(d).toBeLessThanOrEqual(capMs);
      }),
      { numRuns: 1_000 },
    );
  });
});

describe('startOffset', () => {
  it('is stable and inside [0, interval)', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 3_600_000 }), (key, interval) => {
        const o = startOffset(key, interval);
        expect(o).toBe(startOffset(key, interval));
        expect(Number.isInteger(o)).toBe(true);
        expect(o).toBeGreaterThanOrEqual(0);
        expect(o).toBeLessThan(interval);
      }),
      { numRuns: 1_000 },
    );
  });

  it('spreads many targets across the interval', () => {
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 1_000; i++) {
      const o = startOffset(`primary-${i}`, 10_000);
      buckets[Math.floor(o / 1_000)]! += 1;
    }
    for (const b of buckets) expect(b).toBeGreaterThan(50);
  });

  it('is 0 for a non-positive interval', () => {
    expect(startOffset('x', 0)).toBe(0);
    expect(startOffset('x', -5)).toBe(0);
    expect(startOffset('x', Number.NaN)).toBe(0);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2025, 0, 1, 12, 0, 0);
  it('reads whole seconds', () => {
    expect(parseRetryAfter('1', now)).toBe(1_000);
    expect(parseRetryAfter(' 7 ', now)).toBe(7_000);
    expect(parseRetryAfter(['2', '9'], now)).toBe(2_000);
  });
  it('defaults to 5 s when absent or unparsable', () => {
    expect(parseRetryAfter(undefined, now)).toBe(5_000);
    expect(parseRetryAfter('', now)).toBe(5_000);
    expect(parseRetryAfter('soon', now)).toBe(5_000);
    expect(parseRetryAfter('-3', now)).toBe(5_000);
  });
  it('caps at 60 s', () => {
    expect(parseRetryAfter('3600', now)).toBe(60_000);
  });
  it('accepts an HTTP date', () => {
    expect(parseRetryAfter(new Date(now + 10_000).toUTCString(), now)).toBe(10_000);
    expect(parseRetryAfter(new Date(now - 10_000).toUTCString(), now)).toBe(0);
  });
});
