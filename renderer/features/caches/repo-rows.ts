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

/** Elements handled between two chances to stop: about 0.1 ms of work on a slow core. */
const STEP = 512;

/** Runs a generator of steps to its end at once (tests, and callers with little work). */
export function drain<T>(steps: Generator<void, T>): T {
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/** Columns from the engine into rows, all at once. */
export const rowsFromColumns = (c: CacheRepositoryColumns): CacheRow[] => drain(rowSteps(c, null));

const sameRow = (r: CacheRow, c: CacheRepositoryColumns, i: number): boolean =>
  r.projectKey === c.projectKey[i] &&
  r.repoSlug === c.repoSlug[i] &&
  r.size === (c.size[i] ?? null) &&
  r.hits === (c.hits[i] ?? null) &&
  r.misses === (c.misses[i] ?? null) &&
  r.lastAccessed === (c.lastAccessed[i] ?? null) &&
  r.entries === (c.entries[i] ?? 0);

/**
 * Columns from the engine into rows, yielding every `STEP` rows. A row whose figures did not
 * change since `previous` (same place: the engine keeps its order across polls) is that same
 * object, so a poll allocates only what changed and the memoised table rows see equal props.
 */
export function* rowSteps(c: CacheRepositoryColumns, previous: readonly CacheRow[] | null): Generator<void, CacheRow[]> {
  const n = c.projectKey.length;
  const rows = new Array<CacheRow>(n);
  for (let i = 0; i < n; i += 1) {
    const before = previous?.[i];
    if (before !== undefined && sameRow(before, c, i)) {
      rows[i] = before;
    } else {
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
    if (i % STEP === STEP - 1) yield;
  }
  return rows;
}

/**
 * Filters by a substring of PROJECT/slug and sorts; unknown values go last whatever the
 * direction, since "unknown" is neither high nor low. The sort is stable, so ties keep the order
 * Bitbucket listed them in, and a poll that changes nothing moves nothing. All at once: the table
 * itself runs `orderSteps` in slices (slice-runner.ts) so 10,000 rows never block a frame.
 */
export function sortAndFilter(rows: readonly CacheRow[], sort: SortState, query: string): CacheRow[] {
  return drain(rowsInOrder(rows, drain(orderSteps(rows, sort, query))));
}

/**
 * The rows an order names, yielding every `STEP` rows: at 50,000 rows, building that array in one
 * go (with the young-generation collection it set off) was a task of 61 ms wall at 2× CPU when
 * Caches opened (CDP profile, 4 December).
 */
export function* rowsInOrder(rows: readonly CacheRow[], order: Uint32Array): Generator<void, CacheRow[]> {
  const out = new Array<CacheRow>(order.length);
  for (let i = 0; i < order.length; i += 1) {
    out[i] = rows[order[i] as number] as CacheRow;
    if (i % STEP === STEP - 1) yield;
  }
  return out;
}

/**
 * The order of the rows kept by the filter, as indexes into `rows`, built by an insertion sort of
 * short runs and a bottom-up merge; it yields every `STEP` elements so a caller can stop and let
 * the browser paint. The figures are copied into a typed array first: the comparisons then read
 * numbers, not row objects.
 */
export function* orderSteps(rows: readonly CacheRow[], sort: SortState, query: string): Generator<void, Uint32Array> {
  const q = query.trim().toLowerCase();
  let kept = new Uint32Array(rows.length);
  let n = 0;
  for (let i = 0; i < rows.length; i += 1) {
    if (q === '' || (rows[i] as CacheRow).key.toLowerCase().includes(q)) kept[n++] = i;
    if (i % STEP === STEP - 1) yield;
  }
  kept = kept.slice(0, n);
  const dir = sort.descending ? -1 : 1;
  const key = sort.key;
  let compare: (a: number, b: number) => number;
  if (key === 'repository') {
    const names = rows.map((r) => r.key);
    compare = (a, b) => {
      const x = names[a] as string;
      const y = names[b] as string;
      return x < y ? -dir : x > y ? dir : a - b;
    };
  } else {
    const values = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i += 1) values[i] = (rows[i] as CacheRow)[key] ?? Number.NaN;
    yield;
    compare = (a, b) => {
      const x = values[a] as number;
      const y = values[b] as number;
      const xu = Number.isNaN(x);
      const yu = Number.isNaN(y);
      if (xu || yu) return xu === yu ? a - b : xu ? 1 : -1;
      return x === y ? a - b : dir * (x - y);
    };
  }
  const RUN = 32;
  for (let start = 0; start < n; start += RUN) {
    const end = Math.min(n, start + RUN);
    for (let i = start + 1; i < end; i += 1) {
      const v = kept[i] as number;
      let j = i - 1;
      while (j >= start && compare(kept[j] as number, v) > 0) {
        kept[j + 1] = kept[j] as number;
        j -= 1;
      }
      kept[j + 1] = v;
    }
    if ((start / RUN) % (STEP / RUN) === STEP / RUN - 1) yield;
  }
  let from = kept;
  let to = new Uint32Array(n);
  for (let width = RUN; width < n; width *= 2) {
    let done = 0;
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(n, lo + width);
      const hi = Math.min(n, lo + 2 * width);
      let i = lo;
      let j = mid;
      for (let k = lo; k < hi; k += 1) {
        to[k] = (j >= hi || (i < mid && compare(from[i] as number, from[j] as number) <= 0) ? from[i++] : from[j++]) as number;
        done += 1;
        if (done % STEP === 0) yield;
      }
    }
    [from, to] = [to, from];
  }
  return from;
}
