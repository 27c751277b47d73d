import fc from 'fast-check';
import { expect, it } from 'vitest';
import { openHistoryStore, type HistoryStore, type PollRecord } from '../../../../electron/engine/store/history-store';

type Sample = readonly [target: string, metric: string, value: number];

const value = fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.double({ noDefaultInfinity: false }), fc.constant(Number.NaN));
const target = fc.constantFrom('farm-a', 'farm-b', 'repo:1@farm-a', 'repo:2@farm-a');
const metric = fc.constantFrom('mirror.inSync', 'mirror.queue', 'repo.lag:node-1', 'repo.lag:node-2');
const poll = fc.record({
  targetId: target,
  at: fc.integer({ min: 0, max: 2e12 }),
  status: fc.constantFrom('up' as const, 'down' as const, 'degraded' as const),
  durationMs: fc.double({ min: 0, max: 1e5, noNaN: true }),
  error: fc.option(fc.record({ code: fc.constantFrom('timeout', 'http'), message: fc.string(), httpStatus: fc.constant(null), at: fc.constant(0) }), {
    nil: null,
  }),
  figures: fc.dictionary(metric, value),
});
// Up to 130 samples: across the batched insert's 50 rows a statement and its remainder.
const samples = fc.array(fc.tuple(target, metric, value), { maxLength: 130 });

/** Every row a target's poll and samples left: its polls, and each metric's series. */
function rows(store: HistoryStore): unknown {
  const targets = ['farm-a', 'farm-b', 'repo:1@farm-a', 'repo:2@farm-a'];
  const metrics = ['mirror.inSync', 'mirror.queue', 'repo.lag:node-1', 'repo.lag:node-2'];
  return targets.map((t) => ({
    polls: store.polls(t, 100),
    series: metrics.map((m) => store.series(t, m, 0, 2e12).sort((a, b) => a[0] - b[0] || a[1] - b[1])),
  }));
}

it('one batched transaction (recordPolls) writes the rows a poll and its samples wrote apart (recordPoll, recordSamples)', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(poll, samples), { minLength: 1, maxLength: 3 }), (polls) => {
      const apart = openHistoryStore({ path: ':memory:' });
      const batched = openHistoryStore({ path: ':memory:' });
      try {
        for (const [record, s] of polls) {
          apart.recordPoll(record as PollRecord);
          apart.recordSamples(record.at, s as Sample[]);
        }
        batched.recordPolls(polls.map(([record, s]) => ({ record: record as PollRecord, samples: s as Sample[] })));
        expect(rows(batched)).toEqual(rows(apart));
      } finally {
        apart.close();
        batched.close();
      }
    }),
    { numRuns: 150 },
  );
});
