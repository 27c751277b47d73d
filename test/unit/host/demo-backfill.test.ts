import { describe, expect, it } from 'vitest';
import { startDemoBackfill } from '../../../electron/host/demo-backfill';
import { openHistoryStore } from '../../../electron/engine/store/history-store';
import type { DemoBackfillProgress, PastHistory } from '../../../shared/model';

const NOW = Date.UTC(2026, 11, 3, 12, 0);
const DAY = 86_400_000;

/** A week of one primary's polls, every 10 minutes. */
const week = (from: number, to: number): PastHistory => {
  const start = Math.max(from, to - 7 * DAY);
  const polls: PastHistory['polls'] = [];
  for (let at = start + 600_000; at < to; at += 600_000)
    polls.push({ area: 'primary', primaryId: 'p', at, status: 'up', durationMs: 30, nodesUp: 2, nodesTotal: 2, reposTotal: 10 });
  return { from: start, to, polls, events: [] };
};

describe('the demo back-fill in the host', () => {
  it('tells its progress from 0 % when it starts writing, in steps of at least 5 % to 100 %, with the days it covers', async () => {
    const store = openHistoryStore({ path: ':memory:' });
    const told: DemoBackfillProgress[] = [];
    let firstPoll = (): void => undefined;
    const backfill = startDemoBackfill({
      store,
      pastHistory: week,
      anchorTarget: 'p',
      now: NOW,
      after: new Promise<void>((resolve) => (firstPoll = resolve)),
      onProgress: (p) => told.push(p),
    });
    // Nothing before the first live poll is in.
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(told).toEqual([]);
    firstPoll();
    const done = await backfill.done;
    expect(done.written).toBe(done.total);
    expect(told[0]).toEqual({ days: 7, percent: 0 });
    expect(told.at(-1)!.percent).toBe(100);
    // Between the first and the last, steps of 5 % or more: each is a push to every client.
    const steps = told.slice(1, -1).map((p, i) => p.percent - told[i]!.percent);
    for (const step of steps) expect(step).toBeGreaterThanOrEqual(5);
    expect(store.series('p', 'nodes.up', NOW - 7 * DAY, NOW)).toHaveLength(done.total);
    store.close();
  });
});
