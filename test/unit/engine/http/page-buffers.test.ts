import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { transferable } from '../../../../electron/engine/bitbucket/inventory-pages';
import { BodyBytes } from '../../../../electron/engine/http/http-exchange';
import { isPageBuffer, PAGE_BUFFER_MIN, pageBuffer, recyclePageBuffer, spareCount } from '../../../../electron/engine/http/page-buffers';

/** Leaves no spare buffer behind for the next test (they are let go after the idle time). */
function drain(): void {
  vi.useFakeTimers();
  recyclePageBuffer(new ArrayBuffer(PAGE_BUFFER_MIN));
  vi.advanceTimersByTime(60_000);
  vi.useRealTimers();
}

describe('page buffers used again (page-buffers.ts)', () => {
  afterEach(drain);

  it('property: a body read into a used buffer is the same bytes as concatenating its chunks, whatever the buffer held', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: PAGE_BUFFER_MIN, max: 3 * PAGE_BUFFER_MIN }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 1, max: 40_000 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 255 }),
        fc.oneof(fc.constant(0), fc.integer({ min: -3_000, max: 3_000 })),
        (spares, cuts, seed, off) => {
          drain();
          // Spares that held other bytes: the thread hands back what the last pages were read from.
          for (const size of spares) recyclePageBuffer(Buffer.alloc(size, 0xaa).buffer as ArrayBuffer);
          const total = Math.max(
            PAGE_BUFFER_MIN,
            cuts.reduce((a, b) => a + b, 0),
          );
          const body = Buffer.allocUnsafe(total);
          for (let i = 0; i < total; i++) body[i] = (i * 31 + seed) & 0xff;
          const chunks: Buffer[] = [];
          for (let at = 0, k = 0; at < total; k++) {
            const next = Math.min(total, at + cuts[k % cuts.length]!);
            chunks.push(body.subarray(at, next));
            at = next;
          }
          const bytes = new BodyBytes(Math.max(0, total + off));
          for (const c of chunks) bytes.add(c);
          const got = bytes.take();
          expect(got.length).toBe(total);
          expect(got.equals(body)).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('fills a page with the memory the thread handed back, when it fits and is at most twice the page', () => {
    const first = pageBuffer(700_000);
    expect(first.length).toBe(700_000);
    expect(first.buffer.byteLength % (64 * 1024)).toBe(0);
    recyclePageBuffer(first.buffer as ArrayBuffer);
    expect(spareCount()).toBe(1);
    // Too large for a small body: a new buffer, the spare kept for a page.
    expect(pageBuffer(300_000).buffer).not.toBe(first.buffer);
    expect(spareCount()).toBe(1);
    const again = pageBuffer(705_000);
    expect(again.buffer).toBe(first.buffer);
    expect(again.length).toBe(705_000);
    expect(spareCount()).toBe(0);
  });

  it('keeps at most 16, none smaller than a page buffer, and lets them go when idle', () => {
    vi.useFakeTimers();
    recyclePageBuffer(new ArrayBuffer(PAGE_BUFFER_MIN - 1));
    expect(spareCount()).toBe(0);
    for (let i = 0; i < 20; i++) recyclePageBuffer(new ArrayBuffer(PAGE_BUFFER_MIN));
    expect(spareCount()).toBe(16);
    vi.advanceTimersByTime(4_000);
    expect(spareCount()).toBe(16);
    vi.advanceTimersByTime(1_000);
    expect(spareCount()).toBe(0);
    vi.useRealTimers();
  });

  it('lets a page buffer move to the reader thread whole, and never memory another buffer shares', () => {
    const page = pageBuffer(100_000);
    expect(isPageBuffer(page.buffer)).toBe(true);
    expect(transferable(page)).toEqual([page.buffer]);
    // Node's pool: small buffers share one ArrayBuffer, which must not be detached under them.
    const small = Buffer.from('{"values":[]}');
    expect(small.buffer.byteLength).toBeGreaterThan(small.length);
    expect(transferable(small)).toEqual([]);
    expect(isPageBuffer(small.buffer)).toBe(false);
    const whole = Buffer.allocUnsafeSlow(1000);
    expect(transferable(whole)).toEqual([whole.buffer]);
  });
});
