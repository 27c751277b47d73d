import { afterEach, describe, expect, it, vi } from 'vitest';
import { createScheduler, type Scheduler } from '../../../../electron/engine/scheduler/scheduler';
import { TargetRegistry, schedulerId } from '../../../../electron/engine/scheduler/target-registry';

let scheduler: Scheduler;
afterEach(async () => {
  vi.useRealTimers();
  await scheduler.stop();
});

async function setUp() {
  vi.useFakeTimers();
  scheduler = createScheduler({ firstRunImmediate: false, jitterRatio: 0 });
  const registry = new TargetRegistry(scheduler);
  const runs: string[] = [];
  const entry = (area: 'primary' | 'cache' | 'mirrors', targetId: string) =>
    registry.schedule({
      area,
      targetId,
      intervalMs: 60_000,
      run: async () => {
        runs.push(schedulerId(area, targetId));
      },
    });
  entry('primary', 'prod');
  entry('cache', 'prod');
  entry('mirrors', 'prod');
  entry('primary', 'test');
  registry.discovered('farm-1', { area: 'mirrors', targetId: 'prod' });
  // Primaries run at once when added, before everything else; start each test after that.
  await vi.advanceTimersByTimeAsync(1);
  expect(runs.sort()).toEqual(['primary:prod', 'primary:test']);
  runs.length = 0;
  return { registry, runs };
}

describe('the target registry', () => {
  it('polls a primary now together with everything polled on its behalf, and nothing else', async () => {
    const { registry, runs } = await setUp();
    registry.pollNow('prod');
    // Entries due at once start one a turn of the event loop (a fake millisecond each here).
    await vi.advanceTimersByTimeAsync(3);
    expect(runs.sort()).toEqual(['cache:prod', 'mirrors:prod', 'primary:prod']);
  });

  it('polls a discovered farm through the entry that polls it, and one area alone when asked', async () => {
    const { registry, runs } = await setUp();
    registry.pollNow('farm-1');
    registry.pollNow('test', 'primary');
    await vi.advanceTimersByTimeAsync(1);
    expect(runs.sort()).toEqual(['mirrors:prod', 'primary:test']);
    expect(registry.has('farm-1')).toBe(true);
    registry.forget('farm-1');
    expect(registry.has('farm-1')).toBe(false);
    expect(registry.has('nope')).toBe(false);
  });

  it('starts the inventory walks first when the whole fleet is polled, then every other entry in its order', async () => {
    const { registry, runs } = await setUp();
    for (const targetId of ['prod', 'test'])
      registry.schedule({ area: 'inventory', targetId, intervalMs: 60_000, run: async () => void runs.push(schedulerId('inventory', targetId)) });
    await vi.advanceTimersByTimeAsync(1);
    await vi.advanceTimersByTimeAsync(1);
    runs.length = 0;
    registry.pollNow();
    await vi.advanceTimersByTimeAsync(6);
    expect(runs).toEqual(['inventory:prod', 'inventory:test', 'primary:prod', 'cache:prod', 'mirrors:prod', 'primary:test']);
  });

  it('repoll resolves true once a poll that started after the call has ended, false after the timeout', async () => {
    const { registry } = await setUp();
    const done = registry.repoll('prod', 'cache', 5_000);
    await vi.advanceTimersByTimeAsync(1);
    await expect(done).resolves.toBe(true);

    let release: () => void = () => undefined;
    registry.schedule({ area: 'storage', targetId: 'gluster', intervalMs: 60_000, run: () => new Promise<void>((r) => (release = r)) });
    const late = registry.repoll('gluster', undefined, 5_000);
    await vi.advanceTimersByTimeAsync(5_001);
    await expect(late).resolves.toBe(false);
    release();
  });
});

describe('scheduler.runSoon', () => {
  it('waits for a run that starts after the call, not the one in flight', async () => {
    vi.useFakeTimers();
    scheduler = createScheduler({ firstRunImmediate: false, jitterRatio: 0 });
    const releases: Array<() => void> = [];
    scheduler.add({ id: 't', intervalMs: 60_000, run: () => new Promise<void>((r) => releases.push(r)) });
    scheduler.triggerNow('t');
    await vi.advanceTimersByTimeAsync(1);
    expect(releases).toHaveLength(1);
    let done = false;
    const soon = scheduler.runSoon('t').then(() => (done = true));
    releases[0]!();
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(false);
    expect(releases).toHaveLength(2);
    releases[1]!();
    await soon;
    expect(done).toBe(true);
    await expect(scheduler.runSoon('unknown')).resolves.toBeUndefined();
  });
});

describe('the first polls at start (issue 13: primary reads first)', () => {
  const start = (primaryRunMs: number) => {
    vi.useFakeTimers();
    scheduler = createScheduler({ jitterRatio: 0 });
    const registry = new TargetRegistry(scheduler);
    const log: string[] = [];
    const entry = (area: 'primary' | 'inventory' | 'cache' | 'mirrors', runMs: number) =>
      registry.schedule({
        area,
        targetId: 'prod',
        intervalMs: 60_000,
        run: async (signal) => {
          log.push(`${area} start ${Date.now() - t0}`);
          await new Promise((resolve) => {
            setTimeout(resolve, runMs);
            signal.addEventListener('abort', resolve);
          });
          log.push(`${area} end ${Date.now() - t0}`);
        },
      });
    const t0 = Date.now();
    entry('primary', primaryRunMs);
    entry('inventory', 10);
    entry('cache', 10);
    entry('mirrors', 10);
    return log;
  };

  it("starts a primary's cache and mirror polls only once its own first poll has ended", async () => {
    const log = start(300);
    await vi.advanceTimersByTimeAsync(299);
    // The inventory walk goes with the poll (the card's repository count is the walk's), a turn of
    // the event loop after it: entries due at once start one a turn (a fake millisecond here).
    expect([...log].sort()).toEqual(['inventory end 11', 'inventory start 1', 'primary start 0']);
    await vi.advanceTimersByTimeAsync(600);
    expect(log.indexOf('primary end 300')).toBeLessThan(log.findIndex((l) => l.startsWith('cache start')));
    expect(log.indexOf('primary end 300')).toBeLessThan(log.findIndex((l) => l.startsWith('mirrors start')));
  });

  it('does not hold them back longer than 2 s behind a primary that does not answer', async () => {
    const log = start(30_000);
    await vi.advanceTimersByTimeAsync(1_999);
    expect([...log].sort()).toEqual(['inventory end 11', 'inventory start 1', 'primary start 0']);
    await vi.advanceTimersByTimeAsync(300);
    expect(
      log
        .filter((l) => / start /.test(l))
        .map((l) => l.split(' ')[0])
        .sort(),
    ).toEqual(['cache', 'inventory', 'mirrors', 'primary']);
  });

  it("does not hold a storage source's first polls back for the primaries' (they would land just after the first count)", async () => {
    vi.useFakeTimers();
    scheduler = createScheduler({ jitterRatio: 0 });
    const registry = new TargetRegistry(scheduler);
    const log: string[] = [];
    const entry = (area: 'primary' | 'storage', targetId: string, runMs: number) =>
      registry.schedule({
        area,
        targetId,
        intervalMs: 60_000,
        run: async (signal) => {
          log.push(`${area}:${targetId}`);
          await new Promise((resolve) => {
            setTimeout(resolve, runMs);
            signal.addEventListener('abort', resolve);
          });
        },
      });
    entry('primary', 'prod', 30_000);
    entry('storage', 'gluster', 10);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(log.sort()).toEqual(['primary:prod', 'storage:gluster']);
  });
});
