import type { LeanReader } from '../http/lean-json';
import type { Json } from './cache-values';
import { textHash, type EntryFigures } from './column-builder';
import { asText } from './feed-columns';

/**
 * The values of a statistics body as feed-scan.ts reads them from its bytes: the common forms (a
 * whole number, null, a plain ASCII slug) without an intermediate string, any other form as
 * JSON.parse would give it, then read by the same readers as the ordinary path.
 */

const [QUOTE, BACKSLASH, OPEN_OBJECT, CLOSE_OBJECT, OPEN_ARRAY, CLOSE_ARRAY, COMMA] = [0x22, 0x5c, 0x7b, 0x7d, 0x5b, 0x5d, 0x2c];
const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/** A byte that may end a scalar. */
const ends = (c: number | undefined): boolean => c === COMMA || c === CLOSE_OBJECT || c === CLOSE_ARRAY || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** One object's figures as read (a repository, or one entry of its list of caches): what it did not say is null or NaN. */
export class Frame implements EntryFigures {
  /** The fields it had, a bit each. */
  seen = 0;
  project: string | null = null;
  projectHash = 0;
  slug: string | null = null;
  slugHash = 0;
  size = Number.NaN;
  hits = Number.NaN;
  misses = Number.NaN;
  last = Number.NaN;
  kind: string | null = null;
  protocol: string | null = null;
  version: number | null = null;

  reset(): void {
    this.seen = 0;
    this.project = this.slug = this.kind = this.protocol = null;
    this.version = null;
    this.size = this.hits = this.misses = this.last = Number.NaN;
  }

  into(e: EntryFigures): EntryFigures {
    e.size = this.size;
    e.hits = this.hits;
    e.misses = this.misses;
    e.last = this.last;
    e.kind = this.kind;
    e.protocol = this.protocol;
    e.version = this.version;
    return e;
  }
}

/** A value as JSON.parse gives it when it can matter (strings, numbers, literals); containers read as null, which every figure's reader refuses alike. */
export function scanScalar(r: LeanReader): Json {
  const b = r.peek();
  if (b === QUOTE) return r.string();
  const start = r.pos;
  r.skip();
  if (b === OPEN_OBJECT || b === OPEN_ARRAY) return null;
  const text = r.buf.toString('latin1', start, r.pos);
  if (text === 'null') return null;
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (!JSON_NUMBER.test(text)) {
    r.pos = start;
    r.fail('not a JSON value');
  }
  return Number(text);
}

/**
 * A slug (each one differs), its {@link textHash} into `f.slugHash`: an ASCII string without
 * escapes or spaces at its ends is sliced as it is and hashed from its bytes, any other read as
 * asText reads it.
 */
export function scanSlug(r: LeanReader, f: Frame, known: string | undefined): string | null {
  const b = r.buf;
  if (r.peek() === QUOTE) {
    const start = r.pos + 1;
    let i = start;
    let h = 0;
    let c = b[i];
    for (; c !== undefined && c !== QUOTE && c !== BACKSLASH && c > 0x20 && c < 0x80; c = b[++i]) h = (Math.imul(h, 31) + c) | 0;
    if (c === QUOTE && i > start && b[i - 1]! > 0x20) {
      r.pos = i + 1;
      f.slugHash = h;
      return known !== undefined && sameLatin1(known, b, start, i) ? known : b.toString('latin1', start, i);
    }
  }
  const slug = asText(scanScalar(r));
  f.slugHash = slug === null ? 0 : textHash(slug);
  return slug;
}

/** Whether `text` is the bytes from `start` to `end`, read as latin1 (which plain ASCII bytes are). */
function sameLatin1(text: string, b: Buffer, start: number, end: number): boolean {
  if (text.length !== end - start) return false;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) !== b[start + i]) return false;
  return true;
}

/** A count or time as `parse` reads it, NaN where it does not; whole numbers (which both readers take as they are) and null from their bytes. */
export function scanNumber(r: LeanReader, parse: (v: Json) => number | null): number {
  const b = r.buf;
  let c: number | undefined = r.peek();
  const start = r.pos;
  if (c >= 0x30 && c <= 0x39) {
    let n = c - 0x30;
    let i = start + 1;
    c = b[i];
    if (n !== 0) for (; c !== undefined && c >= 0x30 && c <= 0x39; c = b[++i]) n = n * 10 + (c - 0x30);
    if (i - start <= 15 && ends(c)) {
      r.pos = i;
      return n;
    }
  } else if (c === 0x6e && b[start + 1] === 0x75 && b[start + 2] === 0x6c && b[start + 3] === 0x6c && ends(b[start + 4])) {
    r.pos = start + 4;
    return Number.NaN;
  }
  return parse(scanScalar(r)) ?? Number.NaN;
}
