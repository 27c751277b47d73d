/** Simulated time: epoch milliseconds that advance `speed` times faster than real time. */
export interface SimClock {
  readonly speed: number;
  now(): number;
}

export function createSimClock(speed: number, realNow: () => number = () => performance.now()): SimClock {
  const startReal = realNow();
  // Start at the wall clock so simulated timestamps look current.
  const startSim = Date.now();
  return { speed, now: () => startSim + (realNow() - startReal) * speed };
}
