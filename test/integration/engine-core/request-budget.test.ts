import { afterEach, describe, expect, it } from 'vitest';
import { fleetConfigSchema } from '../../../electron/engine/config/fleet-config-schema';
import { createEngine, type Engine, type EngineOptions } from '../../../electron/engine/engine';
import { openHistoryStore } from '../../../electron/engine/store/history-store';
import { startCaptureServer, type Captured } from '../../helpers/capture-server';

let engine: Engine | null = null;
const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await engine?.stop();
  engine = null;
  for (const s of servers.splice(0)) await s.close();
});

/** The requests of one first poll of a primary (its status reads and its inventory's page), with the engine's request budget set to `budget`. */
async function firstPoll(budget?: EngineOptions['requestBudget']): Promise<Captured[]> {
  const server = await startCaptureServer();
  servers.push(server);
  const config = fleetConfigSchema.parse({
    pollIntervalSeconds: 3600,
    inventoryIntervalSeconds: 0,
    primaries: [{ id: 'p', name: 'P', baseUrl: server.url, read: { token: 't' } }],
  });
  engine = createEngine({ config, store: openHistoryStore({ path: ':memory:' }), publishDelayMs: 0, ...(budget ? { requestBudget: budget } : {}) });
  await engine.firstPoll();
  await engine.stop();
  engine = null;
  return server.requests;
}

describe('the engine’s request budget (requestBudget)', () => {
  it('is what the fleet limiter spends: past a budget of 2, the next request waits for a token (1 a second)', async () => {
    const unmetered = await firstPoll();
    expect(unmetered.length).toBe(3);
    const metered = await firstPoll({ capacity: 2, perSecond: 1 });
    const urls = (rs: Captured[]): string[] => rs.map((r) => r.url).sort();
    expect(urls(metered)).toEqual(urls(unmetered));
    // The third comes a token's refill (1 s) after the bucket was spent: at least half of that after the
    // first came in, whatever the first connection's set-up took (a lower bound: load only adds to it).
    expect(metered[2]!.at - metered[0]!.at).toBeGreaterThanOrEqual(500);
  });
});
