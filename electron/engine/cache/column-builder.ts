import { entryReading, type EntryReading } from './cache-rates';
import { MAX_RAW_FIELDS } from './cache-values';
import { grown } from '../grown-array';
import { doubledTable } from './open-table';

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
 * A string's hash, as the scan computes it from the bytes of a plain ASCII string (feed-scan.ts),
 * so both readings find a repository's slot without a Map keyed by fresh strings (at 50,000
 * repositories, hashing each new slug into a Map was the scan's largest cost).
 */
export function textHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/** Both names' hashes mixed (murmur3's finaliser), so slugs that differ in their last digit do not fill neighbouring slots. */
const slotHash = (projectHash: number, slugHash: number): number => {
  let h = (Math.imul(projectHash, 0x9e3779b1) ^ slugHash) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
};

/** A number column that grows by doubling, read back trimmed. */
class Column {
  values = new Float64Array(1024);

  set(i: number, v: number): void {
    if (i >= this.values.length) this.values = grown(this.values);
    this.values[i] = v;
  }

  trimmed(length: number): Float64Array {
    return this.values.slice(0, length);
  }
}

/**
 * Builds the columns item by item, grouping as cache-feed's `repositoriesOf` does: by project and
 * slug, first seen first; a repository object with a list of caches ("nested") brings its own
 * figures (or its entries' sums), a flat entry adds to its repository's entries. Used by the
 * reduction of a parsed body (below) and by the scan of its bytes (feed-scan.ts). The common
 * repository — nested, no flat entries, no counted entries — costs a hash probe and a write per
 * column, and nothing else.
 */
export class ColumnBuilder {
  /** Open-addressed slots: index + 1 of the repository, 0 where empty; sized to stay under half full. */
  private table = new Int32Array(4096);
  private hashes = new Int32Array(1024);
  private readonly projectKey: string[] = [];
  private readonly repoSlug: string[] = [];
  private readonly size = new Column();
  private readonly hits = new Column();
  private readonly misses = new Column();
  private readonly last = new Column();
  /** Entries of the repository's nested object; -1 while it has none. */
  private readonly inner = new Column();
  /** Readings of nested objects' entries and flat entries, only for the repositories that have any. */
  private readonly innerReadings = new Map<number, EntryReading[]>();
  private readonly flat = new Map<number, Sums>();
  private unnamed = 0;
  /** The current item's nested entries, until its names are known. */
  private readonly pending: EntryFigures[] = [];
  private pendingCount = 0;
  /** Whether the last slot was new (so nothing of an earlier object of that repository needs replacing). */
  private fresh = false;

  /** Repositories so far: the row the next new one gets. */
  get count(): number {
    return this.projectKey.length;
  }

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

  private slot(projectKey: string, repoSlug: string, projectHash: number, slugHash: number): number {
    const h = slotHash(projectHash, slugHash);
    const table = this.table;
    const mask = table.length - 1;
    let at = h & mask;
    for (let found = table[at]!; found !== 0; found = table[at]!) {
      const i = found - 1;
      if (this.hashes[i] === h && this.repoSlug[i] === repoSlug && this.projectKey[i] === projectKey) {
        this.fresh = false;
        return i;
      }
      at = (at + 1) & mask;
    }
    const i = this.projectKey.length;
    table[at] = i + 1;
    if (i >= this.hashes.length) {
      const bigger = new Int32Array(this.hashes.length * 2);
      bigger.set(this.hashes);
      this.hashes = bigger;
    }
    this.hashes[i] = h;
    this.projectKey.push(projectKey);
    this.repoSlug.push(repoSlug);
    this.size.set(i, Number.NaN);
    this.hits.set(i, Number.NaN);
    this.misses.set(i, Number.NaN);
    this.last.set(i, Number.NaN);
    this.inner.set(i, -1);
    if ((i + 1) * 2 > table.length) this.rehash();
    this.fresh = true;
    return i;
  }

  private rehash(): void {
    this.table = doubledTable(this.table, this.hashes, this.projectKey.length);
  }

  /**
   * A repository object with a list of caches (the entries pushed since the last item) and its own
   * figures; the hashes are {@link textHash} of the names, which the scan has from the bytes.
   */
  nestedItem(
    projectKey: string,
    repoSlug: string,
    own: Omit<EntryFigures, 'kind' | 'protocol' | 'version'>,
    projectHash = textHash(projectKey),
    slugHash = textHash(repoSlug),
  ): void {
    const i = this.slot(projectKey, repoSlug, projectHash, slugHash);
    // A later nested object of the same repository replaces an earlier one, as in cache-feed.
    if (!this.fresh) this.innerReadings.delete(i);
    if (this.pendingCount === 0) {
      this.size.values[i] = own.size;
      this.hits.values[i] = own.hits;
      this.misses.values[i] = own.misses;
      this.last.values[i] = own.last;
      this.inner.values[i] = 0;
      return;
    }
    const sums = new Sums();
    const name = `${projectKey}/${repoSlug}`;
    for (let k = 0; k < this.pendingCount; k++) sums.add(this.pending[k]!, name);
    if (sums.readings.length > 0) this.innerReadings.set(i, sums.readings);
    this.pendingCount = 0;
    this.size.values[i] = Number.isNaN(own.size) ? sums.total(sums.size) : own.size;
    this.hits.values[i] = Number.isNaN(own.hits) ? sums.total(sums.hits) : own.hits;
    this.misses.values[i] = Number.isNaN(own.misses) ? sums.total(sums.misses) : own.misses;
    this.last.values[i] = Number.isNaN(own.last) ? sums.total(sums.last) : own.last;
    this.inner.values[i] = sums.count;
  }

  /** A flat entry, named by its repository (hashes as for {@link nestedItem}). */
  flatItem(projectKey: string, repoSlug: string, e: EntryFigures, projectHash = textHash(projectKey), slugHash = textHash(repoSlug)): void {
    const i = this.slot(projectKey, repoSlug, projectHash, slugHash);
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
    const inner = this.inner.values;
    const size = this.size.trimmed(m);
    const hits = this.hits.trimmed(m);
    const misses = this.misses.trimmed(m);
    const lastAccessed = this.last.trimmed(m);
    const entries = new Uint32Array(m);
    for (let i = 0; i < m; i++) entries[i] = Math.max(0, inner[i]!);
    // Flat entries of a nested repository count as its entries, not in its figures (as in cache-feed).
    for (const [i, f] of this.flat) {
      entries[i] = entries[i]! + f.count;
      if (inner[i]! >= 0) continue;
      size[i] = f.total(f.size);
      hits[i] = f.total(f.hits);
      misses[i] = f.total(f.misses);
      lastAccessed[i] = f.last;
    }
    const readings: EntryReading[] = [];
    const withReadings = [...new Set([...this.innerReadings.keys(), ...this.flat.keys()])].sort((a, b) => a - b);
    for (const i of withReadings) {
      for (const r of this.innerReadings.get(i) ?? []) readings.push(r);
      for (const r of this.flat.get(i)?.readings ?? []) readings.push(r);
    }
    return { length: m, projectKey: this.projectKey, repoSlug: this.repoSlug, size, hits, misses, lastAccessed, entries, readings };
  }
}
