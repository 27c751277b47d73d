import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffJson } from '../../../../shared/logic/json-patch';
import { createSnapshotReceiver } from '../../../../shared/logic/snapshot-receiver';
import { snapshotSchema, type Snapshot } from '../../../../shared/model/snapshot';
import { makeNode, makePrimary, makeSnapshot, T0 } from '../../../helpers/snapshot-fixtures';

const full = (version: number, snapshot: Snapshot) => ({ kind: 'full', version, snapshot });

// Polls of a small fleet: each step changes some targets' leaves, adds or drops a target or an alert.
const step = fc.record({
  target: fc.nat(5),
  at: fc.integer({ min: 1, max: 10_000 }),
  status: fc.constantFrom('up', 'degraded', 'down'),
  nodeUp: fc.boolean(),
  addTarget: fc.boolean(),
  dropTarget: fc.boolean(),
  alert: fc.option(fc.string({ minLength: 1, maxLength: 8 })),
});
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

const evolve = (s: Snapshot, st: Step): Snapshot => {
  let primaries = s.primaries.map((p, i) =>
    i === st.target % Math.max(1, s.primaries.length)
      ? { ...p, status: st.status, lastPollAt: T0 + st.at, nodes: p.nodes.map((n, j) => (j === 0 ? { ...n, status: st.nodeUp ? 'up' : 'down' } : n)) }
      : p,
  );
  if (st.addTarget) primaries = [...primaries, makePrimary({ id: `p${primaries.length}-${st.at}`, nodes: [makeNode()] })];
  if (st.dropTarget && primaries.length > 1) primaries = primaries.filter((_, i) => i !== st.target % primaries.length);
  const alerts =
    st.alert === null ? s.alerts.slice(1) : [...s.alerts, { id: st.alert, severity: 'warning', targetId: 'p0', title: st.alert, message: 'm', since: T0 }];
  return snapshotSchema.parse({ ...s, generatedAt: s.generatedAt + 1000, primaries, alerts });
};

describe('snapshot receiver', () => {
  it('ends with exactly the snapshot a full push would have given, whatever the polls', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 15 }), (steps) => {
        const receiver = createSnapshotReceiver();
        let sent = makeSnapshot({ primaries: [makePrimary({ id: 'p0' }), makePrimary({ id: 'p1' })] });
        let version = 1;
        expect(receiver.receive(full(version, sent))).toEqual({ kind: 'snapshot', snapshot: sent });
        for (const st of steps) {
          const next = evolve(sent, st);
          // Over the wire: JSON, as the event stream carries it.
          const wire = JSON.parse(JSON.stringify({ kind: 'patch', base: version, version: version + 1, ops: diffJson(sent, next) })) as unknown;
          const got = receiver.receive(wire);
          expect(got).toEqual({ kind: 'snapshot', snapshot: snapshotSchema.parse(next) });
          sent = next;
          version += 1;
        }
      }),
      { numRuns: 200 },
    );
  });

  it('ignores a patch a full copy overtook, and asks again after a gap or a patch that does not fit', () => {
    const receiver = createSnapshotReceiver();
    const s = makeSnapshot();
    expect(receiver.receive({ kind: 'patch', base: 1, version: 2, ops: [] })).toMatchObject({
      kind: 'resync',
      reason: expect.stringMatching(/before any full/),
    });
    receiver.receive(full(4, s));
    expect(receiver.receive({ kind: 'patch', base: 3, version: 4, ops: [] })).toEqual({ kind: 'stale' });
    expect(receiver.receive({ kind: 'patch', base: 6, version: 7, ops: [] })).toMatchObject({
      kind: 'resync',
      reason: expect.stringMatching(/version 6 while this page holds version 4/),
    });
    expect(receiver.receive({ kind: 'patch', base: 4, version: 5, ops: [{ op: 's', p: ['generatedAt'], v: 'soon' }] })).toMatchObject({
      kind: 'resync',
      reason: expect.stringMatching(/does not match the contract/),
    });
    // What was held is gone: only a full copy helps now.
    expect(receiver.receive({ kind: 'patch', base: 4, version: 5, ops: [] })).toMatchObject({ kind: 'resync' });
    expect(receiver.receive({ kind: 'nonsense' })).toMatchObject({ kind: 'resync' });
  });
});
