import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createScheduler } from '../../../../electron/engine/scheduler/scheduler';
import { TargetRegistry } from '../../../../electron/engine/scheduler/target-registry';

const T0 = 1_700_000_000_000;

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Start times of one target over `spanMs`, each run taking `durationMs`, the jitter from a seeded source. */
async function starts(intervalMs: number, durationMs: number, phaseMs: number | undefined, seed: number, spanMs: number): Promise<number[]> {
  let x = seed;
  const random = (): number => (x = (x * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const s = createScheduler({ random });
  const seen: number[] = [];
  // The fake clock runs on from one property run to the next.
  const t0 = Date.now();
  s.add({
    id: 't',
    intervalMs,
    ...(phaseMs === undefined ? {} : { phaseMs }),
    run: async (signal) => {
      seen.push(Date.now() - t0);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, durationMs);
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  });
  await vi.advanceTimersByTimeAsync(spanMs);
  await s.stop();
  return seen;
}

describe('scheduler phase', () => {
  it('shifts every run after the first by the phase and changes nothing else (phase 0 = no phase)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1_000, max: 15_000 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 2 ** 30 }),
        async (interval, duration, phase, seed) => {
          const span = 6 * interval;
          const plain = await starts(interval, duration, undefined, seed, span);
          expect(await starts(interval, duration, 0, seed, span)).toEqual(plain);
          const shifted = await starts(interval, duration, phase, seed, span + phase);
          expect(shifted[0]).toBe(plain[0]);
          expect(shifted.slice(1)).toEqual(plain.slice(1).map((t) => t + phase));
        },
      ),
      { numRuns: 15 },
    );
  });

  it("spreads the registry's targets' phases over a quarter of their interval", () => {
    const added: Array<{ id: string; phaseMs?: number }> = [];
    const registry = new TargetRegistry({
      add: (t) => void added.push(t),
      remove: async () => {},
      triggerNow: () => {},
      runSoon: async () => {},
      stop: async () => {},
    });
    for (let i = 0; i < 10; i++) registry.schedule({ area: 'storage', targetId: `s${i}`, intervalMs: 15_000, run: async () => {} });
    const phases = added.map((t) => t.phaseMs ?? 0).sort((a, b) => a - b);
    expect(phases[0]).toBe(0);
    expect(phases[9]).toBeLessThan(15_000 / 4);
    // No two of ten closer than a tenth of the spread's even share.
    for (let i = 1; i < 10; i++) expect(phases[i]! - phases[i - 1]!).toBeGreaterThan(3_750 / 10 / 10);
  });
});
