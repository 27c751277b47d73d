import { grown } from '../grown-array';
import type { SyncEntries, SyncEntry } from './normalise-mirror';
import { HASH, type UpstreamTable } from './upstream-table';

const PRESENT = 1;
/** The entry's value is the primary's (same string): kept as this bit instead of a reference. */
const CONTENT_UP = 2;
const METADATA_UP = 4;
const SLUG_UP = 8;
const ALL_UP = CONTENT_UP | METADATA_UP | SLUG_UP;

type OwnValues = Pick<SyncEntry, 'content' | 'metadata' | 'slug'>;

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
 * for it (issue 13): a byte of flags, two dates and a count, about 21 bytes where an entry object
 * and its Map slot were about 140, and no Map per node — the primary's list of the same sweep
 * finds the row. A node's hashes and slug equal to the primary's (a repository in sync: nearly
 * all) are a bit each; values that differ are kept beside, by row. At 10 × 50,000 repositories on
 * 60 nodes the entries were the largest part of the engine's heap (1.26 million objects after
 * 145 s, 3 million once every sweep had run).
 */
export class SyncEntryTable implements SyncEntries {
  private flags: Uint8Array<ArrayBuffer>;
  private initialSyncAt: Float64Array<ArrayBuffer>;
  private lastSyncAt: Float64Array<ArrayBuffer>;
  private failed: Uint32Array<ArrayBuffer>;
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
    this.initialSyncAt = new Float64Array(capacity);
    this.lastSyncAt = new Float64Array(capacity);
    this.failed = new Uint32Array(capacity);
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
    else this.own.set(row, { content: e.content, metadata: e.metadata, slug: e.slug });
    this.initialSyncAt[row] = e.initialSyncAt ?? NaN;
    this.lastSyncAt[row] = e.lastSyncAt ?? NaN;
    this.failed[row] = Math.min(e.failedSyncCount, 0xffffffff);
  }

  /** The entry as an object, made on each call (the table keeps none). */
  get(repoId: string): SyncEntry | undefined {
    const up = this.upstreamRow(repoId);
    const row = up >= 0 ? up : (this.extraRows.get(repoId) ?? -1);
    if (row < 0) return undefined;
    const flags = this.flags[row]!;
    if ((flags & PRESENT) === 0) return undefined;
    const own = this.own.get(row);
    const initial = this.initialSyncAt[row]!;
    const last = this.lastSyncAt[row]!;
    const basis = this.basis!;
    return {
      repoId,
      slug: flags & SLUG_UP ? basis.slug(up) : own!.slug,
      initialSyncAt: Number.isNaN(initial) ? null : initial,
      lastSyncAt: Number.isNaN(last) ? null : last,
      failedSyncCount: this.failed[row]!,
      content: flags & CONTENT_UP ? basis.hash(up, HASH.content) : own!.content,
      metadata: flags & METADATA_UP ? basis.hash(up, HASH.metadata) : own!.metadata,
    };
  }

  /**
   * What derivation compares of a repository's entry, without making the entry (or its hashes'
   * text), when `upstream` is this table's own basis; null when it follows another list (compare
   * the entry itself then). The answer is one object, rewritten by the next call.
   */
  facts(repoId: string, upstream: UpstreamTable): EntryFacts | null {
    if (upstream !== this.basis) return null;
    const up = this.upstreamRow(repoId);
    const row = up >= 0 ? up : (this.extraRows.get(repoId) ?? -1);
    const out = this.scratch;
    const flags = row < 0 ? 0 : this.flags[row]!;
    out.present = (flags & PRESENT) !== 0;
    out.failedSyncCount = out.present ? this.failed[row]! : 0;
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

  /** The primary's repositories first, in its order, then the others in the order first added. */
  *keys(): IterableIterator<string> {
    const ids = this.basis?.ids ?? [];
    for (let row = 0; row < this.base; row++) if (this.flags[row]! & PRESENT) yield ids[row]!;
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
    this.initialSyncAt = grown(this.initialSyncAt);
    this.lastSyncAt = grown(this.lastSyncAt);
    this.failed = grown(this.failed);
  }
}
