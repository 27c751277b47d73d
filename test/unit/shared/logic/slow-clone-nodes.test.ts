import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIN_NODE_CLONES, slowCloneNodes } from '../../../../shared/logic/slow-clone-nodes';
import type { DurationStats } from '../../../../shared/model/access-log';

type ByNode = Array<{ node: string; durations: DurationStats }>;

/** The rule as first written (each node's others filtered, mapped and sorted): the reference. */
function reference(byNode: ByNode): Array<{ node: string; p95Ms: number; othersP95Ms: number; ratio: number }> {
  const counted = byNode.filter((n) => n.durations.count >= MIN_NODE_CLONES && n.durations.p95Ms !== null);
  return counted.flatMap((n) => {
    const others = counted
      .filter((o) => o !== n)
      .map((o) => o.durations.p95Ms!)
      .sort((a, b) => a - b);
    if (others.length === 0) return [];
    const mid = Math.floor(others.length / 2);
    const median = others.length % 2 ? others[mid]! : (others[mid - 1]! + others[mid]!) / 2;
    const ratio = median > 0 ? n.durations.p95Ms! / median : 0;
    return ratio >= 3 ? [{ node: n.node, p95Ms: n.durations.p95Ms!, othersP95Ms: median, ratio }] : [];
  });
}

describe('slowCloneNodes', () => {
  it('names the nodes the rule as first written names (ties, zeros, nodes with too few clones or none, ratios near 3)', () => {
    const p95 = fc.oneof(
      fc.constantFrom(0, 1, 2, 3, 6, 9, 1000, 3000, 3001),
      fc.integer({ min: 0, max: 100_000 }),
      fc.double({ min: 0, max: 1e6, noNaN: true }),
    );
    const node = fc.record({
      count: fc.oneof(fc.constant(MIN_NODE_CLONES), fc.integer({ min: 0, max: 40 })),
      p95Ms: fc.option(p95, { freq: 8 }),
    });
    fc.assert(
      fc.property(fc.array(node, { maxLength: 9 }), (nodes) => {
        const byNode: ByNode = nodes.map((n, i) => ({ node: `n${i}`, durations: { count: n.count, p50Ms: n.p95Ms, p95Ms: n.p95Ms, maxMs: n.p95Ms } }));
        expect(slowCloneNodes(byNode)).toEqual(reference(byNode));
      }),
      { numRuns: 3000 },
    );
  });
});
