import type { Json } from './cache-values';
import { textHash } from './column-builder';
import { doubledTable } from './open-table';

/** Distinct strings kept per field and body: project keys and kinds repeat, a field whose values all differ stops being interned. */
const MAX_STRINGS = 4096;

/**
 * The strings of one field that repeat across a statistics body (project keys, cache kinds,
 * protocols), each decoded and parsed once (feed-scan.ts): at 50,000 repositories there are a few
 * hundred project keys, so a repository's project key costs a hash of its bytes and a compare, and
 * its repositories share one string. Only plain strings — ASCII, no escape — are interned; their
 * bytes are their text, so equal bytes are equal strings.
 */
export class Interner {
  /** What {@link read} answers for a string it does not intern; the caller reads it the ordinary way. */
  static readonly NOT_PLAIN: unique symbol = Symbol('not plain');
  /** Where the last string read ends (its closing quote). */
  end = 0;
  /** {@link textHash} of the last value read when it is a string, 0 otherwise. */
  hash = 0;
  private table = new Int32Array(64);
  private readonly hashes: number[] = [];
  private readonly texts: string[] = [];
  private readonly values: unknown[] = [];
  private readonly valueHashes: number[] = [];

  constructor(readonly parse: (v: Json) => unknown) {}

  /** The parsed value of the plain string whose text starts at `start` (after its quote), or NOT_PLAIN. */
  read(b: Buffer, start: number): unknown {
    let h = 0;
    let i = start;
    for (let c = b[i]; c !== 0x22; c = b[++i]) {
      if (c === undefined || c === 0x5c || c < 0x20 || c >= 0x80) return Interner.NOT_PLAIN;
      h = (Math.imul(h, 31) + c) | 0;
    }
    this.end = i;
    const mask = this.table.length - 1;
    let at = h & mask;
    for (let slot = this.table[at]!; slot !== 0; at = (at + 1) & mask, slot = this.table[at]!) {
      const k = slot - 1;
      if (this.hashes[k] === h && sameText(this.texts[k]!, b, start, i)) {
        this.hash = this.valueHashes[k]!;
        return this.values[k];
      }
    }
    const text = b.toString('latin1', start, i);
    const value = this.parse(text);
    this.hash = typeof value === 'string' ? textHash(value) : 0;
    if (this.texts.length >= MAX_STRINGS) return value;
    this.table[at] = this.texts.length + 1;
    this.hashes.push(h);
    this.texts.push(text);
    this.values.push(value);
    this.valueHashes.push(this.hash);
    if (this.texts.length * 2 > this.table.length) this.grow();
    return value;
  }

  private grow(): void {
    this.table = doubledTable(this.table, this.hashes, this.hashes.length);
  }
}

function sameText(text: string, b: Buffer, start: number, end: number): boolean {
  if (text.length !== end - start) return false;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) !== b[start + i]) return false;
  return true;
}
