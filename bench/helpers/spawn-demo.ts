import { spawn } from 'node:child_process';
import { fleetConfigSchema, type FleetConfig } from '../../electron/engine/config/fleet-config-schema';
import { stopChild } from '../../test/helpers/loopback-processes';

export interface SpawnedDemo {
  config: FleetConfig;
  /** The simulated fleet's process, to read its CPU (a saturated fleet answers slowly). */
  pids: number[];
  stop(): Promise<void>;
}

/**
 * V8's memory reducer off in the simulated fleet: at 10 × 20,000 repositories its heap is ≈ 350 MB
 * (every repository's JSON, the pages as sent), and when its load dropped the reducer ran three
 * full collections in a row, ≈ 1.0–1.8 s of CPU with marking steps of up to 58 ms, inside the
 * measured cycles of the engine it shares two cores with (docs/scale.md, session 22). That is the
 * stand-in servers' housekeeping, not the engine's cost; the engine keeps its own reducer.
 */
const FLEET_FLAGS = ['--no-memory-reducer'];

/** BENCH_FLEET_PROFILE=DIR: every simulated fleet a bench starts writes its CPU profile there (`--cpu-prof`), start-up included. */
const profileFlags = (): string[] => {
  const dir = process.env.BENCH_FLEET_PROFILE;
  return dir ? ['--cpu-prof', '--cpu-prof-dir', dir] : [];
};

/** Starts bench/helpers/demo-process.ts with these fleet options (and Node flags) and waits for its config. */
export async function spawnDemo(options: Record<string, unknown>, nodeFlags: string[] = []): Promise<SpawnedDemo> {
  const child = spawn(
    process.execPath,
    [...FLEET_FLAGS, ...profileFlags(), ...nodeFlags, '--import', 'tsx', 'bench/helpers/demo-process.ts', JSON.stringify(options)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const config = await new Promise<FleetConfig>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('READY '));
      if (line) resolve(fleetConfigSchema.parse(JSON.parse(line.slice(6))));
    });
    child.on('exit', (code) => reject(new Error(`the demo process exited with ${code}`)));
  });
  return {
    config,
    pids: [child.pid!],
    stop: () => stopChild(child),
  };
}
