import { stat } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnyArea, AreaContext } from '../../../electron/engine/area';
import { fleetConfigSchema } from '../../../electron/engine/config/fleet-config-schema';
import { createEngine, type Engine } from '../../../electron/engine/engine';
import { openHistoryStore } from '../../../electron/engine/store/history-store';

/**
 * Runs `act` inside an I/O callback, where Node runs every immediate before any timer, with a 0 ms
 * timer armed just before it; resolves with the order in which `act`'s effect and that timer came.
 * A 0 ms timer waits for the loop's clock to move a whole millisecond; a snapshot without a
 * coalescing window, due now, must not wait for it.
 */
function orderAgainstZeroTimer(act: (seen: () => void) => void): Promise<string[]> {
  const order: string[] = [];
  return new Promise((resolve, reject) => {
    stat(import.meta.filename, (err) => {
      if (err) return reject(err);
      setTimeout(() => {
        order.push('0 ms timer');
        // Whatever the order, both have come once a later timer fires.
        setTimeout(() => resolve(order), 5);
      }, 0);
      act(() => order.push('effect'));
    });
  });
}

describe('a publish due now goes out on the next turn, not after a 0 ms timer', () => {
  let engine: Engine | null = null;
  afterEach(async () => {
    await engine?.stop();
    engine = null;
  });

  it('a snapshot without a coalescing window goes out before a 0 ms timer armed earlier', async () => {
    let context: AreaContext | null = null;
    const area: AnyArea = {
      name: 'probe',
      start: (c) => void (context = c),
      contribute: () => undefined,
      firstPoll: async () => undefined,
      stop: async () => undefined,
    };
    const config = fleetConfigSchema.parse({ pollIntervalSeconds: 60, primaries: [] });
    engine = createEngine({ config, store: openHistoryStore({ path: ':memory:' }), areas: [area], publishDelayMs: 0 });
    const e = engine;
    const order = await orderAgainstZeroTimer((mark) => {
      const off = e.onSnapshot(() => {
        off();
        mark();
      });
      context!.publish();
    });
    expect(order).toEqual(['effect', '0 ms timer']);
  });
});
