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
});
