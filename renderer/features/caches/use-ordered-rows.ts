import { useEffect, useState } from 'react';
import { orderSteps, type CacheRow, type SortState } from './repo-rows';
import { runSliced, yieldToBrowser } from './slice-runner';

/** Work between two yields: well under the 50 ms of a long task even on a throttled core. */
const SLICE_MS = 8;

export interface OrderedRows {
  /** The rows shown, in order; null until the first order is ready. */
  rows: readonly CacheRow[] | null;
  /** The sort and filter `rows` follow (the asked ones once the order is ready). */
  sort: SortState | null;
  query: string;
}

/**
 * Sorts and filters the table's rows in slices that yield to the browser, so a poll's 10,000 new
 * rows or a click on a column never block a frame. What was shown stays until the new order is
 * ready; an order no longer wanted (newer rows, another click) is dropped unfinished.
 */
export function useOrderedRows(rows: readonly CacheRow[] | null, sort: SortState, query: string): OrderedRows {
  const [ordered, setOrdered] = useState<OrderedRows>({ rows: null, sort: null, query: '' });
  useEffect(() => {
    if (rows === null) return;
    let cancelled = false;
    void runSliced(orderSteps(rows, sort, query), {
      budgetMs: SLICE_MS,
      now: () => performance.now(),
      yieldNow: yieldToBrowser,
      cancelled: () => cancelled,
    }).then((order) => {
      if (order !== null && !cancelled) setOrdered({ rows: Array.from(order, (i) => rows[i] as CacheRow), sort, query });
    });
    return () => {
      cancelled = true;
    };
  }, [rows, sort, query]);
  return ordered;
}
