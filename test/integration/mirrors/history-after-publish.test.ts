import { afterEach, expect, it } from 'vitest';
import { demoFleetConfig, startDemoFleet, type DemoFleet } from '../../../electron/demo';
import { fleetConfigSchema } from '../../../electron/engine/config/fleet-config-schema';
import { createEngine, type Engine } from '../../../electron/engine/engine';
import { createMirrorsArea, farmFigures } from '../../../electron/engine/mirrors/mirrors-area';
import { openHistoryStore, type HistoryStore } from '../../../electron/engine/store/history-store';

let fleet: DemoFleet | null = null;
let engine: Engine | null = null;
let store: HistoryStore | null = null;
afterEach(async () => {
  await engine?.stop();
  store?.close();
  await fleet?.stop();
  engine = store = fleet = null;
});

it("a mirrors cycle's snapshot goes out before its history is written, and the history is written before the poll ends", async () => {
  fleet = await startDemoFleet({ primaries: 1, reposPerPrimary: 120 });
  const config = fleetConfigSchema.parse({
    ...demoFleetConfig(fleet, { pollIntervalSeconds: 3600 }),
    mirrorSweepIntervalSeconds: 0,
    mirrorSweepBudgetKBps: 1_000_000,
  });
  const inner = openHistoryStore({ path: ':memory:' });
  store = inner;
  const order: string[] = [];
  // A farm's write (the primary's own polls are written too, in its run before the farms').
  const farmWrites = (ids: readonly string[]): boolean => ids.some((id) => engine?.snapshot().mirrorFarms.some((f) => f.id === id) === true);
  const logged: HistoryStore = {
    ...inner,
    recordPoll: (r) => {
      if (farmWrites([r.targetId])) order.push('history');
      inner.recordPoll(r);
    },
    recordPolls: (batch) => {
      if (farmWrites(batch.map((b) => b.record.targetId))) order.push('history');
      inner.recordPolls(batch);
    },
  };
  engine = createEngine({ config, store: logged, areas: [createMirrorsArea()], publishDelayMs: 0, slowThresholdMs: 60_000 });
  await engine.firstPoll();
  const e = engine;
  const before = Math.max(0, ...e.snapshot().mirrorFarms.map((f) => f.lastPollAt ?? 0));
  order.length = 0;
  const off = e.onSnapshot((s) => {
    if (s.mirrorFarms.length > 0 && s.mirrorFarms.every((f) => (f.lastPollAt ?? 0) > before)) order.push('snapshot');
  });
  const primaryId = config.primaries[0]!.id;
  expect(await e.repoll(primaryId, 30_000)).toBe(true);
  off();
  // The cycle's snapshot first (once), then one write of every farm's poll, before the poll ended.
  expect(order.slice(0, 2)).toEqual(['snapshot', 'history']);
  const farms = e.snapshot().mirrorFarms;
  expect(farms.length).toBeGreaterThan(0);
  for (const f of farms) {
    const at = f.lastPollAt!;
    expect(inner.polls(f.id, 1)[0]).toMatchObject({ at, status: f.status });
    const figures = farmFigures({ ...f, queue: f.queue.count, nodesUp: f.nodes.filter((n) => n.status === 'up').length });
    for (const [metric, value] of Object.entries(figures)) {
      if (Number.isFinite(value)) expect(inner.series(f.id, metric, at, at), `${f.name} ${metric}`).toEqual([[at, value]]);
    }
  }
}, 60_000);
