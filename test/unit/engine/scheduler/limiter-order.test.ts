import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FleetLimiter } from '../../../../electron/engine/scheduler/fleet-limiter';
import { HostLimiter } from '../../../../electron/engine/scheduler/host-limiter';

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

/** Runs one task per entry through a single slot while the slot is held; returns the order they started in. */
async function grantOrder(ranks: Array<number | undefined>): Promise<number[]> {
  const limiter = new HostLimiter({ concurrency: 1, budgetCapacity: 1e9, budgetPerSecond: 1e9 });
  let release!: () => void;
  const held = limiter.run('h', () => new Promise<void>((r) => (release = r)));
  const started: number[] = [];
  const all = ranks.map((rank, i) => limiter.run('h', async () => void started.push(i), undefined, 'regular', rank));
  await tick();
  release();
  await Promise.all([held, ...all]);
  return started;
}

describe('limiter grant order', () => {
  it('grants a queue by rank, equal ranks in arrival order; unranked requests first-in first-out as before', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }), { maxLength: 20 }), async (ranks) => {
        const expected = ranks
          .map((rank, i) => ({ rank: rank ?? Infinity, i }))
          .sort((a, b) => a.rank - b.rank || a.i - b.i)
          .map((x) => x.i);
        expect(await grantOrder(ranks)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it("gives a farm poll's request that waited for its host's slot the next fleet-wide slot before requests asked later", async () => {
    const limiter = new FleetLimiter({ concurrency: 6, maxInFlight: 8, budgetCapacity: 1e9, budgetPerSecond: 1e9 });
    const releases: Array<() => void> = [];
    const started: string[] = [];
    const task = (name: string) => () =>
      new Promise<void>((r) => {
        started.push(name);
        releases.push(r);
      });
    // A farm poll: 7 requests to its origin (6 slots), then 8 requests of other cycles.
    const farm = Array.from({ length: 7 }, (_, i) => limiter.run('farm', task(`farm-${i}`)));
    const others = Array.from({ length: 8 }, (_, i) => limiter.run(`other-${i}`, task(`other-${i}`)));
    await tick();
    expect(started).toEqual(['farm-0', 'farm-1', 'farm-2', 'farm-3', 'farm-4', 'farm-5', 'other-0', 'other-1']);
    // The first farm request ends: its fleet-wide slot goes to the first in that queue, and the
    // host's 7th request, asked before every other still waiting, joins the queue at its front.
    releases[0]!();
    await tick();
    expect(started[8]).toBe('other-2');
    releases[1]!();
    await tick();
    expect(started[9]).toBe('farm-6');
    for (let i = 0; i < 20 && releases.length < 15; i++) {
      releases.forEach((r) => r());
      await tick();
    }
    releases.forEach((r) => r());
    await Promise.all([...farm, ...others]);
    expect(started).toHaveLength(15);
  });
});

describe('the limiter’s passages (fleetscope:limiter)', () => {
  it('publishes each request’s passage, in order of its steps, only while subscribed, and for failures too', async () => {
    const { channel } = await import('node:diagnostics_channel');
    const limiter = new FleetLimiter({ concurrency: 2, maxInFlight: 4 });
    const seen: Array<Record<string, unknown>> = [];
    const listener = (p: unknown): void => void seen.push(p as Record<string, unknown>);
    await limiter.run('https://a.example', async () => 1);
    expect(seen).toEqual([]);
    channel('fleetscope:limiter').subscribe(listener);
    try {
      expect(await limiter.run('https://a.example', async () => 2, undefined, 'background')).toBe(2);
      await expect(limiter.run('https://b.example', () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    } finally {
      channel('fleetscope:limiter').unsubscribe(listener);
    }
    expect(seen.map((p) => [p['origin'], p['kind']])).toEqual([
      ['https://a.example', 'background'],
      ['https://b.example', 'regular'],
    ]);
    for (const p of seen) {
      const { asked, host, fleet, done } = p as Record<'asked' | 'host' | 'fleet' | 'done', number>;
      expect(asked).toBeGreaterThan(0);
      expect(asked <= host && host <= fleet && fleet <= done).toBe(true);
      expect(p).toMatchObject({ fleetInFlight: 0, fleetQueued: 0 });
    }
    expect(limiter.requestsStarted()).toBe(3);
  });
});
