import { describe, expect, it } from 'vitest';
import { createSimClock, isAdjustable } from '../../../electron/demo/sim-clock';

/** A real-time source the test moves by hand: no sleeps, no wall clock in the assertions. */
const handClock = () => {
  let t = 1_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
};

describe('the simulated clock', () => {
  it('runs speed times faster than real time', () => {
    const real = handClock();
    const clock = createSimClock(10, real.now);
    const start = clock.now();
    real.advance(1_000);
    expect(clock.now() - start).toBe(10_000);
    expect(clock.speed).toBe(10);
  });

  it('changes speed mid-run with continuous simulated time (no jump at the change)', () => {
    const real = handClock();
    const clock = createSimClock(1, real.now);
    const start = clock.now();
    real.advance(30_000);
    const beforeChange = clock.now();
    clock.setSpeed(60);
    expect(clock.now()).toBe(beforeChange);
    expect(clock.speed).toBe(60);
    real.advance(1_000);
    expect(clock.now() - start).toBe(30_000 + 60_000);
    clock.setSpeed(1);
    real.advance(1_000);
    expect(clock.now() - start).toBe(30_000 + 60_000 + 1_000);
  });

  it('never runs backwards across speed changes', () => {
    const real = handClock();
    const clock = createSimClock(5, real.now);
    let last = clock.now();
    for (const speed of [60, 1, 30, 2, 1]) {
      real.advance(250);
      clock.setSpeed(speed);
      real.advance(250);
      expect(clock.now()).toBeGreaterThan(last);
      last = clock.now();
    }
  });

  it('refuses a speed that is not above 0', () => {
    const clock = createSimClock(1, handClock().now);
    expect(() => clock.setSpeed(0)).toThrow(/above 0/);
    expect(() => clock.setSpeed(Number.NaN)).toThrow(/above 0/);
    expect(clock.speed).toBe(1);
  });

  it('tells the fleet whether a clock can change speed (a test may inject a fixed one)', () => {
    expect(isAdjustable(createSimClock(1))).toBe(true);
    expect(isAdjustable({ speed: 1, now: () => 0 })).toBe(false);
  });
});
