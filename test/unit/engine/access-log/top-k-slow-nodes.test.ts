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

describe('TopK.slowNodes', () => {
  it('names, key by key, the slow nodes slowCloneNodes names from every key’s full per-node durations', () => {
    fc.assert(
      fc.property(fc.array(clones, { maxLength: 40 }), (ops) => {
        const nodes = new NodeIndex();
        const list = new TopK(100, true, true, true, nodes);
        for (const o of ops) for (let i = 0; i < o.times; i++) list.addById(o.key, 0, KEYS[o.key]!, o.ms, bucketOf(o.ms), 2, nodes.id(NODES[o.node]!));
        const full = [...list.nodeDurations()].map(([key, byNode]) => [key, slowCloneNodes(byNode)] as const).filter(([, slow]) => slow.length > 0);
        expect([...list.slowNodes(MIN_NODE_CLONES)]).toEqual(full);
      }),
      { numRuns: 500 },
    );
  });

  it('lists two slow nodes of one key by node name, whatever order the nodes were first seen in', () => {
    const nodes = new NodeIndex();
    const list = new TopK(100, true, true, true, nodes);
    for (const [node, ms] of [
      ['n4', 60_000],
      ['n2', 5],
      ['n3', 60_000],
      ['n1', 5],
    ] as const)
      for (let i = 0; i < MIN_NODE_CLONES; i++) list.addById(0, 0, KEYS[0]!, ms, bucketOf(ms), 2, nodes.id(node));
    expect([...list.slowNodes(MIN_NODE_CLONES)].map(([key, slow]) => [key, slow.map((n) => n.node)])).toEqual([['PLAT/a', ['n3', 'n4']]]);
  });
});
