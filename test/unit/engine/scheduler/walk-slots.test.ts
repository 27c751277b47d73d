import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backgroundSlots, DEFAULT_MAX_IN_FLIGHT, FleetLimiter } from '../../../../electron/engine/scheduler/fleet-limiter';

const ROUND_TRIP_MS = 50;

beforeEach(() => {
  vi.useFakeTimers({ now: 1_700_000_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

/**
 * The inventory cycle of bench/poll-cycle.bench.ts as the limiter alone schedules it, every
 * exchange exactly one round trip: each primary's regular poll (version and cluster, then its
 * three nodes' status) and its walk of `pages` pages (each asked when the one before ended), all
 * started at once, 16 requests in flight. Returns when the last walk ended, in round trips, and
 * the most background requests that were in flight at once. `engine` models the engine since
 * session 21 instead: its 48 slots, a poll's five reads asked together (as the bench's trace shows),
 * and the walks started before the polls or after them.
 */
async function cycle(
  primaries: number,
  pages: number,
  engine?: { walksFirst: boolean },
): Promise<{ rounds: number; peakBackground: number; pollRounds: number }> {
  const limiter = new FleetLimiter({ maxInFlight: engine ? DEFAULT_MAX_IN_FLIGHT : 16, budgetCapacity: 1e6, budgetPerSecond: 1e6 });
  const t0 = Date.now();
  let background = 0;
  let peakBackground = 0;
  const exchange = async () => {
    await new Promise((r) => setTimeout(r, ROUND_TRIP_MS));
  };
  const page = async () => {
    peakBackground = Math.max(peakBackground, ++background);
    await exchange();
    background--;
  };
  const origin = (i: number) => `https://primary-${i}.example`;
  const walk = async (i: number) => {
    for (let p = 0; p < pages; p++) await limiter.run(origin(i), page, undefined, 'background');
    return Date.now();
  };
  const nodes = (i: number) => [0, 1, 2].map((n) => limiter.run(`https://node-${n}.primary-${i}.example`, exchange));
  const poll = async (i: number) => {
    if (engine) await Promise.all([limiter.run(origin(i), exchange), limiter.run(origin(i), exchange), ...nodes(i)]);
    else {
      await Promise.all([limiter.run(origin(i), exchange), limiter.run(origin(i), exchange)]);
      await Promise.all(nodes(i));
    }
    return Date.now();
  };
  // Each job in its own timer callback, as the scheduler starts them: the microtasks of one (its way
  // through the host, bulk and fleet-wide queues) run before the next job starts.
  const start = <T>(job: (i: number) => Promise<T>) =>
    Array.from({ length: primaries }, (_, i) => new Promise<T>((resolve) => setTimeout(() => resolve(job(i)), 0)));
  const walks = engine?.walksFirst ? start(walk) : [];
  const polls = start(poll);
  if (!engine?.walksFirst) walks.push(...start(walk));
  await vi.runAllTimersAsync();
  const polled = Math.max(...(await Promise.all(polls)));
  const last = Math.max(...(await Promise.all(walks)));
  return { rounds: (last - t0) / ROUND_TRIP_MS, peakBackground, pollRounds: (polled - t0) / ROUND_TRIP_MS };
}

describe('fleet-wide slots for background walks', () => {
  it('lets ten primaries walk side by side behind their polls: 23 round trips at 20 pages (28 with half the slots)', async () => {
    const { rounds, peakBackground } = await cycle(10, 20);
    expect(peakBackground).toBe(10);
    // The polls' 50 requests go first: the last walk has its first page in flight after 3 round trips.
    expect(rounds).toBeLessThanOrEqual(23);
  });

  it('fits two-page walks into the rounds the polls leave: 5 round trips, the network bound (6 with half the slots)', async () => {
    const { rounds } = await cycle(10, 2);
    expect(rounds).toBeLessThanOrEqual(5);
  });

  it('still keeps a quarter of the slots from walks when more primaries walk than that', async () => {
    const { peakBackground } = await cycle(14, 3);
    expect(peakBackground).toBe(12);
  });

  it('ends "poll everything" at the network bound when the walks start first: 2 round trips at 2 pages, 20 at 20 (3 and 21 after the polls)', async () => {
    // 50 reads and 10 first pages in 48 slots: started after the polls, the pages wait a round trip.
    expect(await cycle(10, 2, { walksFirst: false })).toMatchObject({ rounds: 3, pollRounds: 2 });
    expect(await cycle(10, 2, { walksFirst: true })).toMatchObject({ rounds: 2, pollRounds: 2 });
    expect(await cycle(10, 20, { walksFirst: false })).toMatchObject({ rounds: 21, pollRounds: 2 });
    // The polls end no later: their 50 reads need two rounds of 48 slots either way.
    expect(await cycle(10, 20, { walksFirst: true })).toMatchObject({ rounds: 20, pollRounds: 2 });
  });

  it('leaves the regular cycles at least one slot of a small fleet-wide cap', () => {
    expect([1, 2, 3, 4, 8, 16].map(backgroundSlots)).toEqual([1, 1, 2, 3, 6, 12]);
  });
});
