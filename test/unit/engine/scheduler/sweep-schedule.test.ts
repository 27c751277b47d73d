import { describe, expect, it } from 'vitest';
import { pacer, SweepSchedule, type PaceClock } from '../../../../electron/engine/scheduler/sweep-schedule';

/** A clock that only moves when the code under test sleeps. */
function fakeClock(start = 1_000_000): PaceClock & { sleeps: number[]; t: number } {
  const c = {
    t: start,
    sleeps: [] as number[],
    now: () => c.t,
    sleep: async (ms: number) => {
      c.sleeps.push(ms);
      c.t += ms;
    },
  };
  return c;
}

describe('mirror sweep schedule (injected clock)', () => {
  const PERIOD = 600_000;

  it('is due before the first sweep, not while one runs, and again one period after the last one started', () => {
    const s = new SweepSchedule();
    expect(s.due(0, PERIOD)).toBe(true);
    s.begin(10_000);
    expect(s.due(10_000, PERIOD)).toBe(false);
    // A sweep slower than its period delays the next one; it never stacks.
    expect(s.due(10_000 + 2 * PERIOD, PERIOD)).toBe(false);
    s.end(70_000, null);
    expect(s.durationMs).toBe(60_000);
    expect(s.due(10_000 + PERIOD - 1, PERIOD)).toBe(false);
    expect(s.due(10_000 + PERIOD, PERIOD)).toBe(true);
  });

  it('a failed sweep is due again at once, and says why until one completes', () => {
    const s = new SweepSchedule();
    s.begin(0);
    s.end(5_000, 'Upstream repository hashes unavailable: HTTP 500');
    expect(s.error).toMatch(/HTTP 500/);
    expect(s.due(5_001, PERIOD)).toBe(true);
    s.begin(5_001);
    s.end(6_000, null);
    expect(s.error).toBeNull();
    expect(s.due(6_001, PERIOD)).toBe(false);
  });

  it('a period of 0 makes every cycle due', () => {
    const s = new SweepSchedule();
    s.begin(0);
    s.end(1, null);
    expect(s.due(1, 0)).toBe(true);
  });
});

describe('sweep pacer: bytes a second within the budget', () => {
  it('waits after each page until the bytes read since the start fit the budget', async () => {
    const clock = fakeClock();
    const pace = pacer(100_000, clock, new AbortController().signal);
    await pace(50_000); // 0.5 s of budget, none elapsed
    await pace(150_000); // 2 s of budget in all
    expect(clock.sleeps).toEqual([500, 1500]);
    expect(clock.t - 1_000_000).toBe(2_000);
  });

  it('does not wait when the reads themselves were slower than the budget', async () => {
    const clock = fakeClock();
    const pace = pacer(100_000, clock, new AbortController().signal);
    clock.t += 3_000; // a slow network: 3 s for the first page
    await pace(100_000);
    expect(clock.sleeps).toEqual([]);
  });

  it('averages over the whole sweep, so 100 pages of 1 MB at 512 KB/s take 100 MB / 512 KB/s', async () => {
    const clock = fakeClock(0);
    const budget = 512 * 1024;
    const pace = pacer(budget, clock, new AbortController().signal);
    for (let i = 0; i < 100; i++) await pace(1024 * 1024);
    expect(clock.t).toBeCloseTo((100 * 1024 * 1024 * 1000) / budget, 6);
  });
});
