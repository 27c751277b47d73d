import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BYTE_UNITS_NOTE,
  formatAge,
  formatBytes,
  formatCount,
  formatDuration,
  formatOptionalCount,
  formatOptionalDuration,
  formatPercent,
  formatRatio,
  formatSeconds,
} from '../../../../shared/logic/units';

describe('bytes: one decimal convention everywhere', () => {
  it('prints powers of 1000 with three significant digits', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1000)).toBe('1.00 kB');
    expect(formatBytes(18_000_000)).toBe('18.0 MB');
    expect(formatBytes(734_003_200)).toBe('734 MB');
    expect(formatBytes(5_368_709_120)).toBe('5.37 GB');
    expect(formatBytes(2 ** 40)).toBe('1.10 TB');
  });

  it('a GlusterFS brick of 1 GiB is not called "1 GB"', () => {
    expect(formatBytes(1024 ** 3)).toBe('1.07 GB');
  });

  it('never prints 1000 of a unit: rounding moves up a unit', () => {
    expect(formatBytes(999_960)).toBe('1.00 MB');
    expect(formatBytes(999_499)).toBe('999 kB');
  });

  it('unknown, negative and non-finite values', () => {
    expect(formatBytes(null)).toBe('—');
    expect(formatBytes(Number.NaN)).toBe('—');
    expect(formatBytes(-5)).toBe('0 B');
  });

  it('always a number below 1000 and a known unit', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e20, noNaN: true }), (n) => {
        const m = /^(\d+(?:\.\d+)?) (B|kB|MB|GB|TB|PB|EB)$/.exec(formatBytes(n));
        expect(m).not.toBeNull();
        expect(Number(m![1])).toBeLessThan(1000);
      }),
    );
  });

  it('the UI states the convention', () => {
    expect(BYTE_UNITS_NOTE).toMatch(/decimal.*1 GB = 1,000,000,000 bytes/);
  });
});

describe('durations', () => {
  it('milliseconds for measured times: ms, tenths below 10 s, then whole units', () => {
    expect(formatDuration(240)).toBe('240 ms');
    expect(formatDuration(1000)).toBe('1.0 s');
    expect(formatDuration(3140)).toBe('3.1 s');
    expect(formatDuration(10_000)).toBe('10 s');
    expect(formatDuration(59_400)).toBe('59 s');
    expect(formatDuration(12 * 60_000 + 30_000)).toBe('12 min');
    expect(formatDuration((3 * 3600 + 5 * 60) * 1000)).toBe('3 h 5 min');
    expect(formatDuration(2 * 3600_000)).toBe('2 h');
    expect(formatDuration(52 * 3600 * 1000)).toBe('2 d 4 h');
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('—');
    expect(formatOptionalDuration(null)).toBe('—');
    expect(formatOptionalDuration(850)).toBe('850 ms');
  });

  it('whole seconds for lags, ages and Retry-After', () => {
    expect(formatSeconds(0)).toBe('0 s');
    expect(formatSeconds(5)).toBe('5 s');
    expect(formatSeconds(45)).toBe('45 s');
    expect(formatSeconds(720)).toBe('12 min');
    expect(formatSeconds(1920)).toBe('32 min');
    expect(formatSeconds(3 * 3600 + 5 * 60)).toBe('3 h 5 min');
    expect(formatSeconds(48 * 3600)).toBe('2 d');
  });

  it('grows with its input', () => {
    // Parsed back to seconds, a longer duration never prints shorter.
    const seconds = (text: string): number =>
      text.split(' ').reduce<[number, number | null]>(
        ([sum, pending], word) => {
          if (pending === null) return [sum, Number(word)];
          const f = { ms: 0.001, s: 1, min: 60, h: 3600, d: 86_400 }[word]!;
          return [sum + pending * f, null];
        },
        [0, null],
      )[0];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 10_000_000 }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(seconds(formatSeconds(lo))).toBeLessThanOrEqual(seconds(formatSeconds(hi)));
      }),
    );
  });

  it('ages', () => {
    expect(formatAge(1000, 1200)).toBe('just now');
    expect(formatAge(0, 12_000)).toBe('12 s ago');
    expect(formatAge(0, 61_000)).toBe('1 min ago');
    expect(formatAge(0, 3 * 3600_000)).toBe('3 h ago');
    expect(formatAge(0, 5 * 86_400_000)).toBe('5 d ago');
    expect(formatAge(5000, 0)).toBe('just now');
  });
});

describe('counts and ratios', () => {
  it('counts through Intl with thousands separators', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(1234)).toBe('1,234');
    expect(formatCount(50_000)).toBe('50,000');
    expect(formatOptionalCount(null)).toBe('—');
    expect(formatOptionalCount(7)).toBe('7');
  });

  it('ratios 0–1 and percentages 0–100', () => {
    expect(formatRatio(0.875)).toBe('87.5 %');
    expect(formatRatio(null)).toBe('—');
    expect(formatRatio(Number.NaN)).toBe('—');
    expect(formatPercent(87.4)).toBe('87 %');
    expect(formatPercent(4.46)).toBe('4.5 %');
    expect(formatPercent(null)).toBe('—');
  });
});
