import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UintColumn } from '../../../electron/engine/uint-column';

/** Values near each width's edge, and anywhere below 2^32. */
const VALUE = fc.oneof(
  fc.integer({ min: 0, max: 300 }),
  fc.integer({ min: 0xff00, max: 0x100ff }),
  fc.integer({ min: 0xffffff00, max: 0xffffffff }),
  fc.nat({ max: 0xffffffff }),
);

describe('a column of unsigned integers in the narrowest width that holds them (UintColumn)', () => {
  it('property: reads back every value as a Uint32Array written the same way does, growing as needed', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(40), VALUE), { maxLength: 60 }), fc.integer({ min: 0, max: 8 }), fc.nat(50), (writes, capacity, keep) => {
        const column = new UintColumn(capacity);
        let reference = new Uint32Array(Math.max(1, capacity));
        for (const [row, value] of writes) {
          while (row >= column.length) column.grow();
          if (row >= reference.length) {
            const next = new Uint32Array(column.length);
            next.set(reference);
            reference = next;
          }
          column.set(row, value);
          reference[row] = value;
        }
        expect(column.length).toBe(reference.length);
        for (let row = 0; row < reference.length; row++) expect(column.get(row)).toBe(reference[row]);
        const largest = Math.max(0, ...writes.map(([, v]) => v));
        expect(column.width).toBe(largest > 0xffff ? 4 : largest > 0xff ? 2 : 1);
        // Cut to the rows held (a table trimmed after its sweep): those read back, in the same width.
        column.trim(keep);
        expect(column.length).toBe(Math.min(reference.length, Math.max(1, keep)));
        for (let row = 0; row < column.length; row++) expect(column.get(row)).toBe(reference[row]);
        expect(column.width).toBe(largest > 0xffff ? 4 : largest > 0xff ? 2 : 1);
      }),
    );
  });
});
