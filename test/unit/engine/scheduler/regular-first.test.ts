import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_MAX_IN_FLIGHT, FleetLimiter } from '../../../../electron/engine/scheduler/fleet-limiter';
import { HostLimiter, type RequestClass } from '../../../../electron/engine/scheduler/host-limiter';

beforeEach(() => {
  vi.useFakeTimers({ now: 1_700_000_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

interface Ask {
  atMs: number;
  kind: RequestClass;
  origin: number;
  durationMs: number;
}

const askFields = {
  atMs: fc.integer({ min: 0, max: 300 }),
  // Sweep pages (session 20) are traffic here too: they take a bulk slot before the fleet-wide one.
  kind: fc.constantFrom<RequestClass>('regular', 'background', 'sweep'),
  origin: fc.integer({ min: 0, max: 2 }),
  durationMs: fc.integer({ min: 1, max: 120 }),
};
const asks = fc.array(fc.record(askFields), { minLength: 1, maxLength: 40 });

interface Seen {
  kind: RequestClass;
  origin: number;
  /** Steps of one counter across the run: when it asked and when it started (its slot granted). */
  asked: number;
  started: number;
}

/**
 * Runs `list` through `run` on the injected clock (fake timers: each request asks at its time and
 * holds its slot for its duration) and returns each request's ask and start in the order things
 * happened, so two events at the same instant are still ordered.
 */
async function schedule(list: Ask[], run: (a: Ask, fn: () => Promise<void>) => Promise<void>): Promise<Seen[]> {
  let step = 0;
  const seen: Seen[] = [];
  const done = list.map(
    (a) =>
      new Promise<void>((resolve, reject) => {
        setTimeout(() => {
          const s: Seen = { kind: a.kind, origin: a.origin, asked: ++step, started: 0 };
          seen.push(s);
          run(a, async () => {
            s.started = ++step;
            await new Promise((r) => setTimeout(r, a.durationMs));
          }).then(resolve, reject);
        }, a.atMs);
      }),
  );
  await vi.runAllTimersAsync();
  await Promise.all(done);
  return seen;
}

/** Background requests that started while a regular request (of the same origin when `sameOrigin`) was waiting. */
function walksAhead(seen: Seen[], sameOrigin: boolean): string[] {
  const out: string[] = [];
  for (const b of seen.filter((s) => s.kind === 'background'))
    for (const r of seen.filter((s) => s.kind === 'regular' && (!sameOrigin || s.origin === b.origin)))
      if (r.asked < b.started && b.started < r.started)
        out.push(`background started at step ${b.started} while a regular request asked at ${r.asked} waited until ${r.started}`);
  return out;
}

describe('a regular request never waits behind a walk page (issue 13 goal 3, session 18)', () => {
  it('HostLimiter: no background request of an origin is granted while a regular one of that origin waits, whatever the slots, tokens and timing', async () => {
    await fc.assert(
      fc.asyncProperty(
        asks,
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 40 }),
        async (list, concurrency, backgroundConcurrency, budgetCapacity, budgetPerSecond) => {
          const limiter = new HostLimiter({ concurrency, backgroundConcurrency, budgetCapacity, budgetPerSecond, now: () => Date.now() });
          const seen = await schedule(list, (a, fn) => limiter.run(`https://h${a.origin}.example`, fn, undefined, a.kind));
          expect(walksAhead(seen, true)).toEqual([]);
          expect(seen.every((s) => s.started > s.asked)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('FleetLimiter: no walk page takes a fleet-wide slot while a regular request waits for one, with the bulk share or without', async () => {
    // Caps up to 16 make the bulk share the whole cap; above, it is 16 of them (the engine's 48 among
    // them), and up to 150 requests asking within 50 ms fill them.
    const caps = fc.oneof(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 17, max: 64 }), fc.constant(DEFAULT_MAX_IN_FLIGHT));
    const crowd = fc.array(fc.record({ ...askFields, atMs: fc.integer({ min: 0, max: 50 }), durationMs: fc.integer({ min: 20, max: 120 }) }), {
      minLength: 1,
      maxLength: 150,
      size: 'max',
    });
    await fc.assert(
      fc.asyncProperty(crowd, caps, async (list, maxInFlight) => {
        // Hosts that never hold a request back: every wait is for a fleet-wide slot.
        const limiter = new FleetLimiter({
          maxInFlight,
          concurrency: 100,
          backgroundConcurrency: 100,
          budgetCapacity: 1e6,
          budgetPerSecond: 1e6,
          now: () => Date.now(),
        });
        const seen = await schedule(list, (a, fn) => limiter.run(`https://h${a.origin}.example`, fn, undefined, a.kind));
        expect(walksAhead(seen, false)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
