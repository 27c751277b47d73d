/** The old generation's room to grow after a full collection, at least (see {@link growingPercent}). */
export const HEADROOM_BYTES = 24 * 2 ** 20;
/** The growth allowed to a large heap: 30 % kept the 10 × 50,000 fleet's peak RSS within 400 MB. */
const MIN_PERCENT = 30;
const MAX_PERCENT = 200;

/**
 * How much V8's old generation may grow (`--heap-growing-percent`) over what a full collection
 * left (`liveBytes`): {@link HEADROOM_BYTES}, and 30 % once that is less. A flat 30 % gave a heap
 * of 20 MB (10 primaries of 2,000–20,000 repositories) 6–8 MB of room: a request's objects live
 * through the 50 ms of its exchange, are promoted, and the room filled seven times in a 20k
 * inventory cycle, seven full collections (≈ 100 ms of the event loop's 330 and most of V8's
 * helper threads' 400 a cycle, docs/scale.md). Large heaps (66–76 MB at 10 × 50,000) keep 30 %:
 * it is what holds their peak RSS.
 */
export function growingPercent(liveBytes: number): number {
  if (!(liveBytes > 0)) return MAX_PERCENT;
  return Math.min(MAX_PERCENT, Math.max(MIN_PERCENT, Math.ceil((HEADROOM_BYTES / liveBytes) * 100)));
}
