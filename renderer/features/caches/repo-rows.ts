import { hitRatioOf, type CacheRepositoryColumns } from '../../../shared/model/cache';

/** One row of the per-repository table. */
export interface CacheRow {
  readonly key: string;
  readonly projectKey: string;
  readonly repoSlug: string;
  readonly size: number | null;
  readonly hits: number | null;
  readonly misses: number | null;
  readonly hitRatio: number | null;
  readonly lastAccessed: number | null;
  readonly entries: number;
}

export type SortKey = 'repository' | 'hitRatio' | 'hits' | 'misses' | 'size' | 'lastAccessed';
export type SortState = { key: SortKey; descending: boolean };

/** Columns from the engine into rows, once per fetch. */
export function rowsFromColumns(c: CacheRepositoryColumns): CacheRow[] {
  const n = c.projectKey.length;
  const rows = new Array<CacheRow>(n);
  for (let i = 0; i < n; i += 1) {
    const projectKey = c.projectKey[i] as string;
    const repoSlug = c.repoSlug[i] as string;
    const hits = c.hits[i] ?? null;
    const misses = c.misses[i] ?? null;
    rows[i] = {
      key: `${projectKey}/${repoSlug}`,
      projectKey,
      repoSlug,
      size: c.size[i] ?? null,
      hits,
      misses,
      hitRatio: hitRatioOf(hits, misses),
      lastAccessed: c.lastAccessed[i] ?? null,
      entries: c.entries[i] ?? 0,
    };
  }
  return rows;
}

/**
 * Filters by a substring of PROJECT/slug and sorts; unknown values go last whatever the
 * direction, since "unknown" is neither high nor low. The sort is stable, so ties keep the order
 * Bitbucket listed them in, and a poll that changes nothing moves nothing.
 */
export function sortAndFilter(rows: readonly CacheRow[], sort: SortState, query: string): CacheRow[] {
  const q = query.trim().toLowerCase();
  const kept = q === '' ? rows.slice() : rows.filter((r) => r.key.toLowerCase().includes(q));
  const dir = sort.descending ? -1 : 1;
  if (sort.key === 'repository') return kept.sort((a, b) => (a.key < b.key ? -dir : a.key > b.key ? dir : 0));
  const key = sort.key;
  return kept.sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return dir * (x - y);
  });
}
