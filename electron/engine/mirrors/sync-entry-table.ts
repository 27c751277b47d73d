import { grown } from '../grown-array';
import { UintColumn } from '../uint-column';
import type { SyncEntries, SyncEntry } from './normalise-mirror';
import { HASH, type UpstreamTable } from './upstream-table';

const PRESENT = 1;
/** The entry's value is the primary's (same string): kept as this bit instead of a reference. */
const CONTENT_UP = 2;
const METADATA_UP = 4;
const SLUG_UP = 8;
const ALL_UP = CONTENT_UP | METADATA_UP | SLUG_UP;

type OwnValues = Pick<SyncEntry, 'content' | 'metadata' | 'slug'>;

/** A narrow date cell: no date. */
const NO_DATE = -0x80000000;

/**
 * A column of dates (ms) as 32-bit offsets from the first date stored, ±24.8 days around it: half
 * the bytes of a Float64 column (issue 13: at 10 × 50,000 the two date columns of the nodes'
 * tables were ≈ 45 MB of ArrayBuffers after 120 s). A date that does not fit (a node whose dates
 * span more, or a value that is not a whole number of ms) turns the column into Float64 for good,
 * so every value still reads back exactly as stored.
 */
class DateColumn {
  private narrow: Int32Array<ArrayBuffer> | null;
  private wide: Float64Array<ArrayBuffer> | null = null;
  private base = Number.NaN;

  constructor(capacity: number) {
    this.narrow = new Int32Array(capacity);
  }

  set(row: number, ms: number | null): void {
    const narrow = this.narrow;
    if (narrow === null) {
      this.wide![row] = ms ?? Number.NaN;
      return;
    }
    if (ms === null) {
      narrow[row] = NO_DATE;
      return;
    }
    if (Number.isNaN(this.base) && Number.isSafeInteger(ms)) this.base = ms;
    const offset = ms - this.base;
    // -0 is kept apart: 0 + 0 would read back as +0.
    if ((offset | 0) === offset && offset !== NO_DATE && this.base + offset === ms && !Object.is(ms, -0)) narrow[row] = offset;
    else this.widen()[row] = ms;
  }

  get(row: number): number | null {
    const narrow = this.narrow;
    if (narrow === null) {
      const ms = this.wide![row]!;
      return Number.isNaN(ms) ? null : ms;
    }
    const offset = narrow[row]!;
    return offset === NO_DATE ? null : this.base + offset;
  }

  grow(): void {
    if (this.narrow !== null) this.narrow = grown(this.narrow);
    else this.wide = grown(this.wide!);
  }

  private widen(): Float64Array<ArrayBuffer> {
    const narrow = this.narrow!;
    const wide = new Float64Array(narrow.length);
    for (let row = 0; row < narrow.length; row++) {
      const offset = narrow[row]!;
      wide[row] = offset === NO_DATE ? Number.NaN : this.base + offset;
    }
    this.narrow = null;
    this.wide = wide;
    return wide;
  }
}

/**
 * Failed-sync counts (nearly all are 0) as a Uint32 column would keep them, in the narrowest
 * column that holds them (uint-column.ts).
 */
class CountColumn {
  private readonly cells: UintColumn;

  constructor(capacity: number) {
    this.cells = new UintColumn(capacity);
  }

  set(row: number, count: number): void {
    // What a Uint32Array cell keeps of the count (ToUint32 of it capped at 2^32 - 1).
    this.cells.set(row, Math.min(count, 0xffffffff) >>> 0);
  }

  get(row: number): number {
    return this.cells.get(row);
  }

  grow(): void {
    this.cells.grow();
  }
}

/** What a farm's row shows of a node's entry (mirror-rows.ts). */
export type EntryShown = Pick<SyncEntry, 'slug' | 'initialSyncAt' | 'lastSyncAt' | 'failedSyncCount'>;

/** A node's entry as a row shows it, from a sweep's table without its hashes, or from any other list of entries. */
export function shownEntry(entries: SyncEntries, repoId: string): EntryShown | undefined {
  return entries instanceof SyncEntryTable ? entries.shown(repoId) : entries.get(repoId);
}

