import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drain, rowSteps, rowsFromColumns, rowsInOrder, sortAndFilter, type CacheRow, type SortKey } from '../../../../../renderer/features/caches/repo-rows';

const columns = {
  projectKey: ['PLAT', 'WEB', 'PLAT', 'OPS'],
  repoSlug: ['api', 'ui', 'lib', 'bot'],
  size: [10, null, 30, 5],
  hits: [5, 50, null, 0],
  misses: [5, 0, 3, 0],
  lastAccessed: [3, 2, 1, null],
  entries: [1, 2, 0, 0],
};

describe('the repository table rows', () => {
  it('come from the columns with a hit ratio only where both counters exist', () => {
    const rows = rowsFromColumns(columns);
    expect(rows.map((r) => [r.key, r.hitRatio])).toEqual([
      ['PLAT/api', 0.5],
      ['WEB/ui', 1],
      ['PLAT/lib', null],
      ['OPS/bot', null],
    ]);
  });

  it('keep the same object for a row a poll did not change, and build new ones for the rest', () => {
    const before = rowsFromColumns(columns);
    const after = drain(
      rowSteps(
        {
          ...columns,
          hits: [5, 51, null, 0],
          // A repository moved: a different one now sits at the last place.
          repoSlug: ['api', 'ui', 'lib', 'cron'],
        },
        before,
      ),
    );
    expect(after[0]).toBe(before[0]);
    expect(after[2]).toBe(before[2]);
    expect(after[1]).not.toBe(before[1]);
    expect(after[1]).toMatchObject({ key: 'WEB/ui', hits: 51, hitRatio: 1 });
    expect(after[3]).toMatchObject({ key: 'OPS/cron', hits: 0 });
    // Whatever was reused, the rows equal those built afresh.
    expect(after).toEqual(rowsFromColumns({ ...columns, hits: [5, 51, null, 0], repoSlug: ['api', 'ui', 'lib', 'cron'] }));
  });

  it('sort by any figure with unknown values last in both directions, and filter by name', () => {
    const rows = rowsFromColumns(columns);
    const keys = (key: SortKey, descending: boolean, q = '') => sortAndFilter(rows, { key, descending }, q).map((r) => r.key);
    expect(keys('hits', true)).toEqual(['WEB/ui', 'PLAT/api', 'OPS/bot', 'PLAT/lib']);
    expect(keys('hits', false)).toEqual(['OPS/bot', 'PLAT/api', 'WEB/ui', 'PLAT/lib']);
    expect(keys('size', false)).toEqual(['OPS/bot', 'PLAT/api', 'PLAT/lib', 'WEB/ui']);
    expect(keys('lastAccessed', true)).toEqual(['PLAT/api', 'WEB/ui', 'PLAT/lib', 'OPS/bot']);
    expect(keys('repository', false)).toEqual(['OPS/bot', 'PLAT/api', 'PLAT/lib', 'WEB/ui']);
    expect(keys('repository', true, 'plat/')).toEqual(['PLAT/lib', 'PLAT/api']);
    expect(rows.map((r) => r.key)).toEqual(['PLAT/api', 'WEB/ui', 'PLAT/lib', 'OPS/bot']);
  });

  it('keep every filtered row exactly once, in order, whatever the figures (property)', () => {
    const figure = fc.option(fc.nat({ max: 1_000 }), { nil: null });
    const row = fc.record({ slug: fc.stringMatching(/^[a-z]{1,6}$/), size: figure, hits: figure, misses: figure, last: figure });
    fc.assert(
      fc.property(
        fc.uniqueArray(row, { selector: (r) => r.slug, maxLength: 60 }),
        fc.constantFrom<SortKey>('repository', 'hitRatio', 'hits', 'misses', 'size', 'lastAccessed'),
        fc.boolean(),
        (list, key, descending) => {
          const rows = rowsFromColumns({
            projectKey: list.map(() => 'P'),
            repoSlug: list.map((r) => r.slug),
            size: list.map((r) => r.size),
            hits: list.map((r) => r.hits),
            misses: list.map((r) => r.misses),
            lastAccessed: list.map((r) => r.last),
            entries: list.map(() => 1),
          });
          const out = sortAndFilter(rows, { key, descending }, '');
          expect(new Set(out.map((r) => r.key))).toEqual(new Set(rows.map((r) => r.key)));
          if (key === 'repository') return;
          const values = out.map((r: CacheRow) => r[key]);
          const firstNull = values.indexOf(null);
          if (firstNull >= 0) expect(values.slice(firstNull).every((v) => v === null)).toBe(true);
          const known = values.filter((v): v is number => v !== null);
          for (let i = 1; i < known.length; i += 1) expect(descending ? known[i - 1]! >= known[i]! : known[i - 1]! <= known[i]!).toBe(true);
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('in order, built a slice at a time, are the rows the order names (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 30 }), { maxLength: 2_000 }), (picks) => {
        const rows = rowsFromColumns({
          projectKey: Array.from({ length: 31 }, () => 'P'),
          repoSlug: Array.from({ length: 31 }, (_, i) => `r${i}`),
          size: Array.from({ length: 31 }, () => null),
          hits: Array.from({ length: 31 }, (_, i) => i),
          misses: Array.from({ length: 31 }, () => 0),
          lastAccessed: Array.from({ length: 31 }, () => null),
          entries: Array.from({ length: 31 }, () => 0),
        });
        const order = Uint32Array.from(picks);
        const steps = rowsInOrder(rows, order);
        let yields = 0;
        let step = steps.next();
        while (!step.done) {
          yields += 1;
          step = steps.next();
        }
        expect(step.value).toEqual(Array.from(order, (i) => rows[i]));
        expect(yields).toBe(Math.floor(picks.length / 512));
      }),
      { numRuns: 200 },
    );
  });
});
