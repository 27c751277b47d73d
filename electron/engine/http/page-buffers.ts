/**
 * Buffers for large bodies (inventory pages, ≈ 711 KB each), used again once the inventory's
 * reader thread hands them back (issue 13 goal 3). Each page was a fresh allocation that the
 * engine filled, moved to the thread and the thread's collector freed: at 10 × 20,000 that is
 * 140 MB of fresh memory a cycle, whose first touch (page faults in the copy of each chunk) and
 * collection were the largest CPU items of the engine's event loop after its GC (docs/scale.md,
 * session 17).
 *
 * Only buffers made here are used again, and only after they came back from the thread: a
 * transferred buffer is detached wherever the engine still referred to it, so a body's old views
 * read as empty, never as the next page's bytes.
 */

/** Bodies from this size on get a page buffer; smaller ones stay in Node's own pool. */
export const PAGE_BUFFER_MIN = 64 * 1024;
/** Page buffers are made in steps of this size, so a page a few bytes longer than the last still fits. */
const STEP = 64 * 1024;
/** At most this many wait to be used again (the walks' and sweeps' pages, the large bodies, are at most 16 in flight: `DEFAULT_BULK_IN_FLIGHT`). */
const MAX_SPARE = 16;
/** Spare buffers not asked for within this time are let go: memory between inventory cycles is not held for them. */
const IDLE_MS = 5_000;

const ours = new WeakSet<ArrayBuffer>();
const spare: ArrayBuffer[] = [];
let idle: ReturnType<typeof setTimeout> | undefined;

/**
 * A buffer of `size` bytes (contents undefined) for a body of that announced length: a spare one
 * when one fits without being more than twice as large, else a new one.
 */
export function pageBuffer(size: number): Buffer {
  let best = -1;
  for (let i = 0; i < spare.length; i++) {
    const len = spare[i]!.byteLength;
    if (len >= size && len <= 2 * size && (best < 0 || len < spare[best]!.byteLength)) best = i;
  }
  // allocUnsafeSlow: its own memory, not zero-filled (the body overwrites it).
  const buffer = best >= 0 ? spare.splice(best, 1)[0]! : Buffer.allocUnsafeSlow(Math.ceil(size / STEP) * STEP).buffer;
  ours.add(buffer);
  return Buffer.from(buffer, 0, size);
}

/** Whether a view's memory is a page buffer, which no other view shares: it may move to another thread. */
export function isPageBuffer(buffer: ArrayBufferLike): boolean {
  return buffer instanceof ArrayBuffer && ours.has(buffer);
}

/** A buffer the reader thread handed back (the engine holds no view of it): kept for the next page when it is page-sized. */
export function recyclePageBuffer(buffer: ArrayBuffer): void {
  if (buffer.byteLength < PAGE_BUFFER_MIN || spare.length >= MAX_SPARE) return;
  spare.push(buffer);
  if (idle !== undefined) clearTimeout(idle);
  idle = setTimeout(() => {
    idle = undefined;
    spare.length = 0;
  }, IDLE_MS);
  idle.unref();
}

/** Spare buffers waiting (for tests). */
export function spareCount(): number {
  return spare.length;
}
