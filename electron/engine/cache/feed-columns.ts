import { ALIASES, gitVersionOf, kindOf, protocolOf } from './cache-aliases';
import { reduceFeedWith, type ListReducer, type ReducedFeed } from './cache-feed';
import { asCount, asTime, isObject, lookup, type Json, type JsonObject } from './cache-values';
import { ColumnBuilder, type EntryFigures, type FeedColumns } from './column-builder';

export type { FeedColumns };

export type ColumnFeed = ReducedFeed<FeedColumns>;

/** A number column's value, NaN read as "not said". */
export const cell = (column: Float64Array, i: number): number | null => {
  const v = column[i]!;
  return Number.isNaN(v) ? null : v;
};

// The alias lists, read once (each is tried on every repository and entry).
const { size: SIZE, hits: HITS, misses: MISSES, lastAccessed: LAST, kind: KIND, protocol: PROTOCOL, version: VERSION } = ALIASES;
const { projectKey: PROJECT, repoSlug: SLUG, list: LIST } = ALIASES;

/** The first alias whose value parses, as cache-feed's `field` finds it. */
function first<T>(o: JsonObject, names: readonly string[], parse: (v: Json) => T | null): T | null {
  for (const name of names) {
    let v: Json;
    if (Object.hasOwn(o, name)) v = o[name];
    else if (!name.includes('.')) continue;
    else {
      const found = lookup(o, name);
      if (found === null) continue;
      v = found.value;
    }
    const value = parse(v);
    if (value !== null) return value;
  }
  return null;
}

export const asText = (v: Json): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const orNaN = (v: number | null): number => (v === null ? Number.NaN : v);

/** An entry's figures from a parsed object, into `e`. */
function figuresOf(o: JsonObject, e: EntryFigures): EntryFigures {
  e.size = orNaN(first(o, SIZE, asCount));
  e.hits = orNaN(first(o, HITS, asCount));
  e.misses = orNaN(first(o, MISSES, asCount));
  e.last = orNaN(first(o, LAST, asTime));
  e.kind = first(o, KIND, kindOf);
  e.protocol = first(o, PROTOCOL, protocolOf);
  e.version = first(o, VERSION, gitVersionOf);
  return e;
}

/** The value under the first list name the object has; undefined when it has none. */
function listOf(o: JsonObject): Json {
  for (const n of LIST) if (Object.hasOwn(o, n)) return o[n];
  return undefined;
}

/** The list of a parsed body, into columns. */
function columnsOf(list: readonly Json[], raw: { key: string; value: string }[]): FeedColumns {
  const b = new ColumnBuilder();
  for (const item of list) {
    const pk = isObject(item) ? first(item, PROJECT, asText) : null;
    const slug = pk !== null ? first(item as JsonObject, SLUG, asText) : null;
    if (pk === null || slug === null) {
      b.skip();
      continue;
    }
    const o = item as JsonObject;
    const entries = listOf(o);
    if (entries === undefined) {
      b.flatItem(pk, slug, figuresOf(o, b.entry()));
      continue;
    }
    if (Array.isArray(entries))
      for (const e of entries) {
        if (!isObject(e)) continue;
        figuresOf(e, b.entry());
        b.pushEntry();
      }
    const own = figuresOf(o, { size: 0, hits: 0, misses: 0, last: 0, kind: null, protocol: null, version: null });
    b.nestedItem(pk, slug, own);
  }
  return b.finish(raw);
}

/** Sums a counter over the repositories: null when there are none or one does not say. */
export const COLUMNS: ListReducer<FeedColumns> = {
  reduce: columnsOf,
  sum: (c, key) => {
    if (c.length === 0) return null;
    let total = 0;
    for (const v of c[key]) total += v;
    return Number.isNaN(total) ? null : total;
  },
};

/** `GET /caches` as normaliseFeed reads it, with its repositories as columns. */
export const reduceFeed = (body: Json): ColumnFeed => reduceFeedWith(body, COLUMNS);
