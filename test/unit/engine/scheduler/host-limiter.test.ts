import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HostLimiter } from '../../../../electron/engine/scheduler/host-limiter';

const A = 'https://a.example.com';
const B = 'https://b.example.com';

beforeEach(() => {
  vi.useFakeTimers({ now: 1_700_000_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

describe('HostLimiter', () => {
  it('never runs more than `concurrency` at once per origin', async () => {
    const limiter = new HostLimiter({ concurrency: 3, budgetCapacity: 1_000, budgetPerSecond: 1_000 });
    let inFlight = 0;
    let max = 0;
    const tasks = Array.from({ length: 40 }, (_, i) =>
      limiter.run(A, async () => {
        inFlight++;
        max = Math.max(max, inFlight);
        expect(limiter.stats(A).inFlight).toBeLessThanOrEqual(3);
        await sleep(10 + ((i * 37) % 90));
        inFlight--;
        return i;
      }),
    );
    expect(limiter.stats(A)).toMatchObject({ inFlight: 3, queued: 37 });
    await vi.runAllTimersAsync();
    expect(await Promise.all(tasks)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(max).toBe(3);
    expect(limiter.stats(A)).toMatchObject({ inFlight: 0, queued: 0 });
  });

  it('keeps origins apart', async () => {
    const limiter = new HostLimiter({ concurrency: 1 });
    const order: string[] = [];
    const slow = limiter.run(A, async () => {
      await sleep(1_000);
      order.push('a');
    });
    const other = limiter.run(B, async () => {
      order.push('b');
    });
    await vi.advanceTimersByTimeAsync(1);
    expect(order).toEqual(['b']);
    await vi.runAllTimersAsync();
    await Promise.all([slow, other]);
    expect(order).toEqual(['b', 'a']);
  });

  it('admits a burst of `budgetCapacity`, then `budgetPerSecond`', async () => {
    const limiter = new HostLimiter({ concurrency: 100, budgetCapacity: 5, budgetPerSecond: 2 });
    const t0 = Date.now();
    const starts: number[] = [];
    const tasks = Array.from({ length: 15 }, () => limiter.run(A, async () => void starts.push(Date.now() - t0)));
    await vi.advanceTimersByTimeAsync(0);
    expect(starts).toHaveLength(5);
    await vi.runAllTimersAsync();
    await Promise.all(tasks);
    expect(starts).toHaveLength(15);
    // The bucket never lets more through than capacity + rate × elapsed.
    starts.forEach((t, i) => expect(i + 1).toBeLessThanOrEqual(5 + Math.floor((t * 2) / 1000) + 1e-9));
    expect(starts[14]).toBeGreaterThanOrEqual(5_000);
    expect(starts[14]).toBeLessThanOrEqual(5_010);
  });

  it('defaults to 30 tokens refilled at 4/s (80 % of Bitbucket’s 5/s)', async () => {
    const limiter = new HostLimiter({ concurrency: 1_000 });
    let started = 0;
    const tasks = Array.from({ length: 70 }, () => limiter.run(A, async () => void started++));
    await vi.advanceTimersByTimeAsync(0);
    expect(started).toBe(30);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(started).toBe(70);
    await Promise.all(tasks);
    // Sustained: over 60 s from an empty bucket, no more than 4/s get through.
    let later = 0;
    const more = Array.from({ length: 400 }, () => limiter.run(A, async () => void later++));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(later).toBeLessThanOrEqual(30 + 4 * 60);
    expect(later).toBeGreaterThanOrEqual(4 * 60);
    await vi.runAllTimersAsync();
    await Promise.all(more);
  });

  it('serves regular requests before background ones, and gives background walks at most their slots', async () => {
    const limiter = new HostLimiter({ concurrency: 4, budgetCapacity: 1_000, budgetPerSecond: 1_000, backgroundConcurrency: 2 });
    const order: string[] = [];
    const task = (name: string) => async () => {
      order.push(name);
      await sleep(100);
    };
    const background = ['b1', 'b2', 'b3', 'b4'].map((n) => limiter.run(A, task(n), undefined, 'background'));
    await vi.advanceTimersByTimeAsync(0);
    // Two slots stay free for the regular cycle while four background requests wait.
    expect(order).toEqual(['b1', 'b2']);
    const regular = ['r1', 'r2', 'r3'].map((n) => limiter.run(A, task(n)));
    await vi.advanceTimersByTimeAsync(0);
    expect(order).toEqual(['b1', 'b2', 'r1', 'r2']);
    // r3 waited for a slot: it goes before the background requests queued earlier.
    await vi.advanceTimersByTimeAsync(100);
    expect(order.slice(4, 5)).toEqual(['r3']);
    await vi.runAllTimersAsync();
    await Promise.all([...background, ...regular]);
    expect(order).toHaveLength(7);
  });

  it('keeps `backgroundReserve` tokens out of reach of background requests', async () => {
    const limiter = new HostLimiter({ concurrency: 100, budgetCapacity: 12, budgetPerSecond: 2, backgroundConcurrency: 100, backgroundReserve: 10 });
    let background = 0;
    const walk = Array.from({ length: 5 }, () => limiter.run(A, async () => void background++, undefined, 'background'));
    await vi.advanceTimersByTimeAsync(0);
    // 12 tokens, 10 kept for the regular cycle: two background requests now, then one per refilled token.
    expect(background).toBe(2);
    let regular = 0;
    const cycle = Array.from({ length: 10 }, () => limiter.run(A, async () => void regular++));
    await vi.advanceTimersByTimeAsync(0);
    expect(regular).toBe(10);
    await vi.runAllTimersAsync();
    await Promise.all([...walk, ...cycle]);
    expect(background).toBe(5);
  });

  it('holds every request until a pause ends', async () => {
    const limiter = new HostLimiter();
    const t0 = Date.now();
    limiter.pauseUntil(A, t0 + 3_000);
    expect(limiter.stats(A).pausedUntil).toBe(t0 + 3_000);
    let startedAt = 0;
    const task = limiter.run(A, async () => void (startedAt = Date.now()));
    await vi.advanceTimersByTimeAsync(2_999);
    expect(startedAt).toBe(0);
    // An earlier pause does not shorten a later one.
    limiter.pauseUntil(A, t0 + 1_000);
    await vi.advanceTimersByTimeAsync(1);
    await task;
    expect(startedAt).toBe(t0 + 3_000);
    expect(limiter.stats(A).pausedUntil).toBeNull();
  });

  it('rejects a queued request when its signal aborts, and frees its place', async () => {
    const limiter = new HostLimiter({ concurrency: 1 });
    const blocker = limiter.run(A, () => sleep(1_000));
    const controller = new AbortController();
    const fn = vi.fn(async () => 'never');
    const queued = limiter.run(A, fn, controller.signal);
    const after = limiter.run(A, async () => 'next');
    expect(limiter.stats(A).queued).toBe(2);
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(queued).rejects.toBe(reason);
    expect(limiter.stats(A).queued).toBe(1);
    await vi.runAllTimersAsync();
    await expect(after).resolves.toBe('next');
    await blocker;
    expect(fn).not.toHaveBeenCalled();
  });

  it('rejects at once when the signal is already aborted', async () => {
    const limiter = new HostLimiter();
    const fn = vi.fn(async () => 1);
    await expect(limiter.run(A, fn, AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
    expect(fn).not.toHaveBeenCalled();
    expect(limiter.stats(A)).toMatchObject({ inFlight: 0, queued: 0 });
  });

  it('aborting while paused leaves no timer behind', async () => {
    const limiter = new HostLimiter();
    limiter.pauseUntil(A, Date.now() + 60_000);
    const controller = new AbortController();
    const task = limiter.run(A, async () => 1, controller.signal);
    expect(vi.getTimerCount()).toBe(1);
    controller.abort(new Error('x'));
    await expect(task).rejects.toThrow('x');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('releases the slot when the task throws', async () => {
    const limiter = new HostLimiter({ concurrency: 1 });
    await expect(
      limiter.run(A, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(limiter.run(A, async () => 'ok')).resolves.toBe('ok');
    expect(limiter.stats(A).inFlight).toBe(0);
  });

  it('rejects nonsense options', () => {
    expect(() => new HostLimiter({ concurrency: 0 })).toThrow(RangeError);
    expect(() => new HostLimiter({ concurrency: 1.5 })).toThrow(RangeError);
    expect(() => new HostLimiter({ budgetCapacity: 0.5 })).toThrow(RangeError);
    expect(() => new HostLimiter({ budgetPerSecond: Number.NaN })).toThrow(RangeError);
  });
});
