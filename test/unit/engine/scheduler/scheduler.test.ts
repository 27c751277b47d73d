import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createScheduler, type RunReport, type ScheduledTarget } from '../../../../electron/engine/scheduler/scheduler';

const T0 = 1_700_000_000_000;

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(signal.reason);
    });
  });
}

interface Probe extends ScheduledTarget {
  starts: number[];
  maxConcurrent: number;
  signals: AbortSignal[];
}

/** A target that records when it starts, how many of it run at once, and takes `durationMs`. */
function probe(id: string, intervalMs: number, behaviour: { durationMs?: number; fail?: () => boolean } = {}): Probe {
  let running = 0;
  const p: Probe = {
    id,
    intervalMs,
    starts: [],
    maxConcurrent: 0,
    signals: [],
    run: async (signal) => {
      p.starts.push(Date.now() - T0);
      p.signals.push(signal);
      running++;
      p.maxConcurrent = Math.max(p.maxConcurrent, running);
      try {
        if (behaviour.durationMs) await sleep(behaviour.durationMs, signal);
        if (behaviour.fail?.()) throw new Error(`${id} failed`);
      } finally {
        running--;
      }
    },
  };
  return p;
}

function gaps(starts: number[]): number[] {
  return starts.slice(1).map((s, i) => s - (starts[i] ?? 0));
}

