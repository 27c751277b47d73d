import { useEffect, useRef, useState } from 'react';
import type { CacheRepositoryColumns } from '../../../shared/model/cache';
import { orderSteps, rowSteps, rowsInOrder, type CacheRow, type SortState } from './repo-rows';
import { runSliced, yieldToBrowser } from './slice-runner';

/** Work between two yields: well under the 50 ms of a long task even on a throttled core. */
const SLICE_MS = 8;

export interface OrderedRows {
  /** Every row of the table, in the engine's order; null until the first rows are built. */
  all: readonly CacheRow[] | null;
  /** The rows shown, in order; null until the first order is ready. */
  rows: readonly CacheRow[] | null;
  /** The sort and filter `rows` follow (the asked ones once the order is ready). */
  sort: SortState | null;
  query: string;
  /** Why the last order failed, in words; null when it did not. */
  error: string | null;
}

type Built = { from: CacheRepositoryColumns; rows: CacheRow[] };

/**
 * Builds the table's rows from the engine's columns, then sorts and filters them, in slices that
 * yield to the browser, so a poll's 10,000 new figures or a click on a column never block a frame.
 * Rows whose figures did not change keep their identity across polls (the memoised rows do not
 * re-render). What was shown stays until the new order is ready; an order no longer wanted (newer
 * columns, another click) is dropped unfinished.
 */
export function useOrderedRows(columns: CacheRepositoryColumns | null, sort: SortState, query: string): OrderedRows {
  const [ordered, setOrdered] = useState<OrderedRows>({ all: null, rows: null, sort: null, query: '', error: null });
  const built = useRef<Built | null>(null);
  useEffect(() => {
    if (columns === null) return;
    let cancelled = false;
    const last = built.current;
    function* steps(): Generator<void, { all: CacheRow[]; rows: CacheRow[] }> {
      const all = last?.from === columns ? last.rows : yield* rowSteps(columns as CacheRepositoryColumns, last?.rows ?? null);
      built.current = { from: columns as CacheRepositoryColumns, rows: all };
      const order = yield* orderSteps(all, sort, query);
      return { all, rows: yield* rowsInOrder(all, order) };
    }
    runSliced(steps(), {
      budgetMs: SLICE_MS,
      now: () => performance.now(),
      yieldNow: yieldToBrowser,
      cancelled: () => cancelled,
    }).then(
      (done) => {
        if (done !== null && !cancelled) setOrdered({ all: done.all, rows: done.rows, sort, query, error: null });
      },
      (error: unknown) => {
        const why = error instanceof Error ? error.message : String(error);
        if (!cancelled)
          setOrdered((o) => ({
            ...o,
            error: `Could not order the repositories (${why}). The order shown is the last one; change the sort or reload the view.`,
          }));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [columns, sort, query]);
  return ordered;
}
