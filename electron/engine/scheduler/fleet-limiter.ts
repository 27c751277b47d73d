import { HostLimiter, type HostLimiterOptions, type RequestClass } from './host-limiter';

/**
 * The per-origin limits of {@link HostLimiter} plus one cap on requests in flight across the
 * whole fleet, so a desktop polling many primaries keeps a bounded number of sockets busy.
 * The per-origin slot is taken first: a request never holds a fleet-wide slot while it queues
 * behind its own host.
 */
export class FleetLimiter extends HostLimiter {
  private readonly fleetWide: HostLimiter;
  private started = 0;

  constructor(opts: HostLimiterOptions & { maxInFlight?: number }) {
    super(opts);
    // The fleet-wide limiter only counts: its budget is effectively unlimited.
    const maxInFlight = opts.maxInFlight ?? 16;
    this.fleetWide = new HostLimiter({
      concurrency: maxInFlight,
      // Half the fleet's sockets at most for background walks: the regular cycles keep the rest.
      backgroundConcurrency: Math.max(1, Math.floor(maxInFlight / 2)),
      backgroundReserve: 0,
      budgetCapacity: 1e9,
      budgetPerSecond: 1e9,
      ...(opts.now ? { now: opts.now } : {}),
    });
  }

  override run<T>(origin: string, fn: () => Promise<T>, signal?: AbortSignal, kind: RequestClass = 'regular'): Promise<T> {
    return super.run(
      origin,
      () =>
        this.fleetWide.run(
          '*',
          () => {
            this.started += 1;
            return fn();
          },
          signal,
          kind,
        ),
      signal,
      kind,
    );
  }

  /** Requests started since this limiter was made (for `/metrics`). */
  requestsStarted(): number {
    return this.started;
  }

  /** Requests in flight and queued across the fleet. */
  fleetStats(): { inFlight: number; queued: number } {
    const { inFlight, queued } = this.fleetWide.stats('*');
    return { inFlight, queued };
  }
}
