import { grown } from '../grown-array';
import { UintColumn } from '../uint-column';
import { numericId, slotOf, TEXT_ID } from './upstream-id';
import { RowSlugs } from './row-slugs';
import type { UpstreamRepo } from './normalise-mirror';

/** Hashes of up to this many bytes (64 hex digits, SHA-256) are kept as bytes in the column. */
const HASH_BYTES = 32;
/** A hash length byte: no hash. */
const NONE = 0;
/** A hash length byte: the hash is kept as text beside the column (odd length, longer, or not hex). */
const TEXT = 255;
const CONTENT = 0;
const METADATA = 1;
export type HashKind = typeof CONTENT | typeof METADATA;
export const HASH = { content: CONTENT, metadata: METADATA } as const;

const hexValue = (c: number): number => (c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1);
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/**
 * The primary's repositories as one mirror sweep read them (`readUpstreamHashes`), in columns
 * (issue 13): a row per repository in the order read, its id, slug and project, and its two
 * hashes as bytes in one Uint8Array, 32 bytes each, compared as bytes and made hex only when
 * shown. At 10 × 50,000 repositories an `UpstreamRepo` object and two 64-character strings a
 * repository were ≈ 110 MB of the engine's live heap. Row order is the sweep's: a node's entries
 * (sync-entry-table.ts) are kept at the same rows.
 * The id → row index is open addressing over the ids as numbers (a Map of 500,000 strings was
 * ≈ 40 bytes a repository), slugs are UTF-8 bytes in one buffer (row-slugs.ts) and a row's project is an index
 * into the distinct (key, id) pairs. An id that is a number's decimal text is kept only as that
 * number and made text when asked for (`id`): a string and an array slot per repository were
 * ≈ 32 bytes, 16 MB at 10 × 50,000.
 */
export class UpstreamTable {
  private count = 0;
  /** Per row: its id as a number, or TEXT_ID. */
  private numIds: Float64Array<ArrayBuffer>;
  /** Open addressing by numeric id: row + 1 per slot, 0 when empty; at most half full. */
  private index: Int32Array<ArrayBuffer>;
  private indexBits: number;
  /** Rows of ids that are not a number's decimal text, and those ids by row. */
  private readonly textRows = new Map<string, number>();
  private readonly textIds = new Map<number, string>();
  private readonly rowSlugs: RowSlugs;
  /** Per row: its project, an index into the distinct (key, id) pairs (a byte while there are at most 256). */
  private readonly projects: UintColumn;
  private readonly projectKeys: (string | null)[] = [];
  private readonly projectIds: (string | null)[] = [];
  private readonly projectIndex = new Map<string | null, Map<string | null, number>>();
  private lastProject = -1;
  /** Per row: content then metadata, HASH_BYTES each. */
  private bytes: Uint8Array<ArrayBuffer>;
  /** Per row and hash: its length in hex digits, NONE or TEXT. */
  private lengths: Uint8Array<ArrayBuffer>;
  /** Hashes that do not fit the column, by row × 2 + kind. */
  private readonly texts = new Map<number, string>();
  /** Set once the sweep that read the table has ended: the hashes' values are gone, whether each is there stays. */
  private released = false;

  constructor(capacity = 16) {
    const n = Math.max(1, capacity);
    this.bytes = new Uint8Array(n * 2 * HASH_BYTES);
    this.lengths = new Uint8Array(n * 2);
    this.numIds = new Float64Array(n);
    this.rowSlugs = new RowSlugs(n);
    this.projects = new UintColumn(n);
    this.indexBits = Math.max(4, 32 - Math.clz32(2 * n - 1));
    this.index = new Int32Array(1 << this.indexBits);
  }

  /** A table of the repositories of a Map (its order), as derivation's callers with one repository or tests give them. */
  static of(repos: Iterable<UpstreamRepo>): UpstreamTable {
    const t = new UpstreamTable();
    for (const r of repos) t.add(r);
    return t;
  }

  get size(): number {
    return this.count;
  }

  /** The id of a row, as added. */
  id(row: number): string {
    const v = this.numIds[row]!;
    // A numeric id is the plain decimal text of a number below 2 ** 53, which String gives back.
    return v === TEXT_ID ? this.textIds.get(row)! : String(v);
  }

