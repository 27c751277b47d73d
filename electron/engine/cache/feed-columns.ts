import { ALIASES, gitVersionOf, kindOf, protocolOf } from './cache-aliases';
import { reduceFeedWith, type ListReducer, type ReducedFeed } from './cache-feed';
import { entryReading, type EntryReading } from './cache-rates';
import { asCount, asTime, isObject, lookup, MAX_RAW_FIELDS, type Json, type JsonObject } from './cache-values';

/**
 * The statistics' repositories as columns (issue 13): at 50,000 repositories a primary, an object
 * per repository and per cache entry, each with its raw fields, was most of the engine's heap and
 * time. Only what the table and the hit-rate series use is kept: the figures of each repository
 * and one reading per cache entry that counts hits and misses.
 */
export interface FeedColumns {
  readonly length: number;
  readonly projectKey: readonly string[];
  readonly repoSlug: readonly string[];
  /** NaN where the statistics do not say. */
  readonly size: Float64Array;
  readonly hits: Float64Array;
  readonly misses: Float64Array;
  readonly lastAccessed: Float64Array;
  /** How many cache entries each repository has. */
  readonly entries: Uint32Array;
  /** Each entry's hits and misses, for the per-kind and per-version series. */
  readonly readings: readonly EntryReading[];
}

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

/** One cache entry's figures, parsed (NaN: not said). */
export interface EntryFigures {
  size: number;
  hits: number;
  misses: number;
  last: number;
  kind: string | null;
  protocol: string | null;
  version: number | null;
}

/** A typed array twice as long, its values kept. */
function doubled<T extends Float64Array | Uint32Array | Uint8Array>(a: T): T {
  const out = new (a.constructor as new (n: number) => T)(Math.max(64, a.length * 2));
  out.set(a);
  return out;
}

/** Sums of entries per repository: NaN once an entry lacks the figure (cache-feed's `sumOf` gives null), the latest access the largest. */
class Sums {
  size = new Float64Array(0);
  hits = new Float64Array(0);
  misses = new Float64Array(0);
  last = new Float64Array(0);
  count = new Uint32Array(0);
  /** Readings per repository, only for those with counted entries. */
  readonly readings = new Map<number, EntryReading[]>();

  grow(): void {
    this.size = doubled(this.size);
    this.hits = doubled(this.hits);
    this.misses = doubled(this.misses);
    this.last = doubled(this.last);
    this.count = doubled(this.count);
  }

  reset(i: number): void {
    this.size[i] = 0;
    this.hits[i] = 0;
    this.misses[i] = 0;
    this.count[i] = 0;
    this.last[i] = Number.NaN;
    if (this.readings.size > 0) this.readings.delete(i);
  }

  add(i: number, e: EntryFigures, name: string): void {
    this.size[i] = this.size[i]! + e.size;
    this.hits[i] = this.hits[i]! + e.hits;
    this.misses[i] = this.misses[i]! + e.misses;
    if (!Number.isNaN(e.last) && !(e.last <= this.last[i]!)) this.last[i] = e.last;
    this.count[i] = this.count[i]! + 1;
    if (Number.isNaN(e.hits) || Number.isNaN(e.misses)) return;
    const reading = entryReading(name, e.kind, e.protocol, e.version, { hits: e.hits, misses: e.misses });
    const list = this.readings.get(i);
    if (list) list.push(reading);
    else this.readings.set(i, [reading]);
  }

  /** A summed figure, NaN when there are no entries. */
  total(column: Float64Array, i: number): number {
    return this.count[i] === 0 ? Number.NaN : column[i]!;
  }
}

/**
 * Builds the columns item by item, grouping as cache-feed's `repositoriesOf` does: by project and
 * slug, first seen first; a repository object with a list of caches ("nested") brings its own
 * figures (or its entries' sums), a flat entry adds to its repository's entries. Used by the
 * reduction of a parsed body (below) and by the scan of its bytes (feed-scan.ts).
 */
export class ColumnBuilder {
  /** Slot of each repository, by project then slug (no joined key string per repository). */
  private readonly slots = new Map<string, Map<string, number>>();
  private readonly projectKey: string[] = [];
  private readonly repoSlug: string[] = [];
  /** A nested object's own figures (NaN: not said); 0 in `nested` for repositories with none. */
  private readonly own = { size: new Float64Array(0), hits: new Float64Array(0), misses: new Float64Array(0), last: new Float64Array(0) };
  private nested = new Uint8Array(0);
  private readonly inner = new Sums();
  private readonly flat = new Sums();
  private unnamed = 0;
  /** The current item's nested entries, until its names are known. */
  private readonly pending: EntryFigures[] = [];
  private pendingCount = 0;

