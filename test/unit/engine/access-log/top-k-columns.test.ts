import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CacheOutcome } from '../../../../shared/model/access-log';
import { ByteKeys } from '../../../../electron/engine/access-log/byte-keys';
import { bucketOf } from '../../../../electron/engine/access-log/histogram';
import { NodeIndex } from '../../../../electron/engine/access-log/key-node-histograms';
import { OUTCOME_INDEX, TopK } from '../../../../electron/engine/access-log/top-k';
import { ReferenceTopK } from '../../../helpers/reference-top-k';

const OUTCOMES: CacheOutcome[] = ['hit', 'miss', 'none'];
/** Raw keys in two spellings of one key (as SSH and HTTP spell a repository), so ids of one key differ. */
const RAW = 'abcdefgh'.split('').flatMap((c) => [c, c.toUpperCase()]);
const NODES = ['n1', 'n2', 'n3', 'n4', 'n5'];

const op = fc.record({
  raw: fc.integer({ min: 0, max: RAW.length - 1 }),
  // Durations that share buckets, miss (−1), and pass 16 bits in one bucket when repeated.
  ms: fc.constantFrom(-1, 0, 1, 7, 40, 41, 9000, 86_400_000),
  times: fc.oneof({ arbitrary: fc.constant(1), weight: 30 }, { arbitrary: fc.constant(3), weight: 4 }, { arbitrary: fc.constant(66_000), weight: 1 }),
  outcome: fc.integer({ min: -1, max: 2 }),
  node: fc.integer({ min: -1, max: NODES.length - 1 }),
  byId: fc.boolean(),
});
type Op = { raw: number; ms: number; times: number; outcome: number; node: number; byId: boolean };

/** Both lists fed the same operations, the columnar one by its own API. */
function feed(list: TopK, ref: ReferenceTopK, keys: ByteKeys, nodes: NodeIndex, buf: Buffer, ops: readonly Op[]): void {
  for (const o of ops) {
    const outcome = o.outcome < 0 ? undefined : OUTCOMES[o.outcome]!;
    const node = o.node < 0 ? undefined : NODES[o.node]!;
    const id = keys.id(buf, o.raw * 2, o.raw * 2 + 1);
    const key = keys.keyOf(id);
    const bucket = o.ms >= 0 ? bucketOf(o.ms) : 0;
    for (let i = 0; i < o.times; i++) {
      if (o.byId) {
        list.addById(id, keys.generation, key, o.ms, bucket, outcome === undefined ? -1 : OUTCOME_INDEX[outcome], node === undefined ? -1 : nodes.id(node));
        ref.addById(id, keys.generation, key, o.ms, bucket, outcome, node);
      } else {
        list.add(key, o.ms, outcome);
        ref.add(key, o.ms, outcome);
      }
    }
  }
}

/** What a report reads of a list. */
function figures(list: TopK | ReferenceTopK): unknown {
  return {
    byOps: list.top(50, 'operations'),
    byTime: list.top(50, 'time'),
    entries: [...list.entries()],
    counts: [...list.operationCounts()],
    nodes: [...list.nodeDurations()],
  };
}

describe('TopK in typed columns', () => {
  it('counts, drops, exports and merges as the list of key objects it replaced does', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.boolean(),
        fc.boolean(),
        fc.array(op, { maxLength: 60 }),
        fc.array(op, { maxLength: 60 }),
        fc.array(op, { maxLength: 30 }),
        (capacity, durations, cache, first, other, after) => {
          const perNode = durations && cache;
          const buf = Buffer.from(RAW.join('|'), 'latin1');
          const nodes = new NodeIndex();
          const [a, b] = [new TopK(capacity, durations, cache, perNode, nodes), new TopK(capacity, durations, cache, perNode, nodes)];
          const [refA, refB] = [new ReferenceTopK(capacity, durations, cache, perNode), new ReferenceTopK(capacity, durations, cache, perNode)];
          const [keysA, keysB] = [new ByteKeys((s) => s.toLowerCase()), new ByteKeys((s) => s.toLowerCase())];
          feed(a, refA, keysA, nodes, buf, first);
          feed(b, refB, keysB, nodes, buf, other);
          expect(figures(a)).toEqual(figures(refA));
          // What a worker sends: the same columns, nodes of a key in any order.
          const [state, refState] = [b.exportState(), refB.exportState()];
          expect({ ...state, nodeOwners: null, nodeKeys: null, nodeDurations: null }).toEqual({
            ...refState,
            nodeOwners: null,
            nodeKeys: null,
            nodeDurations: null,
          });
          expect(state.nodeKeys.length).toBe(refState.nodeKeys.length);
          a.mergeFrom(state);
          refA.mergeFrom(refState);
          feed(a, refA, keysA, nodes, buf, after);
          expect(figures(a)).toEqual(figures(refA));
        },
      ),
      { numRuns: 200 },
    );
  });
});
