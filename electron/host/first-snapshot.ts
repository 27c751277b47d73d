import type { FleetHost } from './host-types';

export interface Timers {
  set: (fn: () => void, ms: number) => unknown;
  clear: (handle: unknown) => void;
}

const realTimers: Timers = { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as NodeJS.Timeout) };

/**
 * Settles at the host's first published snapshot, or after `maxMs` if none comes (a fleet whose
 * first poll hangs). `serve --demo` starts what the first screen does not need (prom-client and
 * the metrics) after it: on the same event loop they delayed the first count (issue 13 item 7).
 */
export function afterFirstSnapshot(host: Pick<FleetHost, 'on'>, maxMs: number, timers: Timers = realTimers): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = (): void => {
      off();
      timers.clear(timer);
      resolve();
    };
    const off = host.on('snapshot', done);
    const timer = timers.set(done, maxMs);
  });
}
