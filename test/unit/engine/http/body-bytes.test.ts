import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BodyBytes } from '../../../../electron/engine/http/http-exchange';

describe('a body’s chunks joined (BodyBytes)', () => {
  it('property: the same bytes as concatenating the chunks, whatever length was announced', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 8 }),
        fc.oneof(fc.constant('exact'), fc.constant('none'), fc.integer({ min: -20, max: 20 })),
        (chunks, announce) => {
          const total = chunks.reduce((n, c) => n + c.length, 0);
          const announced = announce === 'exact' ? total : announce === 'none' ? 0 : Math.max(0, total + announce);
          const bytes = new BodyBytes(announced);
          for (const c of chunks) bytes.add(Buffer.from(c));
          const got = bytes.take();
          expect(bytes.size).toBe(total);
          expect(got.length).toBe(total);
          expect(got.equals(Buffer.concat(chunks.map((c) => Buffer.from(c))))).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('gives the announced buffer itself, whole, when the body is as long as announced', () => {
    const bytes = new BodyBytes(10_000);
    for (let i = 0; i < 10; i++) bytes.add(Buffer.alloc(1000, i));
    const got = bytes.take();
    expect(got.byteOffset).toBe(0);
    expect(got.buffer.byteLength).toBe(10_000);
    expect(got[9_999]).toBe(9);
  });
});
