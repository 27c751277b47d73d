import { grown } from '../grown-array';

/** A slug kind byte: UTF-8 bytes in `text`. */
const SLUG_BYTES = 0;
const SLUG_NULL = 1;
/** The slug is kept as text beside: it has a lone surrogate (UTF-8 cannot carry one), or the row was listed twice. */
const SLUG_TEXT = 2;
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * The slugs of a table's rows (upstream-table.ts): UTF-8 bytes in one buffer, each row's ending
 * where the next begins, and a kind byte a row; a slug UTF-8 cannot carry, or a row's later slug,
 * is kept as text beside. Rows are written in order, once each (`write`), then only `replace`d.
 */
export class RowSlugs {
  private kinds: Uint8Array<ArrayBuffer>;
  /** Per row: where its slug's bytes end in `text` (they start where the row before ends). */
  private ends: Uint32Array<ArrayBuffer>;
  private text: Buffer;
  private used = 0;
  /** Whether a slug of `text` has a byte past ASCII (then a byte offset is not a character's). */
  private nonAscii = false;
  /** What `all` gave last, until a slug is written or replaced. */
  private column: Array<string | null> | null = null;
  private readonly texts = new Map<number, string | null>();

  constructor(capacity: number) {
    this.kinds = new Uint8Array(capacity);
    this.ends = new Uint32Array(capacity);
    this.text = Buffer.alloc(16 * capacity);
  }

  /** The slug of the next row, `row` (rows are written in order). */
  write(row: number, slug: string | null): void {
    this.column = null;
    if (slug === null || SURROGATE.test(slug)) {
      this.kinds[row] = slug === null ? SLUG_NULL : SLUG_TEXT;
      if (slug !== null) this.texts.set(row, slug);
    } else {
      this.kinds[row] = SLUG_BYTES;
      const need = this.used + 3 * slug.length;
      if (need > this.text.length) {
        const next = Buffer.alloc(Math.max(need, 2 * this.text.length));
        this.text.copy(next, 0, 0, this.used);
        this.text = next;
      }
      const written = this.text.write(slug, this.used, 'utf8');
      // UTF-8 gives one byte a character exactly when every character is ASCII.
      if (written !== slug.length) this.nonAscii = true;
      this.used += written;
    }
    this.ends[row] = this.used;
  }

  /** A row's later slug: bytes already written stay where they are; the later slug is kept beside. */
  replace(row: number, slug: string | null): void {
    this.column = null;
    this.kinds[row] = SLUG_TEXT;
    this.texts.set(row, slug);
  }

  get(row: number): string | null {
    const kind = this.kinds[row];
    if (kind === SLUG_NULL) return null;
    if (kind === SLUG_TEXT) return this.texts.get(row) ?? null;
    return this.text.toString('utf8', row === 0 ? 0 : this.ends[row - 1]!, this.ends[row]);
  }

  /**
   * The slugs of rows 0 … n − 1, as `get` gives them. While every slug is ASCII the text is
   * decoded once and cut at the rows' ends: a decode a row was most of reading a farm's
   * repositories for a scrape (≈ 65 ns a slug, 400,000 of them at 10 × 20,000). The array is kept
   * until a slug is written (the farms of a primary read the same table, and the next scrape
   * finds the same array) and frozen, since callers share it: one that writes to it throws.
   */
  all(n: number): Array<string | null> {
    if (this.column?.length === n) return this.column;
    const out = new Array<string | null>(n);
    const all = this.nonAscii ? null : this.text.toString('latin1', 0, this.used);
    for (let row = 0; row < n; row++)
      out[row] = all !== null && this.kinds[row] === SLUG_BYTES ? all.substring(row === 0 ? 0 : this.ends[row - 1]!, this.ends[row]) : this.get(row);
    Object.freeze(out);
    return (this.column = out);
  }

  /** True when the slug equals `slug` (null equals none), without decoding it when `slug` is ASCII. */
  equals(row: number, slug: string | null): boolean {
    const kind = this.kinds[row];
    if (kind === SLUG_NULL) return slug === null;
    if (kind === SLUG_TEXT) return this.texts.get(row) === slug;
    if (slug === null) return false;
    const start = row === 0 ? 0 : this.ends[row - 1]!;
    const end = this.ends[row]!;
    if (end - start < slug.length) return false;
    for (let i = 0; i < slug.length; i++) {
      const c = slug.charCodeAt(i);
      if (c >= 0x80) return this.get(row) === slug;
      if (this.text[start + i] !== c) return false;
    }
    return end - start === slug.length;
  }

  /** Room for twice the rows. */
  grow(): void {
    this.kinds = grown(this.kinds);
    this.ends = grown(this.ends);
  }

  /** Cut to `n` rows and the bytes they use. */
  trim(n: number): void {
    this.kinds = this.kinds.slice(0, n);
    this.ends = this.ends.slice(0, n);
    const text = Buffer.alloc(Math.max(1, this.used));
    this.text.copy(text, 0, 0, this.used);
    this.text = text;
  }
}
