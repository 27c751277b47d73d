import { useSyncExternalStore } from 'react';

const TICK_MS = 1000;
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;

const subscribe = (listener: () => void): (() => void) => {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
};

/**
 * The current time, ticking once a second through one shared timer that runs only while
 * something shows it, so only the "12 s ago" leaves re-render, never the cards around them.
 */
export const useNow = (): number => useSyncExternalStore(subscribe, () => now);

/**
 * The current time rounded up to a multiple of `stepMs`: a component re-renders only when it moves
 * a step (a live one-hour chart every 36 s), not on every tick of the clock.
 */
export const useSteppedNow = (stepMs: number): number => useSyncExternalStore(subscribe, () => Math.ceil(now / stepMs) * stepMs);