describe('scheduler', () => {
  it('runs first within min(interval, 1 s), spread by target id', async () => {
    const s = createScheduler();
    const targets = Array.from({ length: 20 }, (_, i) => probe(`t${i}`, 15_000));
    targets.forEach((t) => s.add(t));
    await vi.advanceTimersByTimeAsync(1_000);
    const firsts = targets.map((t) => t.starts[0]);
    firsts.forEach((f) => expect(f).toBeLessThan(1_000));
    expect(new Set(firsts).size).toBeGreaterThan(10);
    await s.stop();
  });

  it('runs a target with firstRunDelayMs 0 before every spread one', async () => {
    const s = createScheduler();
    const order: string[] = [];
    const add = (id: string, first?: number) =>
      s.add({ id, intervalMs: 15_000, run: async () => void order.push(id), ...(first === undefined ? {} : { firstRunDelayMs: first }) });
    for (let i = 0; i < 10; i++) add(`area-${i}`);
    add('primary', 0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(order[0]).toBe('primary');
    expect(order).toHaveLength(11);
    await s.stop();
  });

  it('spreads first runs over the whole interval when firstRunImmediate is false', async () => {
    const s = createScheduler({ firstRunImmediate: false });
    const targets = Array.from({ length: 50 }, (_, i) => probe(`p${i}`, 10_000));
    targets.forEach((t) => s.add(t));
    await vi.advanceTimersByTimeAsync(10_000);
    const firsts = targets.map((t) => t.starts[0] ?? Number.NaN);
    firsts.forEach((f) => expect(f).toBeLessThan(10_000));
    expect(Math.max(...firsts)).toBeGreaterThan(5_000);
    await s.stop();
  });

  it('jitters every cycle within ±jitterRatio of the interval', async () => {
    const s = createScheduler({ jitterRatio: 0.1 });
    const t = probe('jitter', 10_000);
    s.add(t);
    await vi.advanceTimersByTimeAsync(2_000_000);
    const g = gaps(t.starts);
    expect(g.length).toBeGreaterThan(150);
    for (const gap of g) {
      expect(gap).toBeGreaterThanOrEqual(9_000);
      expect(gap).toBeLessThanOrEqual(11_000);
    }
    expect(new Set(g).size).toBeGreaterThan(50);
    await s.stop();
  });

  it('never overlaps two runs of one target, even when a run outlasts the interval', async () => {
    const s = createScheduler({ jitterRatio: 0 });
    const t = probe('slow', 10_000, { durationMs: 25_000 });
    s.add(t);
    await vi.advanceTimersByTimeAsync(1_000);
    for (let i = 0; i < 20; i++) {
      s.triggerNow('slow');
      s.triggerNow();
      await vi.advanceTimersByTimeAsync(7_000);
    }
    expect(t.maxConcurrent).toBe(1);
    expect(t.starts.length).toBeGreaterThan(3);
    await s.stop();
  });

  it('keeps the cadence start to start, but leaves half an interval after a long run', async () => {
    const fast = probe('fast', 10_000, { durationMs: 4_000 });
    const slow = probe('slow', 10_000, { durationMs: 14_000 });
    const s = createScheduler({ jitterRatio: 0 });
    s.add(fast);
    s.add(slow);
    await vi.advanceTimersByTimeAsync(100_000);
    gaps(fast.starts).forEach((g) => expect(g).toBe(10_000));
    gaps(slow.starts).forEach((g) => expect(g).toBe(19_000));
    await s.stop();
  });

  it('backs off with full jitter after consecutive failures and resets on success', async () => {
    let failing = true;
    const reports: RunReport[] = [];
    // random() → just under 1, so every backoff draw sits at its ceiling.
    const s = createScheduler({ random: () => 0.999_999, onRunEnd: (r) => reports.push(r) });
    const t = probe('flaky', 10_000, { fail: () => failing });
    s.add(t);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(t.starts).toHaveLength(1);
    // Ceilings: min(4·interval, interval/2 · 2^(n-1)) → 5 s, 10 s, 20 s, 40 s, 40 s.
    const expected = [15_000, 20_000, 30_000, 50_000, 50_000];
    for (const gap of expected) {
      await vi.advanceTimersByTimeAsync(gap);
      expect(t.starts.length).toBeGreaterThan(1);
    }
    gaps(t.starts).forEach((g, i) => {
      expect(g).toBeGreaterThanOrEqual((expected[i] ?? 0) - 1);
      expect(g).toBeLessThanOrEqual(expected[i] ?? 0);
    });
    expect(reports.at(-1)).toMatchObject({ ok: false, consecutiveFailures: 6 });

    failing = false;
    const before = t.starts.length;
    await vi.advanceTimersByTimeAsync(50_000);
    expect(t.starts.length).toBe(before + 1);
    expect(reports.at(-1)).toMatchObject({ ok: true, consecutiveFailures: 0 });
    // Back to interval ± 10 %.
    await vi.advanceTimersByTimeAsync(11_000);
    expect(t.starts.length).toBe(before + 2);
    const last = gaps(t.starts).at(-1) ?? 0;
    expect(last).toBeGreaterThanOrEqual(9_000);
    expect(last).toBeLessThanOrEqual(11_000);
    await s.stop();
  });

  it('keeps backoff within interval + [0, 4·interval) with a real random source', async () => {
    const s = createScheduler();
    const t = probe('down', 5_000, { fail: () => true });
    s.add(t);
    await vi.advanceTimersByTimeAsync(2_000_000);
    for (const g of gaps(t.starts)) {
      expect(g).toBeGreaterThanOrEqual(5_000);
      expect(g).toBeLessThan(5_000 + 20_000);
    }
    await s.stop();
  });

  it('triggerNow runs an idle target at once, and queues one run after a busy one', async () => {
    const s = createScheduler({ jitterRatio: 0 });
    const idle = probe('idle', 60_000);
    const busy = probe('busy', 60_000, { durationMs: 5_000 });
    s.add(idle);
    s.add(busy);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(idle.starts).toHaveLength(1);
    expect(busy.starts).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(1_000);
    s.triggerNow('idle');
    await vi.advanceTimersByTimeAsync(0);
    expect(idle.starts).toHaveLength(2);

    s.triggerNow('busy');
    s.triggerNow('busy');
    await vi.advanceTimersByTimeAsync(100);
    expect(busy.starts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(busy.starts).toHaveLength(2);
    expect(busy.maxConcurrent).toBe(1);
    // Two triggers during one run give one follow-up run, not two.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(busy.starts).toHaveLength(2);

    s.triggerNow();
    // Entries due at once start one a turn of the event loop (a fake millisecond each here).
    await vi.advanceTimersByTimeAsync(1);
    expect(idle.starts).toHaveLength(3);
    expect(busy.starts).toHaveLength(3);
    s.triggerNow('nope');
    await s.stop();
  });

  it('stop aborts in-flight runs, awaits them, leaves no timer and starts nothing after', async () => {
    const s = createScheduler();
    const running = probe('running', 10_000, { durationMs: 60_000 });
    const waiting = probe('waiting', 10_000);
    s.add(running);
    await vi.advanceTimersByTimeAsync(1_000);
    s.add(waiting);
    expect(running.starts).toHaveLength(1);
    let settled = false;
    const stopped = s.stop().then(() => (settled = true));
    expect(running.signals[0]?.aborted).toBe(true);
    expect(running.signals[0]?.reason).toMatchObject({ name: 'AbortError' });
    await stopped;
    expect(settled).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    s.triggerNow();
    await vi.advanceTimersByTimeAsync(100_000);
    expect(running.starts).toHaveLength(1);
    expect(waiting.starts).toHaveLength(0);
    expect(() => s.add(probe('late', 1_000))).toThrow(/stopped/);
  });

  it('schedules nothing when a run ignores the abort and finishes after stop', async () => {
    const s = createScheduler();
    let finish: () => void = () => undefined;
    s.add({ id: 'stubborn', intervalMs: 1_000, run: () => new Promise<void>((r) => (finish = r)) });
    await vi.advanceTimersByTimeAsync(1_000);
    const stopped = s.stop();
    finish();
    await stopped;
    expect(vi.getTimerCount()).toBe(0);
  });

  it('remove aborts and forgets one target while others carry on', async () => {
    const s = createScheduler({ jitterRatio: 0 });
    const gone = probe('gone', 1_000, { durationMs: 10_000 });
    const kept = probe('kept', 1_000);
    s.add(gone);
    s.add(kept);
    await vi.advanceTimersByTimeAsync(1_000);
    await s.remove('gone');
    expect(gone.signals[0]?.aborted).toBe(true);
    const before = kept.starts.length;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(gone.starts).toHaveLength(1);
    expect(kept.starts.length).toBeGreaterThanOrEqual(before + 4);
    // The id is free again.
    s.add(probe('gone', 1_000));
    await s.remove('unknown');
    await s.stop();
  });

  it('does not count an aborted run as a failure, and reports every run', async () => {
    const reports: RunReport[] = [];
    const s = createScheduler({ onRunEnd: (r) => reports.push(r) });
    s.add(probe('x', 1_000, { durationMs: 5_000 }));
    await vi.advanceTimersByTimeAsync(2_000);
    await s.stop();
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ id: 'x', ok: false, consecutiveFailures: 0, nextDelayMs: null });
  });

  it("starts the targets due at once a turn of the event loop apart, so each one's writes leave while the next builds its own", async () => {
    // Real timers: the order of setImmediate callbacks and starts is what is checked. undici writes a
    // request on a reused keep-alive socket from a setImmediate; each run here queues one the same way.
    vi.useRealTimers();
    const log: string[] = [];
    const s = createScheduler({ firstRunImmediate: false, jitterRatio: 0 });
    const n = 6;
    for (let i = 0; i < n; i++)
      s.add({
        id: `t${i}`,
        intervalMs: 3_600_000,
        firstRunDelayMs: 3_600_000,
        run: async () => {
          await Promise.resolve();
          log.push(`start ${i}`);
          setImmediate(() => log.push(`write ${i}`));
        },
      });
    s.triggerNow();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await s.stop();
    expect(log.filter((l) => l.startsWith('start'))).toEqual(Array.from({ length: n }, (_, i) => `start ${i}`));
    // All in one go, every start came before the first write; now each run's write comes before the
    // start of the target two after it.
    for (let i = 0; i + 2 < n; i++) expect(log.indexOf(`write ${i}`)).toBeLessThan(log.indexOf(`start ${i + 2}`));
    expect(log).toHaveLength(2 * n);
  });

  it('refuses duplicate ids and bad intervals', () => {
    const s = createScheduler();
    s.add(probe('a', 1_000));
    expect(() => s.add(probe('a', 1_000))).toThrow(/already/);
    expect(() => s.add(probe('b', 0))).toThrow(RangeError);
    expect(() => s.add(probe('c', Number.NaN))).toThrow(RangeError);
    return s.stop();
  });
});
