import { setImmediate as turn } from 'node:timers/promises';
import { startMark } from '../engine/start-marks';

type Part = readonly [name: string, load: () => Promise<unknown>];

/**
 * The host's heaviest dependencies, in the order the host's graph needs them. Evaluating a module
 * graph is one synchronous block: `serve --demo` listens before the host is imported, and the
 * page's own scripts, asked for meanwhile, were answered only between that import's few long
 * blocks (in a traced start the last of them 0.45 s after it was asked for), so the page ran its
 * scripts only after the host had loaded. Each part here is 10–65 ms of evaluation.
 */
const HOST_PARTS: readonly Part[] = [
  ['zod', () => import('zod')],
  ['undici', () => import('../engine/http/dispatchers')],
  ['libsql', () => import('../engine/store/open-sqlite')],
  ['history store', () => import('../engine/store/history-store')],
  ['config schema', () => import('../engine/config/fleet-config-schema')],
  ['engine', () => import('../engine/engine')],
  ['fleet host', () => import('../host/fleet-host')],
];

/** Loads each part with a turn of the event loop before it (and before `last`), so requests waiting meanwhile are answered. */
export async function importInSteps<T>(parts: readonly Part[], last: () => Promise<T>): Promise<T> {
  for (const [name, load] of parts) {
    await turn();
    await load();
    startMark(`host part: ${name}`);
  }
  await turn();
  return last();
}

/** `import('../host/launch')`, a part at a time (docs/start-up.md). */
export const importHostInSteps = (): Promise<typeof import('../host/launch')> => importInSteps(HOST_PARTS, () => import('../host/launch'));
