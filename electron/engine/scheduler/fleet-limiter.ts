import { HostLimiter, type HostLimiterOptions } from './host-limiter';

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
    this.fleetWide = new HostLimiter({
      concurrency: opts.maxInFlight ?? 16,
      budgetCapacity: 1e9,
      budgetPerSecond: 1e9,
      ...(opts.now ? { now: opts.now } : {}),
    });
  }

  override run<T>(origin: string, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
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
        ),
      signal,
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
