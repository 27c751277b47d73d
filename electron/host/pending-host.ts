import type { FleetHost } from './host-types';

type Served = Pick<FleetHost, 'dispatch' | 'on'>;

/**
 * A host that is still starting, as the server sees it: requests wait for it, subscriptions are
 * made once it is there. `serve` listens (and prints its URL) while the fleet and the engine start,
 * so the browser loads the page meanwhile (issue 13 item 7). If the host fails to start, requests
 * are answered with why, and `serve` exits with that error.
 */
export function pendingHost(starting: Promise<Served>): Served {
  let host: Served | null = null;
  let failure: string | null = null;
  const settled = starting.then(
    (h) => {
      host = h;
    },
    (err: unknown) => {
      failure = err instanceof Error ? err.message : String(err);
    },
  );
  return {
    dispatch: async (name, args, caller) => {
      await settled;
      if (host) return host.dispatch(name, args, caller);
      return { ok: false, error: { code: 'internal', message: `Fleetscope could not start watching the fleet (${failure ?? 'unknown'}); see its console.` } };
    },
    on: (event, listener) => {
      if (host) return host.on(event, listener);
      let off: (() => void) | null = null;
      let cancelled = false;
      void settled.then(() => {
        if (!cancelled && host) off = host.on(event, listener);
      });
      return () => {
        cancelled = true;
        off?.();
      };
    },
  };
}
