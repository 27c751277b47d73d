import { describe, expect, it } from 'vitest';
import { cacheRepositoryColumnsSchema } from '../../../../shared/model/cache';

const good = {
  projectKey: ['PLAT', 'WEB'],
  repoSlug: ['api', 'ui'],
  size: [10, null],
  hits: [5, 0],
  misses: [null, 3],
  lastAccessed: [1_700_000_000_000, null],
  entries: [2, 0],
};

describe('the per-repository cache columns', () => {
  it('accept strings, figures or nulls, and whole counts', () => {
    expect(cacheRepositoryColumnsSchema.parse(good)).toEqual(good);
  });

  it.each([
    ['a number among the names', { projectKey: ['PLAT', 7] }, 'projectKey'],
    ['text among the figures', { hits: [5, '0'] }, 'hits'],
    ['an infinite figure', { size: [Number.POSITIVE_INFINITY, null] }, 'size'],
    ['a negative count', { entries: [2, -1] }, 'entries'],
    ['a fractional count', { entries: [2, 0.5] }, 'entries'],
    ['a null count', { entries: [2, null] }, 'entries'],
    ['a column that is not an array', { repoSlug: 'api' }, 'repoSlug'],
  ])('reject %s, naming the column', (_name, patch, column) => {
    const parsed = cacheRepositoryColumnsSchema.safeParse({ ...good, ...patch });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual([column]);
  });
});
