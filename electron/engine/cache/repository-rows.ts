import type { CacheRepository, CacheRepositoryColumns } from '../../../shared/model';
import { cell, type FeedColumns } from './feed-columns';

const noRows = (): CacheRepositoryColumns => ({ projectKey: [], repoSlug: [], size: [], hits: [], misses: [], lastAccessed: [], entries: [] });

/** `limit` rows of the statistics' columns from `offset` on, in the shape the Caches view reads. */
export function feedRows(c: FeedColumns, offset: number, limit: number): CacheRepositoryColumns {
  const rows = noRows();
  const end = Math.min(c.length, offset + limit);
  rows.projectKey = c.projectKey.slice(offset, end);
  rows.repoSlug = c.repoSlug.slice(offset, end);
  for (let i = offset; i < end; i++) {
    rows.size.push(cell(c.size, i));
    rows.hits.push(cell(c.hits, i));
    rows.misses.push(cell(c.misses, i));
    rows.lastAccessed.push(cell(c.lastAccessed, i));
    rows.entries.push(c.entries[i]!);
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
