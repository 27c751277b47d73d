import { describe, expect, it } from 'vitest';
import { FleetLimiter } from '../../../../electron/engine/scheduler/fleet-limiter';

describe('FleetLimiter', () => {
  it('caps requests in flight across origins as well as per origin', async () => {
    const limiter = new FleetLimiter({ concurrency: 3, maxInFlight: 4 });
    let inFlight = 0;
    let peak = 0;
    const perOrigin = new Map<string, number>();
    let peakPerOrigin = 0;
    const task = (origin: string) =>
      limiter.run(origin, async () => {
        inFlight++;
        perOrigin.set(origin, (perOrigin.get(origin) ?? 0) + 1);
        peak = Math.max(peak, inFlight);
        peakPerOrigin = Math.max(peakPerOrigin, perOrigin.get(origin)!);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        perOrigin.set(origin, perOrigin.get(origin)! - 1);
      });
    await Promise.all(Array.from({ length: 30 }, (_, i) => task(`http://h${i % 3}`)));
    expect(peak).toBe(4);
    expect(peakPerOrigin).toBeLessThanOrEqual(3);
    expect(limiter.fleetStats()).toEqual({ inFlight: 0, queued: 0 });
  });

  it('a request whose body is in frees its fleet-wide slot at once, and its host slot only when it settles', async () => {
    const limiter = new FleetLimiter({ concurrency: 1, maxInFlight: 1 });
    const started: string[] = [];
    let release!: () => void;
    let settle!: () => void;
    const first = limiter.run('http://a', (r) => {
      started.push('a1');
      release = r;
      return new Promise<void>((done) => (settle = done));
    });
    const sameHost = limiter.run('http://a', async () => void started.push('a2'));
    const otherHost = limiter.run('http://b', async () => void started.push('b1'));
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual(['a1']);
    // The body is in: the other origin's request takes the fleet-wide slot during the turn…
    release();
    release();
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual(['a1', 'b1']);
    expect(limiter.fleetStats().inFlight).toBe(0);
    // …while the same origin's next request waits for the host slot, so it finds the socket free.
    settle();
    await Promise.all([first, sameHost, otherHost]);
    expect(started).toEqual(['a1', 'b1', 'a2']);
    expect(limiter.fleetStats()).toEqual({ inFlight: 0, queued: 0 });
  });
});