/** An entry as derivation compares it with the primary's row (derive.ts). */
export interface EntryFacts {
  present: boolean;
  failedSyncCount: number;
  contentNull: boolean;
  metadataNull: boolean;
  /** The entry's hash equals the primary's (as text: both absent counts as equal). */
  contentEqual: boolean;
  metadataEqual: boolean;
}

/**
 * One node's `repoSyncStatus` in columns, a row per repository at the primary's own position
 * for it (issue 13): a byte of flags, two dates and a count, about 10 bytes (21 with Float64
 * dates and a Uint32 count) where an entry object and its Map slot were about 140, and no Map per node — the primary's list of the same sweep
 * finds the row. A node's hashes and slug equal to the primary's (a repository in sync: nearly
 * all) are a bit each; values that differ are kept beside, by row. At 10 × 50,000 repositories on
 * 60 nodes the entries were the largest part of the engine's heap (1.26 million objects after
 * 145 s, 3 million once every sweep had run).
 */
export class SyncEntryTable implements SyncEntries {
  private flags: Uint8Array<ArrayBuffer>;
  private readonly initialSyncAt: DateColumn;
  private readonly lastSyncAt: DateColumn;
  private readonly failed: CountColumn;
  private readonly own = new Map<number, OwnValues>();
  /** Rows of repositories the primary's list does not hold, after its rows. */
  private readonly extraRows = new Map<string, number>();
  private readonly extraIds: string[] = [];
  private count = 0;
  private readonly base: number;
  private readonly scratch: EntryFacts = {
    present: false,
    failedSyncCount: 0,
    contentNull: true,
    metadataNull: true,
    contentEqual: false,
    metadataEqual: false,
  };

