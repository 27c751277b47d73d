import { useEffect, useState } from 'react';
import { selectFirstDataIn, selectHasSnapshot, useFleetStore } from './fleet.store';

/** The longest a start's background work waits for a primary's first data: a poll or a walk can hang. */
export const FIRST_DATA_AT_THE_LATEST_MS = 5000;

/**
 * True once a primary's first poll and first inventory walk are in (`selectFirstDataIn`), or 5 s
 * after the first snapshot. What the page asks or loads before that competes with them, which the
 * first data on screen (the count) waits for (issue 13 item 7), in the engine's one event loop and
 * in the page: loading the other views after the poll alone held the page when the count came.
 */
export function useFirstDataIn(): boolean {
  const ready = useFleetStore(selectHasSnapshot);
  const firstDataIn = useFleetStore(selectFirstDataIn);
  const [late, setLate] = useState(false);
  useEffect(() => {
    if (!ready || firstDataIn) return;
    const timer = setTimeout(() => setLate(true), FIRST_DATA_AT_THE_LATEST_MS);
    return () => clearTimeout(timer);
  }, [ready, firstDataIn]);
  return firstDataIn || late;
}
