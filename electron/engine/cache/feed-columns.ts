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

/** Sums of a set of entries: NaN once one lacks the figure (cache-feed's `sumOf` gives null), the latest access the largest. */
class Sums {
  size = 0;
  hits = 0;
  misses = 0;
  last = Number.NaN;
  count = 0;
  readings: EntryReading[] = [];

  add(e: EntryFigures, name: string): void {
    this.size += e.size;
    this.hits += e.hits;
    this.misses += e.misses;
    if (!Number.isNaN(e.last) && !(e.last <= this.last)) this.last = e.last;
    this.count += 1;
    if (!Number.isNaN(e.hits) && !Number.isNaN(e.misses))
      this.readings.push(entryReading(name, e.kind, e.protocol, e.version, { hits: e.hits, misses: e.misses }));
  }

  /** A summed figure, NaN when there are no entries. */
  total(v: number): number {
    return this.count === 0 ? Number.NaN : v;
  }
}

/**
 * Builds the columns item by item, grouping as cache-feed's `repositoriesOf` does: by project and
 * slug, first seen first; a repository object with a list of caches ("nested") brings its own
 * figures (or its entries' sums), a flat entry adds to its repository's entries. Used by the
 * reduction of a parsed body (below) and by the scan of its bytes (feed-scan.ts). The common
 * repository — nested, no flat entries, no counted entries — costs a push per column and nothing else.
 */
export class ColumnBuilder {
  /** Slot of each repository, by project then slug (no joined key string per repository). */
  private readonly slots = new Map<string, Map<string, number>>();
  private readonly projectKey: string[] = [];
  private readonly repoSlug: string[] = [];
  private readonly size: number[] = [];
  private readonly hits: number[] = [];
  private readonly misses: number[] = [];
  private readonly last: number[] = [];
  /** Entries of the repository's nested object; -1 while it has none. */
  private readonly inner: number[] = [];
  /** Readings of nested objects' entries and flat entries, only for the repositories that have any. */
  private readonly innerReadings = new Map<number, EntryReading[]>();
  private readonly flat = new Map<number, Sums>();
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
    this.size.push(Number.NaN);
    this.hits.push(Number.NaN);
    this.misses.push(Number.NaN);
    this.last.push(Number.NaN);
    this.inner.push(-1);
    return i;
  }

  /** A repository object with a list of caches (the entries pushed since the last item) and its own figures. */
  nestedItem(projectKey: string, repoSlug: string, own: Omit<EntryFigures, 'kind' | 'protocol' | 'version'>): void {
    const i = this.slot(projectKey, repoSlug);
    // A later nested object of the same repository replaces an earlier one, as in cache-feed.
    this.innerReadings.delete(i);
    let sums: Sums | null = null;
    if (this.pendingCount > 0) {
      sums = new Sums();
      const name = `${projectKey}/${repoSlug}`;
      for (let k = 0; k < this.pendingCount; k++) sums.add(this.pending[k]!, name);
      if (sums.readings.length > 0) this.innerReadings.set(i, sums.readings);
    }
    this.pendingCount = 0;
    const or = (v: number, summed: number | undefined): number => (Number.isNaN(v) && sums !== null ? sums.total(summed!) : v);
    this.size[i] = or(own.size, sums?.size);
    this.hits[i] = or(own.hits, sums?.hits);
    this.misses[i] = or(own.misses, sums?.misses);
    this.last[i] = or(own.last, sums?.last);
    this.inner[i] = sums?.count ?? 0;
  }

  /** A flat entry, named by its repository. */
  flatItem(projectKey: string, repoSlug: string, e: EntryFigures): void {
    const i = this.slot(projectKey, repoSlug);
    let sums = this.flat.get(i);
    if (sums === undefined) {
      sums = new Sums();
      this.flat.set(i, sums);
    }
    sums.add(e, `${projectKey}/${repoSlug}`);
    this.pendingCount = 0;
  }

  finish(raw: { key: string; value: string }[]): FeedColumns {
    if (this.unnamed > 0 && raw.length < MAX_RAW_FIELDS)
      raw.push({ key: 'unnamed entries', value: `${this.unnamed} entries without a project key and repository slug were left out` });
    const m = this.projectKey.length;
    const entries = new Uint32Array(m);
    for (let i = 0; i < m; i++) entries[i] = Math.max(0, this.inner[i]!);
    // Flat entries of a nested repository count as its entries, not in its figures (as in cache-feed).
    for (const [i, f] of this.flat) {
      entries[i] = entries[i]! + f.count;
      if (this.inner[i]! >= 0) continue;
      this.size[i] = f.total(f.size);
      this.hits[i] = f.total(f.hits);
      this.misses[i] = f.total(f.misses);
      this.last[i] = f.last;
    }
    const readings: EntryReading[] = [];
    const withReadings = [...new Set([...this.innerReadings.keys(), ...this.flat.keys()])].sort((a, b) => a - b);
    for (const i of withReadings) {
      for (const r of this.innerReadings.get(i) ?? []) readings.push(r);
      for (const r of this.flat.get(i)?.readings ?? []) readings.push(r);
    }
    return {
      length: m,
      projectKey: this.projectKey,
      repoSlug: this.repoSlug,
      size: Float64Array.from(this.size),
      hits: Float64Array.from(this.hits),
      misses: Float64Array.from(this.misses),
      lastAccessed: Float64Array.from(this.last),
      entries,
      readings,
    };
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
