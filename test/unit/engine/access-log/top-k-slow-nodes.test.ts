import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketOf } from '../../../../electron/engine/access-log/histogram';
import { NodeIndex } from '../../../../electron/engine/access-log/key-node-histograms';
import { TopK } from '../../../../electron/engine/access-log/top-k';
import { MIN_NODE_CLONES, slowCloneNodes } from '../../../../shared/logic/slow-clone-nodes';

const KEYS = ['PLAT/a', 'PLAT/b', 'OPS/c', 'OPS/d'];
const NODES = ['n3', 'n1', 'n2', 'n4'];

/** Clones of a key on a node: counts around `MIN_NODE_CLONES`, durations far apart so some nodes are slow. */
const clones = fc.record({
  key: fc.integer({ min: 0, max: KEYS.length - 1 }),
  node: fc.integer({ min: 0, max: NODES.length - 1 }),
  ms: fc.constantFrom(0, 5, 900, 1000, 4000, 60_000),
  times: fc.integer({ min: 1, max: MIN_NODE_CLONES + 1 }),
});

describe('TopK.comparableNodeDurations', () => {
  it('names the slow nodes every key’s full per-node durations name, and leaves out only keys that name none', () => {
    fc.assert(
      fc.property(fc.array(clones, { maxLength: 40 }), (ops) => {
        const nodes = new NodeIndex();
        const list = new TopK(100, true, true, true, nodes);
        for (const o of ops) for (let i = 0; i < o.times; i++) list.addById(o.key, 0, KEYS[o.key]!, o.ms, bucketOf(o.ms), 2, nodes.id(NODES[o.node]!));
        const full = [...list.nodeDurations()].map(([key, byNode]) => [key, slowCloneNodes(byNode)] as const);
        const narrowed = [...list.comparableNodeDurations(MIN_NODE_CLONES)];
        expect(narrowed.map(([key, byNode]) => [key, slowCloneNodes(byNode)])).toEqual(
          full.filter(([key, slow]) => slow.length > 0 || narrowed.some(([k]) => k === key)),
        );
        // Kept keys have two nodes to compare, each with enough clones, in node order.
        for (const [, byNode] of narrowed) {
          expect(byNode.length).toBeGreaterThanOrEqual(2);
          expect(byNode.every((n) => n.durations.count >= MIN_NODE_CLONES)).toBe(true);
          expect(byNode.map((n) => n.node)).toEqual(byNode.map((n) => n.node).sort());
        }
      }),
      { numRuns: 300 },
    );
  });
});
