import { grown } from '../grown-array';
import type { SyncEntries, SyncEntry, UpstreamRepo } from './normalise-mirror';

/** The primary's repositories as one sweep read them: by id, and in order (`UpstreamRepo.ordinal`). */
export interface UpstreamList {
  hashes: ReadonlyMap<string, UpstreamRepo>;
  order: readonly UpstreamRepo[];
}

const PRESENT = 1;
/** The entry's value is the primary's (same string): kept as this bit instead of a reference. */
const CONTENT_UP = 2;
const METADATA_UP = 4;
const SLUG_UP = 8;
const ALL_UP = CONTENT_UP | METADATA_UP | SLUG_UP;

type OwnValues = Pick<SyncEntry, 'content' | 'metadata' | 'slug'>;

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

  constructor(private readonly basis: UpstreamList | null) {
    this.base = basis?.order.length ?? 0;
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
    const up = this.upstreamOf(e.repoId);
    const row = up !== undefined ? up.ordinal! : this.extraRow(e.repoId);
    if ((this.flags[row]! & PRESENT) === 0) this.count++;
    let flags = PRESENT;
    if (up !== undefined) {
      if (e.content === up.content) flags |= CONTENT_UP;
      if (e.metadata === up.metadata) flags |= METADATA_UP;
      if (e.slug === up.slug) flags |= SLUG_UP;
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
    const up = this.upstreamOf(repoId);
    const row = up !== undefined ? up.ordinal! : (this.extraRows.get(repoId) ?? -1);
    if (row < 0) return undefined;
    const flags = this.flags[row]!;
    if ((flags & PRESENT) === 0) return undefined;
    const own = this.own.get(row);
    const initial = this.initialSyncAt[row]!;
    const last = this.lastSyncAt[row]!;
    return {
      repoId: up?.id ?? repoId,
      slug: flags & SLUG_UP ? up!.slug : own!.slug,
      initialSyncAt: Number.isNaN(initial) ? null : initial,
      lastSyncAt: Number.isNaN(last) ? null : last,
      failedSyncCount: this.failed[row]!,
      content: flags & CONTENT_UP ? up!.content : own!.content,
      metadata: flags & METADATA_UP ? up!.metadata : own!.metadata,
    };
  }

  /** The primary's repositories first, in its order, then the others in the order first added. */
  *keys(): IterableIterator<string> {
    const order = this.basis?.order ?? [];
    for (let row = 0; row < this.base; row++) if (this.flags[row]! & PRESENT) yield order[row]!.id;
    for (let k = 0; k < this.extraIds.length; k++) yield this.extraIds[k]!;
  }

  /** The primary's record of a repository, when this table's rows follow it. */
  private upstreamOf(repoId: string): UpstreamRepo | undefined {
    const up = this.basis?.hashes.get(repoId);
    return up !== undefined && up.ordinal !== undefined && this.basis!.order[up.ordinal] === up ? up : undefined;
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
