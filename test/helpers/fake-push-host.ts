import type { EventName } from '../../shared/contract';
import type { HostCore } from '../../electron/host/host-types';
import type { SetTimer } from '../../electron/host/snapshot-feed';

/** A host whose events a test fires by hand; `getSnapshot` answers `current`. */
export function fakePushHost(current: () => unknown) {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const host: Pick<HostCore, 'on' | 'dispatch'> = {
    on: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
    dispatch: async (name) =>
      name === 'getSnapshot' ? { ok: true, value: current() } : { ok: false, error: { code: 'internal', message: `unexpected ${name}` } },
  };
  const emit = (event: EventName, payload: unknown): void => listeners.get(event)?.forEach((l) => l(payload));
  const count = (): number => [...listeners.values()].reduce((n, s) => n + s.size, 0);
  return { host, emit, count };
}

/** A clock and one-shot timers that run only when the test moves the clock. */
export function manualTimers(start = 0) {
  let t = start;
  const timers = new Set<{ at: number; run: () => void }>();
  const setTimer: SetTimer = (run, ms) => {
    const timer = { at: t + ms, run };
    timers.add(timer);
    return () => timers.delete(timer);
  };
  return {
    now: () => t,
    setTimer,
    /** Moves the clock and runs every timer due by then, in order. */
    advance(ms: number): void {
      t += ms;
      for (const timer of [...timers].sort((a, b) => a.at - b.at)) {
        if (timer.at > t) continue;
        timers.delete(timer);
        timer.run();
      }
    },
    pending: () => timers.size,
  };
}

/** Lets resolved promises (a host's async answer) run their continuations. */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