  /** Adds a repository; one listed twice keeps its first position, with the later record. */
  add(repo: UpstreamRepo): number {
    this.assertHashes();
    let row = this.rowOf(repo.id);
    if (row < 0) {
      row = this.count;
      if (row >= this.numIds.length) this.grow();
      const v = numericId(repo.id);
      if (v < 0) {
        this.numIds[row] = TEXT_ID;
        this.textRows.set(repo.id, row);
        this.textIds.set(row, repo.id);
      } else {
        // Rehash over the rows before this one, then place it.
        if (2 * (row + 1) > this.index.length) this.rehash();
        this.numIds[row] = v;
        this.place(v, row);
      }
      this.count++;
      this.rowSlugs.write(row, repo.slug);
    } else this.rowSlugs.replace(row, repo.slug);
    this.projects.set(row, this.project(repo.projectKey, repo.projectId));
    this.setHash(row, CONTENT, repo.content);
    this.setHash(row, METADATA, repo.metadata);
    return row;
  }

  /**
   * Cuts the columns to the rows held: they grow by doubling while a sweep reads, which left up to
   * half of each unused (50,000 rows in room for 65,536). A later `add` grows them again.
   */
  trim(): void {
    const n = Math.max(1, this.count);
    this.numIds = this.numIds.slice(0, n);
    this.rowSlugs.trim(n);
    this.projects.trim(n);
    this.bytes = this.bytes.slice(0, n * 2 * HASH_BYTES);
    this.lengths = this.lengths.slice(0, n * 2);
  }

  /**
   * Drops the hashes' values, keeping whether each row has one (`hasHash`), once the sweep that
   * read the table has compared every node's entries with it (issue 13): from then on derivation
   * reads the nodes' tables, which hold as a bit whether each hash equals the primary's
   * (sync-entry-table.ts), and nothing shows a hash. At 10 × 50,000 they were 32 MB, and twice
   * that while a sweep's new table was read beside the last one. Asking for a value afterwards
   * (`hash`, `hashEquals`, `get`, `add`) throws rather than answer wrongly.
   */
  releaseHashes(): void {
    this.released = true;
    this.bytes = new Uint8Array(0);
    this.texts.clear();
  }

  get hashesReleased(): boolean {
    return this.released;
  }

  /** The row of a repository, or -1. */
  rowOf(id: string): number {
    const v = numericId(id);
    if (v < 0) return this.textRows.get(id) ?? -1;
    const mask = this.index.length - 1;
    for (let slot = slotOf(v, this.indexBits); ; slot = (slot + 1) & mask) {
      const r = this.index[slot]!;
      if (r === 0) return -1;
      if (this.numIds[r - 1] === v) return r - 1;
    }
  }

  has(id: string): boolean {
    return this.rowOf(id) >= 0;
  }

  /** Ids in the order read. */
  *keys(): IterableIterator<string> {
    for (let row = 0; row < this.count; row++) yield this.id(row);
  }

  slug(row: number): string | null {
    return this.rowSlugs.get(row);
  }

  /** The slugs of rows 0 … n − 1 as one column, shared by its callers (`RowSlugs.all`). */
  slugs(n: number): Array<string | null> {
    return this.rowSlugs.all(n);
  }

  /** True when the slug equals `slug` (null equals none), without decoding it when `slug` is ASCII. */
  slugEquals(row: number, slug: string | null): boolean {
    return this.rowSlugs.equals(row, slug);
  }

  projectKey(row: number): string | null {
    return this.projectKeys[this.projects.get(row)] ?? null;
  }

  projectId(row: number): string | null {
    return this.projectIds[this.projects.get(row)] ?? null;
  }

  hasHash(row: number, kind: HashKind): boolean {
    return this.lengths[row * 2 + kind] !== NONE;
  }

  /** True when the hash equals `hex` (null equals no hash), as comparing the two strings would say. */
  hashEquals(row: number, kind: HashKind, hex: string | null): boolean {
    this.assertHashes();
    const len = this.lengths[row * 2 + kind]!;
    if (hex === null) return len === NONE;
    if (len === TEXT) return this.texts.get(row * 2 + kind) === hex;
    if (len !== hex.length) return false;
    const at = (row * 2 + kind) * HASH_BYTES;
    for (let i = 0; i < len; i += 2) {
      const hi = hexValue(hex.charCodeAt(i));
      const lo = hexValue(hex.charCodeAt(i + 1));
      if (hi < 0 || lo < 0 || this.bytes[at + (i >> 1)] !== ((hi << 4) | lo)) return false;
    }
    return true;
  }

