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
 * Fleet-wide slots background walks may hold at once: all but a quarter of the bulk slots they
 * share with the sweeps' pages (at least one, when there is more than one); the sweeps' pages and
 * the regular cycles go first to every slot that frees. Each walk is a chain of pages with one
 * page in flight, so this is how many primaries walk side by side: with half
 * (8 of 16), ten primaries' 20-page walks took 28 round trips instead of 23 (docs/scale.md).
 * Exported for the benches, whose bounds must use the engine's real concurrency.
 */
export const backgroundSlots = (bulkInFlight: number): number => Math.max(1, bulkInFlight - Math.max(1, Math.floor(bulkInFlight / 4)));

/**
 * Fleet-wide slots the pages of walks and sweeps (large bodies, the simulated fleet's costliest
 * answers) may hold together by default: the whole cap before session 20, so they put no more on a
 * fleet than they did; with 24–64 for them too, they reached the one-process simulated fleet at
 * once and every poll got slower (docs/scale.md, sessions 14, 15, 20).
 */
export const DEFAULT_BULK_IN_FLIGHT = 16;

/**
 * Requests in flight across the fleet by default: the bulk slots plus 32 only the regular cycles
 * take, so a primary's mirror cycle (≈ 30 requests at once: 2 on the primary, two 3-node farms of
 * 6 + 4, a single mirror's 6 of 8) goes out in one round while walks and sweeps hold all theirs.
 * A bounded number of busy sockets still (a browser allows 256 in all), each origin at most its 6.
 */
export const DEFAULT_MAX_IN_FLIGHT = DEFAULT_BULK_IN_FLIGHT + 32;

/** What a {@link FleetLimiter} admits fleet-wide; each field has the engine's default. */
export interface FleetSlots {
  /** Requests in flight across the fleet, every class. Default {@link DEFAULT_MAX_IN_FLIGHT}. */
  maxInFlight?: number;
  /** Of which walks' and sweeps' pages together at most. Default {@link DEFAULT_BULK_IN_FLIGHT}, never above `maxInFlight`. */
  bulkInFlight?: number;
}

/** The fleet-wide caps a {@link FleetLimiter} made with `slots` keeps: all requests, walks' and sweeps' pages together, walks alone. */
export function fleetShares(slots: FleetSlots = {}): { maxInFlight: number; bulkInFlight: number; walks: number } {
  const maxInFlight = slots.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT;
  const bulkInFlight = Math.min(maxInFlight, slots.bulkInFlight ?? DEFAULT_BULK_IN_FLIGHT);
  return { maxInFlight, bulkInFlight, walks: backgroundSlots(bulkInFlight) };
}

/**
 * The per-origin limits of {@link HostLimiter} plus caps on requests in flight across the whole
 * fleet, so a desktop polling many primaries keeps a bounded number of sockets busy and puts a
 * bounded load on the fleet: all requests at most `maxInFlight`; the pages of walks (`background`)
 * and sweeps (`sweep`) at most `bulkInFlight` together, walks at most {@link backgroundSlots} of
 * that; the regular cycles may take every slot the bulk does not hold.
 * The per-origin slot is taken first: a request never holds a fleet-wide slot while it queues
 * behind its own host. Fleet-wide slots go in the order requests asked their host, not the order
 * they reached the fleet-wide queue: the request of a farm poll that waited a round for its
 * host's 7th slot is not queued again behind the cycles that asked after it (docs/scale.md).
 */
export class FleetLimiter extends HostLimiter {
  private readonly fleetWide: HostLimiter;
  /** The walks' and the sweeps' share, taken before the fleet-wide slot. */
  private readonly bulk: HostLimiter;
  private started = 0;
  /** Requests that asked their host so far: each one's rank in the fleet-wide queue. */
  private asked = 0;

  constructor(opts: HostLimiterOptions & FleetSlots) {
    super(opts);
    const { maxInFlight, bulkInFlight, walks } = fleetShares(opts);
    this.fleetWide = counting(maxInFlight, walks, opts.now);
    this.bulk = counting(bulkInFlight, walks, opts.now);
  }

  /**
   * A `sweep` or `background` request takes a bulk slot, then a fleet-wide one; a `regular` one only the latter.
   * `fn`'s `release` frees those (see `counting`); the host's is held until `fn` settles.
   */
  override run<T>(origin: string, fn: (release: () => void) => Promise<T>, signal?: AbortSignal, kind: RequestClass = 'regular'): Promise<T> {
    const rank = this.asked++;
    const passage = passages.hasSubscribers ? this.passage(origin, kind) : null;
    const fleetWide = (bulkRelease: () => void): Promise<T> =>
      this.fleetWide.run(
        '*',
        (release) => {
          if (passage) passage.fleet = Date.now();
          this.started += 1;
          return fn(() => {
            release();
            bulkRelease();
          });
        },
        signal,
        kind,
        rank,
      );
    const ran = super.run(
      origin,
      () => {
        if (passage) passage.host = Date.now();
        return kind === 'regular' ? fleetWide(noRelease) : this.bulk.run('*', fleetWide, signal, kind, rank);
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

const noRelease = (): void => undefined;

/** A limiter that only counts slots (its budget is effectively unlimited), `background` of them at most for walks. */
function counting(slots: number, background: number, now: (() => number) | undefined): HostLimiter {
  return new HostLimiter({
    concurrency: slots,
    backgroundConcurrency: background,
    backgroundReserve: 0,
    // A request whose body is in frees its fleet-wide slots before the event-loop turn the
    // exchange waits to reuse its socket (http-exchange.ts); its host slot is held through that
    // turn, so its own origin's next request still finds the socket free (docs/scale.md, session 18).
    earlyRelease: true,
    budgetCapacity: 1e9,
    budgetPerSecond: 1e9,
    ...(now ? { now } : {}),
  });
}
