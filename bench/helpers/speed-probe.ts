// The machine's speed at this moment, as the CPU time of a fixed register-only loop (a dependent
// multiply-add chain: no memory, no allocation). This VM has no steal accounting, so time the host
// takes from a vCPU is charged to the running thread as CPU; the same loop has been seen 1.10–1.37 ns
// a step in the same hour (docs/access-log-speed.md, session 17). Printed beside a figure, it tells which of
// the machine's states a run fell in; it never enters a bound.
const STEPS = 50_000_000;

function chain(steps: number, seed: number): number {
  let x = seed | 0;
  for (let i = 0; i < steps; i++) x = (Math.imul(x, 1_103_515_245) + 12_345) | 0;
  return x;
}

/** Nanoseconds of CPU per step of the loop (the lowest of three rounds, after a warm-up that gets it optimised). */
export function speedProbeNs(): number {
  let sink = chain(1_000_000, 1);
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round++) {
    const t0 = process.cpuUsage();
    sink ^= chain(STEPS, sink);
    const used = process.cpuUsage(t0);
    best = Math.min(best, ((used.user + used.system) * 1000) / STEPS);
  }
  // The result feeds a comparison, so the loop cannot be removed as dead code.
  return sink === 0.5 ? 0 : best;
}
