import type { FleetApi } from '../../../shared/contract';
import type { CacheRepositoryColumns } from '../../../shared/model/cache';

/**
 * Rows a page of the per-repository table carries (≈ 250 kB of JSON). One answer of 50,000 rows
 * (2.5 MB) was received, decoded and handed over by Chromium's loader in tasks of 90–120 ms of
 * CPU at 2× throttling (CDP trace of bench/views-at-scale.bench.ts, 4 December); a page is a
 * tenth of that, and the pages arrive in tasks of their own.
 */
export const CACHE_PAGE_ROWS = 5_000;
/** Reads started over when the table changed between two of its pages, before giving up. */
const ATTEMPTS = 3;

type Read = FleetApi['getCacheRepositories'];

const append = (into: CacheRepositoryColumns, page: CacheRepositoryColumns): void => {
  for (const name of Object.keys(into) as (keyof CacheRepositoryColumns)[]) {
    const to = into[name] as unknown[];
    for (const v of page[name]) to.push(v);
  }
};

/**
 * Every row of a primary's table, read page by page. Each page says when the engine's table was
 * built (`updatedAt`): when a later page comes from a newer table than the first, the read starts
 * over, so no row is missed or counted twice.
 */
export async function readRepositoryPages(read: Read, primaryId: string, pageRows = CACHE_PAGE_ROWS): Promise<CacheRepositoryColumns> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const first = await read({ primaryId, offset: 0, limit: pageRows });
    const rows = first.rows;
    let pageLength = rows.projectKey.length;
    let consistent = true;
    while (consistent && pageLength === pageRows) {
      const page = await read({ primaryId, offset: rows.projectKey.length, limit: pageRows });
      consistent = page.updatedAt === first.updatedAt && page.source === first.source;
      if (consistent) append(rows, page.rows);
      pageLength = page.rows.projectKey.length;
    }
    if (consistent) return rows;
  }
  throw new Error(`the table changed while it was read, ${ATTEMPTS} times in a row; it is read again at the next poll`);
}
