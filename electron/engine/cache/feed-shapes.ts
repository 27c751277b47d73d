import { hitRatioOf, type CacheCounters, type RawField } from '../../../shared/model/cache';
import { ALIASES } from './cache-aliases';
import { asCount, lookup, rawFields, type Json, type JsonObject } from './cache-values';

/**
 * The aliases of each name list that objects of one key set have (issue 13): a feed's 50,000
 * entries share a handful of shapes, so each list is resolved once per shape instead of trying
 * every alias on every entry. Keyed by the object's keys in order; bounded, as shapes come from
 * the server.
 */
export interface Shape {
  keyCount: number;
  present: Map<readonly string[], readonly string[]>;
}
const MAX_SHAPES = 256;
const shapes = new Map<string, Shape>();

export function shapeOf(o: JsonObject): Shape {
  const keys = Object.keys(o);
  const signature = JSON.stringify(keys);
  let shape = shapes.get(signature);
  if (shape === undefined) {
    if (shapes.size >= MAX_SHAPES) shapes.clear();
    shape = { keyCount: keys.length, present: new Map() };
    shapes.set(signature, shape);
  }
  return shape;
}

/** The names of `names` that an object of this shape may have: its own keys, and dotted names whose first part it has. */
function present(o: JsonObject, shape: Shape, names: readonly string[]): readonly string[] {
  let found = shape.present.get(names);
  if (found === undefined) {
    found = names.filter((n) => Object.hasOwn(o, n) || (n.includes('.') && Object.hasOwn(o, n.slice(0, n.indexOf('.')))));
    shape.present.set(names, found);
  }
  return found;
}

/** The first alias whose value parses; its key joins `used` so it is not shown raw. */
export function field<T>(o: JsonObject, names: readonly string[], parse: (v: Json) => T | null, used: Set<string>, shape = shapeOf(o)): T | null {
  for (const name of present(o, shape, names)) {
    const found = lookup(o, name);
    const value = found ? parse(found.value) : null;
    if (found && value !== null) {
      used.add(found.key);
      return value;
    }
  }
  return null;
}

/** The first of `names` that `o` has (see {@link pick}), through its shape. */
export function pickIn(o: JsonObject, shape: Shape, names: readonly string[]): { key: string; value: Json } | null {
  for (const name of present(o, shape, names)) {
    const found = lookup(o, name);
    if (found) return found;
  }
  return null;
}

/** The fields of `o` that nothing used, shown raw; none when every key was used (the common case, and no allocation). */
export const unusedFields = (o: JsonObject, shape: Shape, used: ReadonlySet<string>): RawField[] => (used.size === shape.keyCount ? [] : rawFields(o, used));

/** size/hits/misses of an object, with the keys it used. */
export function counters(o: JsonObject, used: Set<string>, shape = shapeOf(o)): CacheCounters {
  const size = field(o, ALIASES.size, asCount, used, shape);
  const hits = field(o, ALIASES.hits, asCount, used, shape);
  const misses = field(o, ALIASES.misses, asCount, used, shape);
  return { size, hits, misses, hitRatio: hitRatioOf(hits, misses) };
}
