import { grown } from '../grown-array';
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
 * (issue 13): a row per repository in the order read, its id, slug and (interned) project, and its
 * two hashes as bytes in one Uint8Array, 32 bytes each, compared as bytes and made hex only when
 * shown. At 10 × 50,000 repositories an `UpstreamRepo` object and two 64-character strings a
 * repository were ≈ 110 MB of the engine's live heap. Row order is the sweep's: a node's entries
 * (sync-entry-table.ts) are kept at the same rows.
 */
export class UpstreamTable {
  readonly ids: string[] = [];
  private readonly rows = new Map<string, number>();
  private readonly slugs: (string | null)[] = [];
  private readonly projectKeys: (string | null)[] = [];
  private readonly projectIds: (string | null)[] = [];
  private readonly interned = new Map<string, string>();
  /** Per row: content then metadata, HASH_BYTES each. */
  private bytes: Uint8Array<ArrayBuffer>;
  /** Per row and hash: its length in hex digits, NONE or TEXT. */
  private lengths: Uint8Array<ArrayBuffer>;
  /** Hashes that do not fit the column, by row × 2 + kind. */
  private readonly texts = new Map<number, string>();

  constructor(capacity = 16) {
    this.bytes = new Uint8Array(Math.max(1, capacity) * 2 * HASH_BYTES);
    this.lengths = new Uint8Array(Math.max(1, capacity) * 2);
  }

  /** A table of the repositories of a Map (its order), as derivation's callers with one repository or tests give them. */
  static of(repos: Iterable<UpstreamRepo>): UpstreamTable {
    const t = new UpstreamTable();
    for (const r of repos) t.add(r);
    return t;
  }

  get size(): number {
    return this.ids.length;
  }

  /** Adds a repository; one listed twice keeps its first position, with the later record. */
  add(repo: UpstreamRepo): number {
    let row = this.rows.get(repo.id);
    if (row === undefined) {
      row = this.ids.length;
      this.ids.push(repo.id);
      this.rows.set(repo.id, row);
      if (row * 2 >= this.lengths.length) {
        this.bytes = grown(this.bytes);
        this.lengths = grown(this.lengths);
      }
    }
    this.slugs[row] = repo.slug;
    this.projectKeys[row] = this.intern(repo.projectKey);
    this.projectIds[row] = this.intern(repo.projectId);
    this.setHash(row, CONTENT, repo.content);
    this.setHash(row, METADATA, repo.metadata);
    return row;
  }

  /** The row of a repository, or -1. */
  rowOf(id: string): number {
    return this.rows.get(id) ?? -1;
  }

  has(id: string): boolean {
    return this.rows.has(id);
  }

  /** Ids in the order read. */
  keys(): IterableIterator<string> {
    return this.ids.values();
  }

  slug(row: number): string | null {
    return this.slugs[row] ?? null;
  }

  projectKey(row: number): string | null {
    return this.projectKeys[row] ?? null;
  }

  projectId(row: number): string | null {
    return this.projectIds[row] ?? null;
  }

  hasHash(row: number, kind: HashKind): boolean {
    return this.lengths[row * 2 + kind] !== NONE;
  }

  /** True when the hash equals `hex` (null equals no hash), as comparing the two strings would say. */
  hashEquals(row: number, kind: HashKind, hex: string | null): boolean {
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
    const row = this.rows.get(id);
    return row === undefined ? undefined : this.record(row);
  }

  record(row: number): UpstreamRepo {
    return {
      id: this.ids[row]!,
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
    for (let row = 0; row < this.ids.length; row++) yield this.record(row);
  }

  /** The key of a project, by its id, from the first repository of it; null when none is listed. */
  projectKeyOf(projectId: string): string | null {
    for (let row = 0; row < this.ids.length; row++) if (this.projectIds[row] === projectId && this.projectKeys[row]) return this.projectKeys[row]!;
    return null;
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

  private intern(s: string | null): string | null {
    if (s === null) return null;
    const known = this.interned.get(s);
    if (known !== undefined) return known;
    this.interned.set(s, s);
    return s;
  }
}

/** The table itself, or one made of a Map's repositories (callers with one repository, tests). */
export function upstreamTable(upstream: UpstreamTable | ReadonlyMap<string, UpstreamRepo>): UpstreamTable {
  return upstream instanceof UpstreamTable ? upstream : UpstreamTable.of(upstream.values());
}
