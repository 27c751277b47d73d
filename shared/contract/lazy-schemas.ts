import type { z } from 'zod';

type Entry = { args: z.ZodType; result: z.ZodType };
type Joined<T extends readonly object[]> = T extends readonly [infer H, ...infer R extends readonly object[]] ? H & Joined<R> : unknown;

/**
 * A group of request schemas built when one of them is first read, not when the contract is
 * imported: a page or a host starting up checks a few requests (the snapshot first), and building
 * every request's zod schemas up front was CPU on the way to the first data (issue 13 item 7).
 * Each name is an enumerable getter, so lookups and `Object.keys` behave as on a plain object.
 */
export function lazySchemas<N extends string, T extends Record<N, Entry>>(names: readonly N[], build: () => T): T {
  let built: T | null = null;
  const group = {} as T;
  for (const name of names) Object.defineProperty(group, name, { enumerable: true, get: () => (built ??= build())[name] });
  return group;
}

/** Joins groups of request schemas without reading them: a spread would build every group at once. */
export function joinSchemas<T extends readonly object[]>(...groups: T): Joined<T> {
  const all = {};
  for (const group of groups) Object.defineProperties(all, Object.getOwnPropertyDescriptors(group));
  return all as Joined<T>;
}
