// BENCH_*_PROFILE=DIR: a CPU profile of this process's main thread over a window (the cycles, not
// the start-up or the sweep), written as DIR/NAME.cpuprofile for Chrome DevTools or
// `bench/helpers/profile-summary.ts`. The profiler's own thread costs CPU, so no CPU figure is to
// be taken from a profiled run.
import { Session } from 'node:inspector/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CycleProfile {
  stop(name: string): Promise<string>;
}

export async function startCycleProfile(dir: string): Promise<CycleProfile> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  // 250 µs: a cycle's ≈ 10–30 ms of engine CPU gives 40–120 samples.
  await session.post('Profiler.setSamplingInterval', { interval: 250 });
  await session.post('Profiler.start');
  return {
    async stop(name) {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${name}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      return file;
    },
  };
}