  /** The hash as hex text (made on each call), or null. */
  hash(row: number, kind: HashKind): string | null {
    this.assertHashes();
    const len = this.lengths[row * 2 + kind]!;
    if (len === NONE) return null;
    if (len === TEXT) return this.texts.get(row * 2 + kind)!;
    const at = (row * 2 + kind) * HASH_BYTES;
    let s = '';
    for (let i = 0; i < len >> 1; i++) s += HEX[this.bytes[at + i]!]!;
    return s;
  }

  /** The repository as an object, made on each call; `ordinal` is its row. */
  get(id: string): UpstreamRepo | undefined {
    const row = this.rowOf(id);
    return row < 0 ? undefined : this.record(row);
  }

  record(row: number): UpstreamRepo {
    return {
      id: this.id(row),
      slug: this.slug(row),
      projectKey: this.projectKey(row),
      projectId: this.projectId(row),
      content: this.hash(row, CONTENT),
      metadata: this.hash(row, METADATA),
      ordinal: row,
    };
  }

  /** Every repository as an object, in order: for small tables and tests. */
  *values(): IterableIterator<UpstreamRepo> {
    for (let row = 0; row < this.count; row++) yield this.record(row);
  }

  /** The key of a project, by its id, from the first repository of it; null when none is listed. */
  projectKeyOf(projectId: string): string | null {
    for (let row = 0; row < this.count; row++) {
      const p = this.projects.get(row);
      if (this.projectIds[p] === projectId && this.projectKeys[p]) return this.projectKeys[p];
    }
    return null;
  }

  private assertHashes(): void {
    if (this.released) {
      throw new Error(
        'The primary’s repository hashes of this sweep were released when it ended; compare through the nodes’ tables (SyncEntryTable.facts), or read the repository again.',
      );
    }
  }

  private setHash(row: number, kind: HashKind, hex: string | null): void {
    const slot = row * 2 + kind;
    this.texts.delete(slot);
    if (hex === null) {
      this.lengths[slot] = NONE;
      return;
    }
    const at = slot * HASH_BYTES;
    if (hex.length === 0 || hex.length % 2 !== 0 || hex.length > 2 * HASH_BYTES) return this.setText(slot, hex);
    for (let i = 0; i < hex.length; i += 2) {
      const hi = hexValue(hex.charCodeAt(i));
      const lo = hexValue(hex.charCodeAt(i + 1));
      if (hi < 0 || lo < 0) return this.setText(slot, hex);
      this.bytes[at + (i >> 1)] = (hi << 4) | lo;
    }
    this.lengths[slot] = hex.length;
  }

  private setText(slot: number, hex: string): void {
    this.lengths[slot] = TEXT;
    this.texts.set(slot, hex);
  }

  private project(key: string | null, id: string | null): number {
    // A sweep lists a project's repositories together: most rows are the project of the row before.
    const last = this.lastProject;
    if (last >= 0 && this.projectKeys[last] === key && this.projectIds[last] === id) return last;
    let byId = this.projectIndex.get(key);
    if (byId === undefined) this.projectIndex.set(key, (byId = new Map<string | null, number>()));
    let p = byId.get(id);
    if (p === undefined) {
      p = this.projectKeys.length;
      this.projectKeys.push(key);
      this.projectIds.push(id);
      byId.set(id, p);
    }
    this.lastProject = p;
    return p;
  }

  private place(v: number, row: number): void {
    const mask = this.index.length - 1;
    let slot = slotOf(v, this.indexBits);
    while (this.index[slot] !== 0) slot = (slot + 1) & mask;
    this.index[slot] = row + 1;
  }

  private rehash(): void {
    this.indexBits++;
    this.index = new Int32Array(1 << this.indexBits);
    for (let row = 0; row < this.count; row++) {
      const v = this.numIds[row]!;
      if (v !== TEXT_ID) this.place(v, row);
    }
  }

  private grow(): void {
    this.numIds = grown(this.numIds);
    this.rowSlugs.grow();
    this.projects.grow();
    this.bytes = grown(this.bytes);
    this.lengths = grown(this.lengths);
  }
}

/** The table itself, or one made of a Map's repositories (callers with one repository, tests). */
export function upstreamTable(upstream: UpstreamTable | ReadonlyMap<string, UpstreamRepo>): UpstreamTable {
  return upstream instanceof UpstreamTable ? upstream : UpstreamTable.of(upstream.values());
}
