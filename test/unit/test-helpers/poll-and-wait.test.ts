import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../shared/model';
import { pollAndWait } from '../../helpers/poll-and-wait';
import { makePrimary, makeSnapshot } from '../../helpers/snapshot-fixtures';

/**
 * A host whose poll ends at once, in the millisecond it was asked for, as a poll against a
 * loopback server can: its time is `Date.now()` then. CI's adversarial-requests test waited 60 s
 * when a poll was asked for in the millisecond the last one ended.
 */
function instantHost(lastPollAt: number) {
  let snapshot: Snapshot = makeSnapshot({ primaries: [makePrimary({ id: 'prod', lastPollAt })] });
  const listeners = new Set<(s: Snapshot) => void>();
  return {
    on: (_event: 'snapshot', listener: (s: Snapshot) => void) => (listeners.add(listener), () => void listeners.delete(listener)),
    handlers: {
      pollNow: async () => {
        snapshot = makeSnapshot({ primaries: [makePrimary({ id: 'prod', lastPollAt: Date.now() })] });
        listeners.forEach((l) => l(snapshot));
      },
    },
    engine: { snapshot: () => snapshot },
  };
}

describe('pollAndWait', () => {
  it('sees a poll that ends at once after one that ended in this very millisecond', async () => {
    for (let i = 0; i < 20; i++) {
      const host = instantHost(Date.now());
      const before = host.engine.snapshot().primaries[0]!.lastPollAt!;
      const seen = await Promise.race([
        pollAndWait(host as unknown as Parameters<typeof pollAndWait>[0], 'prod'),
        new Promise<null>((resolve) => setTimeout(() => resolve(null), 1_000)),
      ]);
      expect(seen?.lastPollAt).toBeGreaterThan(before);
    }
  });
});
