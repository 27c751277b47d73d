import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyNodeHistograms } from '../../../../electron/engine/access-log/key-node-histograms';

describe('KeyNodeHistograms.list', () => {
  it('lists every (key slot, node) histogram by slot, then node, as sorting the triples did', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ slot: fc.integer({ min: 0, max: 300 }), node: fc.integer({ min: 0, max: 40 }) }), { maxLength: 600 }),
        fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
        (adds, dropEvery) => {
          const h = new KeyNodeHistograms();
          const seen = new Map<string, [number, number]>();
          for (const a of adds) {
            h.add(a.slot, a.node, 3, 10);
            seen.set(`${a.slot}/${a.node}`, [a.slot, a.node]);
          }
          // Keys dropped and the rest numbered again, as a prune does: the slots left have gaps no more.
          let pairs = [...seen.values()];
          if (dropEvery !== undefined) {
            const newSlot = new Int32Array(301).fill(-1);
            let m = 0;
            for (let s = 0; s <= 300; s++) if (s % (dropEvery + 1) !== 0) newSlot[s] = m++;
            h.renumber(newSlot);
            pairs = pairs.filter(([s]) => newSlot[s]! >= 0).map(([s, n]) => [newSlot[s]!, n]);
          }
          const list = h.list();
          // The reference: the triples sorted by slot, then node (histogram numbers as the table holds them).
          const triples: Array<[number, number, number]> = [];
          for (let e = 0; e < list.length; e += 3) triples.push([list[e]!, list[e + 1]!, list[e + 2]!]);
          const sorted = [...triples].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
          expect(triples).toEqual(sorted);
          expect(triples.map(([s, n]) => `${s}/${n}`).sort()).toEqual(pairs.map(([s, n]) => `${s}/${n}`).sort());
          expect(new Set(triples.map((t) => t[2])).size).toBe(triples.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
