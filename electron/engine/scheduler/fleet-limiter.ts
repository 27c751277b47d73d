import { channel } from 'node:diagnostics_channel';
import { HostLimiter, type HostLimiterOptions, type RequestClass } from './host-limiter';

/**
 * Each request's passage through the limiter, published when it ends and only while something
 * subscribes (a bench's probe): origin, class, and when it asked, got its host's slot, got the
 * fleet-wide slot and ended (`Date.now` ms), with the fleet-wide slots busy and queued when it
 * asked. Where a poll's time goes before its request exists is not visible from the HTTP layer.
 */
const LIMITER_CHANNEL = 'fleetscope:limiter';
const passages = channel(LIMITER_CHANNEL);

/**
 * Fleet-wide slots background walks may hold at once: all but a quarter of the fleet's sockets
 * (at least one, when there is more than one), which the regular cycles keep; they also go first
 * to every slot that frees. Each walk is a chain of pages with one page in flight, so this is how
 * many primaries walk side by side: with half
 * (8 of 16), ten primaries' 20-page walks took 28 round trips instead of 23 (docs/scale.md).
 * Exported for the benches, whose bounds must use the engine's real concurrency.
 */
export const backgroundSlots = (maxInFlight: number): number => Math.max(1, maxInFlight - Math.max(1, Math.floor(maxInFlight / 4)));

/**
 * The per-origin limits of {@link HostLimiter} plus one cap on requests in flight across the
 * whole fleet, so a desktop polling many primaries keeps a bounded number of sockets busy.
 * The per-origin slot is taken first: a request never holds a fleet-wide slot while it queues
 * behind its own host. Fleet-wide slots go in the order requests asked their host, not the order
 * they reached the fleet-wide queue: the request of a farm poll that waited a round for its
 * host's 7th slot is not queued again behind the cycles that asked after it (docs/scale.md).
 */
export class FleetLimiter extends HostLimiter {
  private readonly fleetWide: HostLimiter;
  private started = 0;
  /** Requests that asked their host so far: each one's rank in the fleet-wide queue. */
  private asked = 0;

  constructor(opts: HostLimiterOptions & { maxInFlight?: number }) {
    super(opts);
    // The fleet-wide limiter only counts: its budget is effectively unlimited.
    const maxInFlight = opts.maxInFlight ?? 16;
    this.fleetWide = new HostLimiter({
      concurrency: maxInFlight,
      backgroundConcurrency: backgroundSlots(maxInFlight),
      backgroundReserve: 0,
      // A request whose body is in frees its fleet-wide slot before the event-loop turn the
      // exchange waits to reuse its socket (http-exchange.ts); its host slot is held through that
      // turn, so its own origin's next request still finds the socket free (docs/scale.md, session 18).
      earlyRelease: true,
      budgetCapacity: 1e9,
      budgetPerSecond: 1e9,
      ...(opts.now ? { now: opts.now } : {}),
    });
  }

  /** `fn`'s `release` frees the fleet-wide slot only (see the constructor); the host's is held until `fn` settles. */
  override run<T>(origin: string, fn: (release: () => void) => Promise<T>, signal?: AbortSignal, kind: RequestClass = 'regular'): Promise<T> {
    const rank = this.asked++;
    const passage = passages.hasSubscribers ? this.passage(origin, kind) : null;
    const ran = super.run(
      origin,
      () => {
        if (passage) passage.host = Date.now();
        return this.fleetWide.run(
          '*',
          (release) => {
            if (passage) passage.fleet = Date.now();
            this.started += 1;
            return fn(release);
          },
          signal,
          kind,
          rank,
        );
      },
      signal,
      kind,
    );
    if (!passage) return ran;
    return ran.finally(() => {
      passage.done = Date.now();
      passages.publish(passage);
    });
  }

  private passage(origin: string, kind: RequestClass) {
    const { inFlight, queued } = this.fleetStats();
    return { origin, kind, asked: Date.now(), host: 0, fleet: 0, done: 0, fleetInFlight: inFlight, fleetQueued: queued };
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
