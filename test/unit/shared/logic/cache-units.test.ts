import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatTtl, parseTtl, splitTtl, TTL_UNITS } from '../../../../shared/logic/cache-units';
import { formatBytes, formatRatio } from '../../../../shared/logic/units';
import { cacheRequestSchemas } from '../../../../shared/contract/cache-requests';
import { MAX_CACHE_TTL_SECONDS } from '../../../../shared/model/cache';

describe('TTL in human units', () => {
  it('accepts whole seconds in any unit, up to 30 days', () => {
    expect(parseTtl('4', 'h')).toEqual({ ok: true, seconds: 14_400 });
    expect(parseTtl('1.5', 'min')).toEqual({ ok: true, seconds: 90 });
    expect(parseTtl('0.1', 'h')).toEqual({ ok: true, seconds: 360 });
    expect(parseTtl('0', 's')).toEqual({ ok: true, seconds: 0 });
    expect(parseTtl('30', 'd')).toEqual({ ok: true, seconds: MAX_CACHE_TTL_SECONDS });
  });

  it('refuses what must never reach Bitbucket, saying why', () => {
    expect(parseTtl('', 'h')).toMatchObject({ ok: false, message: 'Enter a TTL.' });
    expect(parseTtl('-1', 's')).toMatchObject({ ok: false, message: 'A TTL cannot be negative.' });
    expect(parseTtl('1.5', 's')).toMatchObject({ ok: false, message: expect.stringMatching(/whole seconds/) });
    expect(parseTtl('0.001', 'h')).toMatchObject({ ok: false, message: expect.stringMatching(/whole seconds/) });
    expect(parseTtl('31', 'd')).toMatchObject({ ok: false, message: expect.stringMatching(/longer than the 30 d/) });
    expect(parseTtl('1e3', 's')).toMatchObject({ ok: false, message: expect.stringMatching(/not a number/) });
    expect(parseTtl('12abc', 's').ok).toBe(false);
    expect(parseTtl('NaN', 's').ok).toBe(false);
  });

  it('agrees with the contract: whatever parseTtl accepts, setCacheTtl accepts (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.double().map(String), fc.integer({ min: -10, max: 3_000_000 }).map(String)),
        fc.constantFrom(...TTL_UNITS.map((u) => u.id)),
        (text, unit) => {
          const r = parseTtl(text, unit);
          if (r.ok) expect(cacheRequestSchemas.setCacheTtl.args.safeParse({ primaryId: 'p', cache: 'refs', seconds: r.seconds }).success).toBe(true);
        },
      ),
      { numRuns: 1_000 },
    );
    expect(cacheRequestSchemas.setCacheTtl.args.safeParse({ primaryId: 'p', cache: 'refs', seconds: 1.5 }).success).toBe(false);
    expect(cacheRequestSchemas.setCacheTtl.args.safeParse({ primaryId: 'p', cache: 'refs', seconds: -1 }).success).toBe(false);
    expect(cacheRequestSchemas.setCacheTtl.args.safeParse({ primaryId: 'p', cache: 'refs', seconds: MAX_CACHE_TTL_SECONDS + 1 }).success).toBe(false);
  });

  it('shows a TTL in the largest unit that divides it', () => {
    expect(splitTtl(14_400)).toEqual({ value: 4, unit: 'h' });
    expect(splitTtl(5_400)).toEqual({ value: 90, unit: 'min' });
    expect(splitTtl(45)).toEqual({ value: 45, unit: 's' });
    expect(formatTtl(86_400)).toBe('1 d');
    expect(formatTtl(0)).toBe('0 s (expire at once)');
    expect(formatTtl(null)).toBe('—');
  });
});

describe('cache figures', () => {
  it('formats bytes and ratios, unknown as a dash', () => {
    expect(formatBytes(734_003_200)).toBe('734 MB');
    expect(formatBytes(5_368_709_120)).toBe('5.37 GB');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(null)).toBe('—');
    expect(formatRatio(0.875)).toBe('87.5 %');
    expect(formatRatio(null)).toBe('—');
  });

  it('accepts clearCache for one repository or all, never half of one', () => {
    const a = cacheRequestSchemas.clearCache.args;
    expect(a.safeParse({ primaryId: 'p' }).success).toBe(true);
    expect(a.safeParse({ primaryId: 'p', projectKey: 'PLAT', repoSlug: 'payments-api' }).success).toBe(true);
    expect(a.safeParse({ primaryId: 'p', projectKey: 'PLAT' }).success).toBe(false);
    expect(a.safeParse({ primaryId: 'p', projectKey: 'PLAT', repoSlug: '../admin' }).success).toBe(false);
    expect(a.safeParse({ primaryId: 'p', projectKey: '~ALICE', repoSlug: 'dotfiles.old' }).success).toBe(true);
  });
});
