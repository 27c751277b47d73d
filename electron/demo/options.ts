import { homedir } from 'node:os';
import { join } from 'node:path';
import { timerDelay } from './http-listener';
import type { DemoFleetOptions } from './types';

export type ResolvedOptions = Required<DemoFleetOptions>;

const DEFAULTS: ResolvedOptions = {
  host: '127.0.0.1',
  portBase: 0,
  speed: 1,
  seed: 42,
  // Two, so the SCM cache console shows a pre-7.4 primary beside a current one (see PRIMARY_VERSIONS).
  primaries: 2,
  nodesPerPrimary: 3,
  reposPerPrimary: 300,
  mirrorFarmsPerPrimary: 1,
  latencyMs: 0,
  accessLogDir: '',
  delay: timerDelay,
  clock: null,
  gitCacheDir: join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'fleetscope', 'demo-git'),
};

/** Fills defaults and rejects values that would make a broken or unbelievable fleet. */
export function resolveOptions(options: DemoFleetOptions): ResolvedOptions {
  const o: ResolvedOptions = { ...DEFAULTS };
  for (const [key, value] of Object.entries(options) as [keyof DemoFleetOptions, unknown][]) {
    if (value !== undefined) Object.assign(o, { [key]: value });
  }
  if (typeof o.host !== 'string' || o.host.trim() === '') fail('host', 'a host name or IP address', o.host);
  checkInt('portBase', o.portBase, 0, 65_535);
  if (typeof o.speed !== 'number' || !Number.isFinite(o.speed) || o.speed <= 0 || o.speed > 1_000_000) {
    fail('speed', 'a number above 0 and at most 1000000', o.speed);
  }
  checkInt('seed', o.seed, -(2 ** 31), 2 ** 32 - 1);
  checkInt('primaries', o.primaries, 1, 50);
  checkInt('nodesPerPrimary', o.nodesPerPrimary, 3, 16);
  checkInt('reposPerPrimary', o.reposPerPrimary, 0, 50_000);
  checkInt('mirrorFarmsPerPrimary', o.mirrorFarmsPerPrimary, 1, 4);
  checkInt('latencyMs', o.latencyMs, 0, 60_000);
  if (typeof o.gitCacheDir !== 'string' || o.gitCacheDir === '') fail('gitCacheDir', 'a folder path', o.gitCacheDir);
  if (typeof o.delay !== 'function') fail('delay', 'a function', typeof o.delay);
  const lastPort = o.portBase + o.primaries * (o.nodesPerPrimary + 1);
  if (o.portBase !== 0 && lastPort > 65_535) {
    fail('portBase', `low enough for ${lastPort - o.portBase + 1} consecutive ports`, o.portBase);
  }
  return o;
}

function checkInt(name: keyof DemoFleetOptions, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(name, `a whole number from ${min} to ${max}`, value);
  }
}

function fail(name: string, rule: string, value: unknown): never {
  throw new RangeError(`Demo fleet option ${name} must be ${rule}; got ${JSON.stringify(value)}.`);
}
