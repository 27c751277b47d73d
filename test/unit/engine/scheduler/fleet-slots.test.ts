import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backgroundSlots, DEFAULT_BULK_IN_FLIGHT, FleetLimiter } from '../../../../electron/engine/scheduler/fleet-limiter';
import type { RequestClass } from '../../../../electron/engine/scheduler/host-limiter';

const ROUND_TRIP_MS = 50;

beforeEach(() => {
  vi.useFakeTimers({ now: 1_700_000_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Requests in flight by class, and the most seen at once: all, walks, walks' and sweeps' pages together. */
function counter() {
  const now = { all: 0, walks: 0, bulk: 0, cycle: 0 };
  const peak = { ...now };
  const track = (kind: RequestClass, ms: number) => async (): Promise<void> => {
    const keys = ['all', ...(kind === 'regular' ? ['cycle'] : kind === 'sweep' ? ['bulk'] : ['walks', 'bulk'])] as const as readonly (keyof typeof now)[];
    for (const k of keys) peak[k] = Math.max(peak[k], ++now[k]);
    await new Promise((r) => setTimeout(r, ms));
    for (const k of keys) now[k]--;
  };
  return { now, peak, track };
}

describe('fleet-wide slots: the regular cycles beside walks and sweeps (issue 13 goal 1, session 20)', () => {
  it("sends a primary's mirror cycle of 30 requests in one round while walks and sweeps hold every slot they may", async () => {
    // The engine's defaults, with budgets that never hold a request back.
    const limiter = new FleetLimiter({ budgetCapacity: 1e6, budgetPerSecond: 1e6 });
    const { now, peak, track } = counter();
    const long = 10 * ROUND_TRIP_MS;
    // Twenty primaries' walks and sweeps, each one page in flight, asking before the cycle.
    const bulk = [
      ...Array.from({ length: 20 }, (_, i) => limiter.run(`https://primary-${i}.example`, track('background', long), undefined, 'background')),
      ...Array.from({ length: 20 }, (_, i) => limiter.run(`https://node-0.farm-${i}.example`, track('sweep', long), undefined, 'sweep')),
    ];
    await vi.advanceTimersByTimeAsync(1);
    expect(now.walks).toBe(backgroundSlots(DEFAULT_BULK_IN_FLIGHT));
    expect(now.bulk).toBe(DEFAULT_BULK_IN_FLIGHT);

    // docs/scale.md (session 15): 2 on the primary; two 3-node farms, each 6 at its front, the sync
    // settings and /status at its first node, /status at the others; a single mirror's 8 at one address.
    const at = (origin: string, n: number) => Array.from({ length: n }, () => `https://${origin}.example`);
    const farm = (f: string) => [...at(`front-${f}`, 6), ...at(`node-0.${f}`, 2), ...at(`node-1.${f}`, 1), ...at(`node-2.${f}`, 1)];
    const t0 = Date.now();
    const farmEnds = ['a', 'b'].map((f) => Promise.all(farm(f).map((o) => limiter.run(o, track('regular', ROUND_TRIP_MS)))).then(() => Date.now() - t0));
    const rest = [...at('primary-0', 2), ...at('single', 8)].map((o) => limiter.run(o, track('regular', ROUND_TRIP_MS)));
    await vi.advanceTimersByTimeAsync(1);
    // Everything but the single mirror's 7th and 8th (its origin's 6) is on the wire at once.
    expect(now.cycle).toBe(28);
    expect(now.bulk).toBe(DEFAULT_BULK_IN_FLIGHT);

    await vi.runAllTimersAsync();
    expect(await Promise.all(farmEnds)).toEqual([ROUND_TRIP_MS, ROUND_TRIP_MS]);
    await Promise.all([...rest, ...bulk]);
    expect(peak.walks).toBe(12);
    expect(peak.bulk).toBe(16);
  });

  it('never lets walks hold more than 12 slots, nor walks and sweeps together more than 16, nor all more than the cap', async () => {
    const ask = fc.record({
      atMs: fc.integer({ min: 0, max: 300 }),
      kind: fc.constantFrom<RequestClass>('regular', 'sweep', 'background'),
      origin: fc.integer({ min: 0, max: 40 }),
      durationMs: fc.integer({ min: 1, max: 400 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(ask, { minLength: 1, maxLength: 120, size: 'max' }),
        fc.option(fc.integer({ min: 1, max: 96 }), { nil: undefined }),
        async (list, maxInFlight) => {
          const limiter = new FleetLimiter({ ...(maxInFlight === undefined ? {} : { maxInFlight }), budgetCapacity: 1e6, budgetPerSecond: 1e6 });
          const { peak, track } = counter();
          const done = list.map(
            (a) =>
              new Promise<void>((resolve, reject) => {
                setTimeout(() => limiter.run(`https://h${a.origin}.example`, track(a.kind, a.durationMs), undefined, a.kind).then(resolve, reject), a.atMs);
              }),
          );
          await vi.runAllTimersAsync();
          await Promise.all(done);
          const cap = maxInFlight ?? 48;
          expect(peak.walks).toBeLessThanOrEqual(Math.min(12, backgroundSlots(Math.min(16, cap))));
          expect(peak.bulk).toBeLessThanOrEqual(Math.min(16, cap));
          expect(peak.all).toBeLessThanOrEqual(cap);
          expect(limiter.fleetStats()).toEqual({ inFlight: 0, queued: 0 });
        },
      ),
      { numRuns: 150 },
    );
  });
});
