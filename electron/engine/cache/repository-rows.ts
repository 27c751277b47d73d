import type { CacheRepository, CacheRepositoryColumns } from '../../../shared/model';
import { cell, type FeedColumns } from './feed-columns';

const noRows = (): CacheRepositoryColumns => ({ projectKey: [], repoSlug: [], size: [], hits: [], misses: [], lastAccessed: [], entries: [] });

/** `limit` rows of the statistics' columns from `offset` on, in the shape the Caches view reads. */
export function feedRows(c: FeedColumns, offset: number, limit: number): CacheRepositoryColumns {
  const end = Math.min(c.length, offset + limit);
  const n = Math.max(0, end - offset);
  // Sized at once, not pushed: a scrape with the per-repository opt-in reads every primary's table.
  const rows: CacheRepositoryColumns = {
    projectKey: c.projectKey.slice(offset, end),
    repoSlug: c.repoSlug.slice(offset, end),
    size: new Array<number | null>(n),
    hits: new Array<number | null>(n),
    misses: new Array<number | null>(n),
    lastAccessed: new Array<number | null>(n),
    entries: Array.from(c.entries.subarray(offset, end)),
  };
  for (let k = 0; k < n; k++) {
    const i = offset + k;
    rows.size[k] = cell(c.size, i);
    rows.hits[k] = cell(c.hits, i);
    rows.misses[k] = cell(c.misses, i);
    rows.lastAccessed[k] = cell(c.lastAccessed, i);
  }
  return rows;
}

/** Repositories looked up one by one (when the statistics list none), as columns. */
export function lookupRows(repos: readonly CacheRepository[]): CacheRepositoryColumns {
  const rows = noRows();
  for (const r of repos) {
    rows.projectKey.push(r.projectKey);
    rows.repoSlug.push(r.repoSlug);
    rows.size.push(r.size);
    rows.hits.push(r.hits);
    rows.misses.push(r.misses);
    rows.lastAccessed.push(r.lastAccessed);
    rows.entries.push(r.entries.length);
  }
  return rows;
}
