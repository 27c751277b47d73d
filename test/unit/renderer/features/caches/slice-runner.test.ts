import { describe, expect, it } from 'vitest';
import { orderSteps, rowsFromColumns, sortAndFilter, type SortState } from '../../../../../renderer/features/caches/repo-rows';
import { runSliced } from '../../../../../renderer/features/caches/slice-runner';

const rowsOf = (n: number) =>
  rowsFromColumns({
    projectKey: Array.from({ length: n }, (_, i) => (i % 2 ? 'WEB' : 'PLAT')),
    repoSlug: Array.from({ length: n }, (_, i) => `repo-${String(i).padStart(5, '0')}`),
    size: Array.from({ length: n }, (_, i) => (i % 7 === 0 ? null : (i * 7919) % 1000)),
    hits: Array.from({ length: n }, (_, i) => (i * 104_729) % 5000),
    misses: Array.from({ length: n }, () => 1),
    lastAccessed: Array.from({ length: n }, (_, i) => i),
    entries: Array.from({ length: n }, () => 1),
  });

/** A clock that advances one ms per reading: slices end by the count of readings, not real time. */
const tickingClock = () => {
  let t = 0;
  return () => (t += 1);
};

describe('ordering the cache table in slices', () => {
  it('gives the same order as sorting at once, yielding between slices', async () => {
    const rows = rowsOf(5_000);
    const sort: SortState = { key: 'size', descending: true };
    let yields = 0;
    const order = await runSliced(orderSteps(rows, sort, 'plat/'), {
      budgetMs: 5,
      now: tickingClock(),
      yieldNow: async () => void (yields += 1),
      cancelled: () => false,
    });
    expect(Array.from(order!, (i) => rows[i]!.key)).toEqual(sortAndFilter(rows, sort, 'plat/').map((r) => r.key));
    expect(order!.length).toBe(2_500);
    // 5,000 rows in steps of 512 elements with 4 steps a slice: many slices, so many yields.
    expect(yields).toBeGreaterThan(3);
  });

  it('stops at the next slice once the answer is no longer wanted', async () => {
    let wanted = true;
    const order = await runSliced(orderSteps(rowsOf(5_000), { key: 'hits', descending: false }, ''), {
      budgetMs: 2,
      now: tickingClock(),
      yieldNow: async () => void (wanted = false),
      cancelled: () => !wanted,
    });
    expect(order).toBeNull();
  });
});
