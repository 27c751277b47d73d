import { describe, expect, it } from 'vitest';
import type { FleetHost } from '../../../electron/host/host-types';
import { afterFirstSnapshot, type Timers } from '../../../electron/host/first-snapshot';

/** A host whose snapshot listeners the test calls, and timers the test fires: no real time passes. */
const setup = () => {
  const listeners = new Set<(payload: unknown) => void>();
  const host: Pick<FleetHost, 'on'> = {
    on: (event, listener) => {
      expect(event).toBe('snapshot');
      const l = listener as (payload: unknown) => void;
      listeners.add(l);
      return () => void listeners.delete(l);
    },
  };
  const pending = new Map<number, { fn: () => void; ms: number }>();
  let next = 0;
  const timers: Timers = {
    set: (fn, ms) => {
      pending.set(++next, { fn, ms });
      return next;
    },
    clear: (h) => void pending.delete(h as number),
  };
  return { host, listeners, pending, timers };
};

const settledYet = async (p: Promise<void>): Promise<boolean> => {
  let settled = false;
  void p.then(() => (settled = true));
  for (let i = 0; i < 5; i++) await Promise.resolve();
  return settled;
};

describe('what serve --demo starts after the first snapshot', () => {
  it('waits for the first published snapshot, then lets go of the host and the timer', async () => {
    const { host, listeners, pending, timers } = setup();
    const waiting = afterFirstSnapshot(host, 5_000, timers);
    expect(await settledYet(waiting)).toBe(false);
    expect([...pending.values()].map((t) => t.ms)).toEqual([5_000]);
    [...listeners].forEach((l) => l({}));
    expect(await settledYet(waiting)).toBe(true);
    expect(listeners.size).toBe(0);
    expect(pending.size).toBe(0);
  });

  it('goes on after the longest wait when no snapshot comes (a first poll that hangs)', async () => {
    const { host, listeners, pending, timers } = setup();
    const waiting = afterFirstSnapshot(host, 5_000, timers);
    expect(await settledYet(waiting)).toBe(false);
    [...pending.values()].forEach((t) => t.fn());
    expect(await settledYet(waiting)).toBe(true);
    expect(listeners.size).toBe(0);
  });
});