  /** Scratch for the next nested entry of the current item; filled by the caller, then `pushEntry`. */
  entry(): EntryFigures {
    let e = this.pending[this.pendingCount];
    if (e === undefined) {
      e = { size: 0, hits: 0, misses: 0, last: 0, kind: null, protocol: null, version: null };
      this.pending.push(e);
    }
    return e;
  }

  pushEntry(): void {
    this.pendingCount += 1;
  }

  /** An item of the list that is not a named object. */
  skip(): void {
    this.unnamed += 1;
    this.pendingCount = 0;
  }

  private slot(projectKey: string, repoSlug: string): number {
    let bySlug = this.slots.get(projectKey);
    if (bySlug === undefined) {
      bySlug = new Map();
      this.slots.set(projectKey, bySlug);
    }
    let i = bySlug.get(repoSlug);
    if (i !== undefined) return i;
    i = this.projectKey.length;
    bySlug.set(repoSlug, i);
    this.projectKey.push(projectKey);
    this.repoSlug.push(repoSlug);
    if (i === this.nested.length) this.grow();
    this.nested[i] = 0;
    this.own.size[i] = this.own.hits[i] = this.own.misses[i] = this.own.last[i] = Number.NaN;
    this.inner.reset(i);
    this.flat.reset(i);
    return i;
  }

  private grow(): void {
    this.nested = doubled(this.nested);
    const own = this.own;
    own.size = doubled(own.size);
    own.hits = doubled(own.hits);
    own.misses = doubled(own.misses);
    own.last = doubled(own.last);
    this.inner.grow();
    this.flat.grow();
  }

  /** A repository object with a list of caches (the entries pushed since the last item) and its own figures. */
  nestedItem(projectKey: string, repoSlug: string, own: Omit<EntryFigures, 'kind' | 'protocol' | 'version'>): void {
    const i = this.slot(projectKey, repoSlug);
    const name = this.pendingCount === 0 ? '' : `${projectKey}/${repoSlug}`;
    // A later nested object of the same repository replaces an earlier one, as in cache-feed.
    this.nested[i] = 1;
    this.inner.reset(i);
    for (let k = 0; k < this.pendingCount; k++) this.inner.add(i, this.pending[k]!, name);
    this.pendingCount = 0;
    this.own.size[i] = own.size;
    this.own.hits[i] = own.hits;
    this.own.misses[i] = own.misses;
    this.own.last[i] = own.last;
  }

  /** A flat entry, named by its repository. */
  flatItem(projectKey: string, repoSlug: string, e: EntryFigures): void {
    this.flat.add(this.slot(projectKey, repoSlug), e, `${projectKey}/${repoSlug}`);
    this.pendingCount = 0;
  }

  finish(raw: { key: string; value: string }[]): FeedColumns {
    if (this.unnamed > 0 && raw.length < MAX_RAW_FIELDS)
      raw.push({ key: 'unnamed entries', value: `${this.unnamed} entries without a project key and repository slug were left out` });
    const { inner, flat, own, nested } = this;
    const m = this.projectKey.length;
    const out = {
      length: m,
      projectKey: this.projectKey,
      repoSlug: this.repoSlug,
      size: new Float64Array(m),
      hits: new Float64Array(m),
      misses: new Float64Array(m),
      lastAccessed: new Float64Array(m),
      entries: new Uint32Array(m),
      readings: [] as EntryReading[],
    };
    // Flat entries of a nested repository count as its entries, not in its figures (as in cache-feed).
    const figure = (ownColumn: Float64Array, innerColumn: Float64Array, flatColumn: Float64Array, i: number): number => {
      if (nested[i] === 0) return flat.total(flatColumn, i);
      const v = ownColumn[i]!;
      return Number.isNaN(v) ? inner.total(innerColumn, i) : v;
    };
    for (let i = 0; i < m; i++) {
      out.size[i] = figure(own.size, inner.size, flat.size, i);
      out.hits[i] = figure(own.hits, inner.hits, flat.hits, i);
      out.misses[i] = figure(own.misses, inner.misses, flat.misses, i);
      out.lastAccessed[i] = nested[i] === 0 ? flat.last[i]! : Number.isNaN(own.last[i]!) ? inner.last[i]! : own.last[i]!;
      out.entries[i] = inner.count[i]! + flat.count[i]!;
      for (const r of inner.readings.get(i) ?? []) out.readings.push(r);
      for (const r of flat.readings.get(i) ?? []) out.readings.push(r);
    }
    return out;
  }
}

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
