/**
 * Turns a counter that may reset (Bitbucket's cache statistics start again from zero when a node
 * restarts or an admin clears them) into increments for a counter that only grows: a value below
 * the last one is a reset, and everything counted since the reset is new.
 */
export class MonotonicCounter {
  private last: number | null = null;

  /** The increment since the previous value; the first value counts in full. */
  observe(raw: number): number {
    const prev = this.last;
    this.last = raw;
    if (prev === null || raw < prev) return raw;
    return raw - prev;
  }
}