  constructor(readonly basis: UpstreamTable | null) {
    this.base = basis?.size ?? 0;
    const capacity = this.base + 16;
    this.flags = new Uint8Array(capacity);
    this.initialSyncAt = new DateColumn(capacity);
    this.lastSyncAt = new DateColumn(capacity);
    this.failed = new CountColumn(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Adds or replaces (by repository id, like `Map.set`) one entry. */
  add(e: SyncEntry): void {
    const up = this.upstreamRow(e.repoId);
    const row = up >= 0 ? up : this.extraRow(e.repoId);
    if ((this.flags[row]! & PRESENT) === 0) this.count++;
    let flags = PRESENT;
    if (up >= 0) {
      const basis = this.basis!;
      if (basis.hashEquals(up, HASH.content, e.content)) flags |= CONTENT_UP;
      if (basis.hashEquals(up, HASH.metadata, e.metadata)) flags |= METADATA_UP;
      if (basis.slugEquals(up, e.slug)) flags |= SLUG_UP;
    }
    this.flags[row] = flags;
    if ((flags & ALL_UP) === ALL_UP) this.own.delete(row);
    // Only the values that differ: one equal to the primary's is read from the primary's row (its bit is set).
    else
      this.own.set(row, {
        content: flags & CONTENT_UP ? null : e.content,
        metadata: flags & METADATA_UP ? null : e.metadata,
        slug: flags & SLUG_UP ? null : e.slug,
      });
    this.initialSyncAt.set(row, e.initialSyncAt);
    this.lastSyncAt.set(row, e.lastSyncAt);
    this.failed.set(row, e.failedSyncCount);
  }

  /** The entry as an object, made on each call (the table keeps none). */
  get(repoId: string): SyncEntry | undefined {
    const up = this.upstreamRow(repoId);
    const row = up >= 0 ? up : (this.extraRows.get(repoId) ?? -1);
    if (row < 0) return undefined;
    const flags = this.flags[row]!;
    if ((flags & PRESENT) === 0) return undefined;
    const own = this.own.get(row);
    const basis = this.basis!;
    return {
      repoId,
      slug: flags & SLUG_UP ? basis.slug(up) : own!.slug,
      initialSyncAt: this.initialSyncAt.get(row),
      lastSyncAt: this.lastSyncAt.get(row),
      failedSyncCount: this.failed.get(row),
      content: flags & CONTENT_UP ? basis.hash(up, HASH.content) : own!.content,
      metadata: flags & METADATA_UP ? basis.hash(up, HASH.metadata) : own!.metadata,
    };
  }

  /**
   * What derivation compares of a repository's entry, without making the entry (or its hashes'
   * text), when `upstream` is this table's own basis; null when it follows another list (compare
   * the entry itself then). `upRow` is the repository's row in `upstream` (its `rowOf`), which
   * derivation has already: not looked up again. The answer is one object, rewritten by the next call.
   */
  facts(repoId: string, upstream: UpstreamTable | null, upRow: number): EntryFacts | null {
    if (upstream === null) return this.unmatchedFacts(repoId);
    if (upstream !== this.basis) return null;
    // Rows past `base` were added to the list after this table was made.
    const up = upRow < this.base ? upRow : -1;
    const row = up >= 0 ? up : (this.extraRows.get(repoId) ?? -1);
    const out = this.scratch;
    const flags = row < 0 ? 0 : this.flags[row]!;
    out.present = (flags & PRESENT) !== 0;
    out.failedSyncCount = out.present ? this.failed.get(row) : 0;
    if (!out.present || up < 0) {
      out.contentNull = out.metadataNull = true;
      out.contentEqual = out.metadataEqual = false;
      return out;
    }
    const own = this.own.get(row);
    out.contentEqual = (flags & CONTENT_UP) !== 0;
    out.metadataEqual = (flags & METADATA_UP) !== 0;
    out.contentNull = out.contentEqual ? !upstream.hasHash(up, HASH.content) : own!.content === null;
    out.metadataNull = out.metadataEqual ? !upstream.hasHash(up, HASH.metadata) : own!.metadata === null;
    return out;
  }

  /**
   * What derivation reads of a row shown: the entry without its hashes, which this table may no
   * longer be able to make once its sweep ended (`UpstreamTable.releaseHashes`).
   */
  shown(repoId: string): EntryShown | undefined {
    const up = this.upstreamRow(repoId);
    const row = up >= 0 ? up : (this.extraRows.get(repoId) ?? -1);
    if (row < 0 || (this.flags[row]! & PRESENT) === 0) return undefined;
    const slug = this.flags[row]! & SLUG_UP ? this.basis!.slug(up) : this.own.get(row)!.slug;
    return { slug, initialSyncAt: this.initialSyncAt.get(row), lastSyncAt: this.lastSyncAt.get(row), failedSyncCount: this.failed.get(row) };
  }

  /** The entry's facts when there is no primary's list to compare with (its hashes could not be read): nothing equals. */
  private unmatchedFacts(repoId: string): EntryFacts {
    const up = this.upstreamRow(repoId);
    const row = up >= 0 ? up : (this.extraRows.get(repoId) ?? -1);
    const out = this.scratch;
    const flags = row < 0 ? 0 : this.flags[row]!;
    out.present = (flags & PRESENT) !== 0;
    out.failedSyncCount = out.present ? this.failed.get(row) : 0;
    out.contentEqual = out.metadataEqual = false;
    if (!out.present) {
      out.contentNull = out.metadataNull = true;
      return out;
    }
    const own = this.own.get(row);
    out.contentNull = flags & CONTENT_UP ? !this.basis!.hasHash(up, HASH.content) : own!.content === null;
    out.metadataNull = flags & METADATA_UP ? !this.basis!.hasHash(up, HASH.metadata) : own!.metadata === null;
    return out;
  }

  /** The primary's repositories first, in its order, then the others in the order first added. */
  *keys(): IterableIterator<string> {
    for (let row = 0; row < this.base; row++) if (this.flags[row]! & PRESENT) yield this.basis!.id(row);
    for (let k = 0; k < this.extraIds.length; k++) yield this.extraIds[k]!;
  }

  /** The primary's row of a repository (this table's row for it), or -1: rows past `base` were added to the list after this table was made. */
  private upstreamRow(repoId: string): number {
    const row = this.basis?.rowOf(repoId) ?? -1;
    return row < this.base ? row : -1;
  }

  private extraRow(repoId: string): number {
    let row = this.extraRows.get(repoId);
    if (row === undefined) {
      row = this.base + this.extraIds.length;
      this.extraIds.push(repoId);
      this.extraRows.set(repoId, row);
      if (row >= this.flags.length) this.grow();
    }
    return row;
  }

  private grow(): void {
    this.flags = grown(this.flags);
    this.initialSyncAt.grow();
    this.lastSyncAt.grow();
    this.failed.grow();
  }
}
