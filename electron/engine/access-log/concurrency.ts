import { writeZeros } from './write-zeros';

const HOUR_S = 3600;

/** A tracker as sent between threads. */
export interface ConcurrencyState {
  hours: Array<[number, Int32Array]>;
  firstSecond: number;
  lastSecond: number;
  truncated: boolean;
}

/**
 * Git operations in flight, sampled at every whole second (an operation counts at the seconds t
 * with start ≤ t < end), kept as per-second deltas in one array per hour that has traffic. Hours
 * past `maxHours` are not tracked and the result says so: narrowing the time range brings them back.
 */
export class ConcurrencyTracker {
  private readonly hours = new Map<number, Int32Array>();
  /** The first and last second anything was in flight: the summary covers these only, not whole hours. */
  private firstSecond = Infinity;
  private lastSecond = -Infinity;
  truncated = false;
  private lastHour = NaN;
  private lastChunk: Int32Array | null = null;

  constructor(private readonly maxHours = 2000) {}

  add(startMs: number, endMs: number): void {
    const from = Math.ceil(startMs / 1000);
    const to = Math.ceil(endMs / 1000);
    if (to <= from) return;
    const a = this.chunk(Math.floor(from / HOUR_S));
    const b = a && this.chunk(Math.floor(to / HOUR_S));
    if (!a || !b) {
      this.truncated = true;
      return;
    }
    a[from % HOUR_S]! += 1;
    b[to % HOUR_S]! -= 1;
    if (from < this.firstSecond) this.firstSecond = from;
    if (to > this.lastSecond) this.lastSecond = to;
  }

  exportState(): ConcurrencyState {
    return { hours: [...this.hours.entries()], firstSecond: this.firstSecond, lastSecond: this.lastSecond, truncated: this.truncated };
  }

  /** Adds another tracker's operations: deltas add up, so the sum is exact while both stay under `maxHours`. */
  mergeFrom(state: ConcurrencyState): void {
    for (const [hour, deltas] of state.hours) {
      const mine = this.chunk(hour);
      if (mine === null) {
        this.truncated = true;
        continue;
      }
      for (let s = 0; s < HOUR_S; s++) mine[s]! += deltas[s]!;
    }
    if (state.firstSecond < this.firstSecond) this.firstSecond = state.firstSecond;
    if (state.lastSecond > this.lastSecond) this.lastSecond = state.lastSecond;
    this.truncated ||= state.truncated;
  }

  /** Peak per interval (from `intervalMs`-aligned starts), overall peak and seconds above `limit`. */
  summarise(intervalMs: number, limit: number | null): { perInterval: Array<{ start: number; peak: number }>; peak: number; secondsOverLimit: number } {
    const keys = [...this.hours.keys()].sort((x, y) => x - y);
    const peaks = new Map<number, number>();
    let level = 0;
    let peak = 0;
    let over = 0;
    for (const hour of keys) {
      const deltas = this.hours.get(hour)!;
      for (let s = 0; s < HOUR_S; s++) {
        level += deltas[s]!;
        const second = hour * HOUR_S + s;
        if (second < this.firstSecond || second > this.lastSecond) continue;
        const ms = second * 1000;
        const slot = Math.floor(ms / intervalMs) * intervalMs;
        if (level > (peaks.get(slot) ?? -1)) peaks.set(slot, level);
        if (level > peak) peak = level;
        if (limit !== null && level > limit) over += 1;
      }
    }
    const perInterval = [...peaks.entries()].sort((x, y) => x[0] - y[0]).map(([start, p]) => ({ start, peak: p }));
    return { perInterval, peak, secondsOverLimit: over };
  }

  private chunk(hour: number): Int32Array | null {
    // Operations come in time order: most fall in the hour of the one before.
    if (hour === this.lastHour) return this.lastChunk;
    let c = this.hours.get(hour);
    if (c === undefined) {
      if (this.hours.size >= this.maxHours) return null;
      c = new Int32Array(HOUR_S);
      writeZeros(c);
      this.hours.set(hour, c);
    }
    this.lastHour = hour;
    this.lastChunk = c;
    return c;
  }
}
