import { useEffect, useState } from 'react';
import { selectFirstPollIn, selectHasSnapshot, useFleetStore } from './fleet.store';

/** The longest a start's background work waits for a primary's first poll: a poll can hang. */
export const FIRST_POLL_AT_THE_LATEST_MS = 5000;

/**
 * True once a primary's first poll is in (`selectFirstPollIn`), or 5 s after the first snapshot.
 * What the page asks or loads before that competes with the first poll, which the first data on
 * screen waits for (issue 13 item 7), in the engine's one event loop and in the page.
 */
export function useFirstPollIn(): boolean {
  const ready = useFleetStore(selectHasSnapshot);
  const firstPollIn = useFleetStore(selectFirstPollIn);
  const [late, setLate] = useState(false);
  useEffect(() => {
    if (!ready || firstPollIn) return;
    const timer = setTimeout(() => setLate(true), FIRST_POLL_AT_THE_LATEST_MS);
    return () => clearTimeout(timer);
  }, [ready, firstPollIn]);
  return firstPollIn || late;
}
