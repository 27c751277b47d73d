import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TargetError } from '../../../../shared/model';
import { fleetConfigSchema } from '../../../../electron/engine/config/fleet-config-schema';
import type { WalkOutcome } from '../../../../electron/engine/bitbucket/inventory-walk';
import { composePrimary, initialPrimary, withInventory, type RegularReads } from '../../../../electron/engine/bitbucket/primary-poller';
import { createPrimaryStatus } from '../../../../electron/engine/bitbucket/primary-status';

const config = fleetConfigSchema.parse({
  primaries: [
    {
      id: 'p',
      name: 'P',
      baseUrl: 'https://p.example',
      read: { token: 't' },
      nodes: [{ name: 'n1', baseUrl: 'https://n1.example' }],
    },
  ],
}).primaries[0]!;
const ctx = { config, pollIntervalSeconds: 15, slowThresholdMs: 2000 };
const error = (code: TargetError['code'], message: string): TargetError => ({ code, message, at: 0 }) as TargetError;

const readsArb = fc.record({ up: fc.boolean(), clusterOk: fc.boolean(), ms: fc.integer({ min: 1, max: 3000 }) });
const walkArb = fc.oneof(
  fc.record({ kind: fc.constant('ok' as const), total: fc.integer({ min: 0, max: 9 }), truncated: fc.boolean(), ms: fc.integer({ min: 1, max: 3000 }) }),
  fc.record({ kind: fc.constant('failed' as const), code: fc.constantFrom('auth' as const, 'timeout' as const) }),
);
type PollEvent = { up: boolean; clusterOk: boolean; ms: number };
type WalkEvent = { kind: 'ok'; total: number; truncated: boolean; ms: number } | { kind: 'failed'; code: 'auth' | 'timeout' };
type Event = { poll: PollEvent } | { walk: WalkEvent };

function readsOf(e: PollEvent, at: number): RegularReads {
  return {
    props: e.up
      ? { ok: true, value: { version: '9.4.0', buildNumber: '1', displayName: 'P' }, ms: e.ms }
      : { ok: false, error: error('refused', 'refused'), ms: 1 },
    cluster: e.clusterOk
      ? { ok: true, value: { nodes: [{ id: '1', name: 'n1', address: 'n1.example', port: 5701, local: true }] }, ms: e.ms }
      : { ok: false, error: error('forbidden', 'no'), ms: 1 },
    nodeStatuses: [{ name: 'n1', baseUrl: 'https://n1.example', res: { ok: true, value: { status: 200, body: { state: 'RUNNING' } }, ms: 5 } }],
    hosts: new Map(),
    started: at - 5,
    at,
  } as unknown as RegularReads;
}

function walkOf(w: WalkEvent, at: number): WalkOutcome {
  const result =
    w.kind === 'ok'
      ? {
          ok: true as const,
          value: {
            counts: { total: w.total, available: w.total, initialising: 0, initialisationFailed: 0, offline: 0, archived: 0, projects: 1 },
            pages: 2,
            truncated: w.truncated,
          },
          ms: w.ms,
        }
      : { ok: false as const, error: error(w.code, `walk ${w.code}`), ms: 3 };
  return { result, at, durationMs: 40 };
}

describe('a primary status from polls and walks ending in any order', () => {
  it('a walk that ends is shown at once, as the next poll with the same reads would show it; polls see the last walk', () => {
    const events = fc.array(
      fc.oneof(
        readsArb.map((poll) => ({ poll }) as Event),
        walkArb.map((walk) => ({ walk }) as Event),
      ),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(events, (list) => {
        const status = createPrimaryStatus(ctx, initialPrimary(config, 15));
        // The reference: the walks applied in order, each poll composed with the last of them.
        let beforePoll = initialPrimary(config, 15);
        let reads: RegularReads | null = null;
        let walk: WalkOutcome | null = null;
        let at = 1_000;
        for (const e of list) {
          at += 1_000;
          if ('poll' in e) {
            reads = readsOf(e.poll, at);
            const seen = status.current();
            beforePoll = seen;
            const got = status.polled(reads);
            expect(got).toEqual(composePrimary(ctx, seen, reads, walk));
            expect(got.lastPollAt).toBe(at);
          } else {
            walk = walkOf(e.walk, at);
            const lastPollAt = status.current().lastPollAt;
            const got = status.walked(walk);
            beforePoll = withInventory(beforePoll, walk);
            expect(got).toEqual(reads === null ? beforePoll : composePrimary(ctx, beforePoll, reads, walk));
            // A walk is no poll: the poll's time and duration stay.
            expect(got.lastPollAt).toBe(lastPollAt);
            if (reads !== null) {
              // What the next poll with the same reads would show.
              const again = composePrimary(ctx, got, reads, walk);
              expect({ ...got, nodes: null }).toEqual({ ...again, nodes: null });
            }
            if (walk.result.ok) {
              expect(got.repositories).toEqual(walk.result.value.counts);
              expect(got.inventoryAt).toBe(at);
            } else expect(got.datasets.inventory.state).toBe('failed');
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("a slow inventory walk and this poll's own reads", () => {
  const slowWalk = walkOf({ kind: 'ok', total: 5, truncated: false, ms: 2 * 3000 }, 50);
  it('a primary that answers within the threshold is up at its next poll, with the slow walk said', () => {
    const p = composePrimary(ctx, initialPrimary(config, 15), readsOf({ up: true, clusterOk: true, ms: 100 }, 100), slowWalk);
    expect(p.status).toBe('up');
    expect(p.statusMessage).toBe('The last inventory walk was slow: 3.0 s per page (threshold 2.0 s)');
  });
  it('slow reads of this poll make it degraded, whatever the walk', () => {
    const fastWalk = walkOf({ kind: 'ok', total: 5, truncated: false, ms: 200 }, 50);
    const p = composePrimary(ctx, initialPrimary(config, 15), readsOf({ up: true, clusterOk: true, ms: 2500 }, 100), fastWalk);
    expect(p.status).toBe('degraded');
    expect(p.statusMessage).toBe('Slow responses: 2.5 s per request (threshold 2.0 s)');
  });
});
