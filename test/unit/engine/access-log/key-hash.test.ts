import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hash32, hash52 } from '../../../../electron/engine/access-log/byte-keys';

// The word hashes written from their definition (wasm/hash.ts): the bytes padded with zeros to whole
// little-endian words through a DataView, the length in the seed, rotate by 13, Murmur3's finaliser.
// `hash32` and `hash52` read words in place and assemble the last one byte by byte; the scan's records
// are held equal to them (access-line-wasm.test.ts), so these properties pin all three.
const rotl13 = (x: number): number => ((x << 13) | (x >>> 19)) >>> 0;
const fmix = (h: number): number => {
  h = (h ^ (h >>> 16)) >>> 0;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h = (h ^ (h >>> 13)) >>> 0;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
};
function referenceWords(bytes: Uint8Array, seed: number, mul: number): number {
  const padded = new Uint8Array(Math.ceil(bytes.length / 4) * 4);
  padded.set(bytes);
  const view = new DataView(padded.buffer);
  let h = (seed ^ bytes.length) >>> 0;
  for (let i = 0; i < padded.length; i += 4) h = rotl13(Math.imul((h ^ view.getUint32(i, true)) >>> 0, mul));
  return fmix(h);
}
const reference32 = (bytes: Uint8Array): number => referenceWords(bytes, 0x811c9dc5, 0x01000193);
const reference52 = (bytes: Uint8Array): number => reference32(bytes) * 0x100000 + (referenceWords(bytes, 5381, 0x9e3779b1) & 0xfffff);

/** Bytes with others around them: a hash that reads past its end, or starts early, gives another value. */
const placed = fc.record({
  before: fc.uint8Array({ maxLength: 7 }),
  key: fc.uint8Array({ maxLength: 80 }),
  after: fc.uint8Array({ minLength: 0, maxLength: 7 }),
});

describe('access-log key hashes', () => {
  it('hash32 and hash52 are the word hashes of their definition, for every length and place', () => {
    fc.assert(
      fc.property(placed, ({ before, key, after }) => {
        const buf = Buffer.concat([before, key, after]);
        const s = before.length;
        expect(hash32(buf, s, s + key.length)).toBe(reference32(key));
        expect(hash52(buf, s, s + key.length)).toBe(reference52(key));
      }),
      { numRuns: 2000 },
    );
  });

  it('spread keys that differ in a few bytes over the low bits the tables use as slots', () => {
    // 65,536 addresses alike but for two bytes, into 65,536 slots: random hashes fill ≈ 63 % of them.
    const slots = new Set<number>();
    const distinct52 = new Set<number>();
    for (let n = 0; n < 65_536; n++) {
      const key = Buffer.from(`10.${n >> 8}.${n & 255}.7`, 'latin1');
      slots.add(hash32(key, 0, key.length) & 0xffff);
      distinct52.add(hash52(key, 0, key.length) % 0x10000);
    }
    expect(slots.size).toBeGreaterThan(0.6 * 65_536);
    expect(distinct52.size).toBeGreaterThan(0.6 * 65_536);
  });
});
