/** Simulated time: epoch milliseconds that advance `speed` times faster than real time. */
export interface SimClock {
  readonly speed: number;
  now(): number;
}

/** The clock the fleet makes for itself: the presenter can change its speed while it runs. */
export interface AdjustableSimClock extends SimClock {
  /** From now on time runs `speed` times faster than real time; simulated time carries on from where it is, no jump. */
  setSpeed(speed: number): void;
}

export const isAdjustable = (clock: SimClock): clock is AdjustableSimClock => typeof (clock as Partial<AdjustableSimClock>).setSpeed === 'function';

export function createSimClock(speed: number, realNow: () => number = () => performance.now()): AdjustableSimClock {
  // Each speed change starts a new segment at the simulated time reached, so time stays continuous.
  let segment = { real: realNow(), sim: Date.now(), speed };
  const now = (): number => segment.sim + (realNow() - segment.real) * segment.speed;
  return {
    get speed() {
      return segment.speed;
    },
    now,
    setSpeed(next: number): void {
      if (!(Number.isFinite(next) && next > 0)) throw new RangeError(`A simulated clock's speed must be a number above 0; got ${next}.`);
      const real = realNow();
      segment = { real, sim: segment.sim + (real - segment.real) * segment.speed, speed: next };
    },
  };
}
