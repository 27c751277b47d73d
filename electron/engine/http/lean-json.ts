/**
 * A JSON reader that builds only the parts a caller uses (issue #13: an inventory repository is
 * ~735 bytes of which a few fields are read). It works on the body's bytes, so a page is never
 * decoded into one large string nor parsed into a full object graph: values under keys the shape
 * does not name are stepped over (strings by `indexOf`, containers by counting brackets).
 *
 * What it builds is what `JSON.parse` would give for the kept keys (the last of duplicate keys
 * wins, strings and numbers decoded by `JSON.parse` rules); what it steps over is checked only for
 * its structure (quotes, brackets, the characters of scalars). Anything it does not expect — a byte
 * out of place, a truncated body, an HTML page — throws LeanJsonError, and the caller then parses
 * the whole body the ordinary way, whose error message says what is wrong.
 */

/**
 * `true`: keep the value whole. An object: keep only the named keys — and, under the key `'*'`,
 * every key it does not name, with that shape. `[shape]`: an array of that shape.
 */
export type LeanShape = true | { readonly [key: string]: LeanShape } | readonly [LeanShape];

export class LeanJsonError extends Error {
  override readonly name = 'LeanJsonError';
}

/** The bytes of JSON's structure. */
const { QUOTE, BACKSLASH, OPEN_OBJECT, CLOSE_OBJECT, OPEN_ARRAY, CLOSE_ARRAY, COMMA, COLON } = {
  QUOTE: 0x22,
  BACKSLASH: 0x5c,
  OPEN_OBJECT: 0x7b,
  CLOSE_OBJECT: 0x7d,
  OPEN_ARRAY: 0x5b,
  CLOSE_ARRAY: 0x5d,
  COMMA: 0x2c,
  COLON: 0x3a,
} as const;

/** How many bytes of a string are looked at one by one before a native search takes over. */
const SHORT_STRING = 32;

const isSpace = (b: number): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/**
 * The value of the digits in [start, end) — a natural number as JSON writes it (ids, counts, page
 * starts), exact below 2^53 — or -1 for anything else, which JSON.parse then reads.
 */
function naturalAt(b: Buffer, start: number, end: number): number {
  const length = end - start;
  if (length < 1 || length > 15 || (length > 1 && b[start] === 0x30)) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = b[i]! - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** A shape with its keys as bytes, so keys are matched without decoding them. */
type Key = { name: string; bytes: Buffer; sub: Compiled };
type Compiled = true | { array: Compiled } | { keys: readonly Key[]; rest: Compiled | null };

/** The shape key that stands for every key an object shape does not name. */
const REST = '*';

const compiled = new WeakMap<object, Compiled>();

function compile(shape: LeanShape): Compiled {
  if (shape === true) return true;
  const hit = compiled.get(shape);
  if (hit) return hit;
  const out: Compiled = Array.isArray(shape)
    ? { array: compile(shape[0] as LeanShape) }
    : {
        keys: Object.entries(shape as { readonly [key: string]: LeanShape })
          .filter(([name]) => name !== REST)
          .map(([name, sub]) => ({ name, bytes: Buffer.from(name, 'utf8'), sub: compile(sub) })),
        rest: REST in shape ? compile(shape[REST]) : null,
      };
  compiled.set(shape, out);
  return out;
}

/** Parses `buf` keeping what `shape` names; throws LeanJsonError when the bytes are not as expected. */
export function leanJson(buf: Buffer, shape: LeanShape): unknown {
  const r = new LeanReader(buf);
  // A UTF-8 byte-order mark, as http-exchange strips from decoded text.
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) r.pos = 3;
  const value = r.value(compile(shape));
  r.space();
  if (r.pos !== buf.length) r.fail('trailing bytes');
  return value;
}

/** The byte reader under {@link leanJson}, for readers of one known body (cache/feed-scan.ts). */
export class LeanReader {
  pos = 0;
  /** Whether the string {@link stringEnd} last stepped over had a backslash (an escape). */
  private escaped = false;
  /** The first backslash at or after `searchedFrom` (Infinity: none), found natively. */
  private nextBackslash = -1;
  private searchedFrom = 0;

  constructor(readonly buf: Buffer) {}

  /**
   * Whether [start, end) holds a backslash. Backslashes are rare in the answers read (none in most
   * pages), so one native search finds the next and the common case is a comparison.
   */
  private hasBackslash(start: number, end: number): boolean {
    // Searched again when asked before the last search (a key read twice) or past its answer.
    if (start < this.searchedFrom || this.nextBackslash < start) {
      const at = this.buf.indexOf(BACKSLASH, start);
      this.searchedFrom = start;
      this.nextBackslash = at < 0 ? Number.POSITIVE_INFINITY : at;
    }
    return this.nextBackslash < end;
  }

  /** As http-exchange decodes a body: UTF-8, an invalid sequence becoming U+FFFD. */
  private decode(start: number, end: number): string {
    // Buffer's documented API; its undocumented `utf8Slice` skips toString()'s argument checks
    // (≈ 5 % of this reader in one short test), not worth relying on an internal method.
    return this.buf.toString('utf8', start, end);
  }

  fail(why: string): never {
    throw new LeanJsonError(`${why} at byte ${this.pos}`);
  }

  space(): void {
    const b = this.buf;
    while (this.pos < b.length && isSpace(b[this.pos]!)) this.pos++;
  }

  peek(): number {
    const at = this.buf[this.pos];
    if (at !== undefined && !isSpace(at)) return at;
    this.space();
    if (this.pos >= this.buf.length) this.fail('unexpected end');
    return this.buf[this.pos]!;
  }

  expect(byte: number): void {
    if (this.peek() !== byte) this.fail(`expected ${String.fromCharCode(byte)}`);
    this.pos++;
  }

  value(shape: Compiled): unknown {
    const b = this.peek();
    if (shape !== true) {
      if ('array' in shape) return b === OPEN_ARRAY ? this.array(shape.array) : this.whole();
      if (b === OPEN_OBJECT) return this.object(shape.keys, shape.rest);
    }
    return this.whole();
  }

  private object(keys: readonly Key[], rest: Compiled | null): Record<string, unknown> {
    this.pos++;
    const out: Record<string, unknown> = {};
    if (this.peek() === CLOSE_OBJECT) {
      this.pos++;
      return out;
    }
    for (;;) {
      if (this.peek() !== QUOTE) this.fail('expected a key');
      const start = this.pos;
      const end = this.stringEnd();
      const wanted = this.keyOf(keys, start, end);
      let name = wanted?.name;
      if (wanted === undefined && rest !== null) {
        this.pos = start;
        name = this.string();
      }
      // Compact JSON has the colon next: no call for the whitespace first.
      if (this.buf[this.pos] === COLON) this.pos++;
      else this.expect(COLON);
      if (name === undefined) this.skip();
      else if (name !== '__proto__') out[name] = this.value(wanted?.sub ?? (rest as Compiled));
      // A `__proto__` key is an own property, as JSON.parse makes it, not the object's prototype.
      else Object.defineProperty(out, name, { value: this.value(wanted?.sub ?? (rest as Compiled)), enumerable: true, writable: true, configurable: true });
      const next = this.peek();
      this.pos++;
      if (next === CLOSE_OBJECT) return out;
      if (next !== COMMA) this.fail('expected , or }');
    }
  }

  /** The wanted key whose bytes the key at [start, end) (quotes included) has; an escaped key is decoded first. */
  keyOf<K extends { name: string; bytes: Buffer }>(keys: readonly K[], start: number, end: number): K | undefined {
    const b = this.buf;
    const length = end - start - 2;
    if (this.hasBackslash(start + 1, end - 1)) {
      this.pos = start;
      const name = this.string();
      return keys.find((k) => k.name === name);
    }
    outer: for (const k of keys) {
      if (k.bytes.length !== length) continue;
      for (let i = 0; i < length; i++) if (k.bytes[i] !== b[start + 1 + i]) continue outer;
      return k;
    }
    return undefined;
  }

  private array(shape: Compiled): unknown[] {
    this.pos++;
    const out: unknown[] = [];
    if (this.peek() === CLOSE_ARRAY) {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value(shape));
      const next = this.peek();
      this.pos++;
      if (next === CLOSE_ARRAY) return out;
      if (next !== COMMA) this.fail('expected , or ]');
    }
  }

  /** A kept value in full: a string decoded, else its bytes handed to JSON.parse (a scalar or a kept sub-tree). */
  private whole(): unknown {
    const start = this.pos;
    if (this.buf[start] === QUOTE) return this.string();
    this.skip();
    const b = this.buf;
    const length = this.pos - start;
    // The literals, the commonest kept scalars after strings, without a parse.
    if (length === 4 && b[start] === 0x74 && b[start + 1] === 0x72 && b[start + 2] === 0x75 && b[start + 3] === 0x65) return true;
    if (length === 5 && b[start] === 0x66 && b[start + 1] === 0x61 && b[start + 2] === 0x6c && b[start + 3] === 0x73 && b[start + 4] === 0x65) return false;
    const integer = naturalAt(b, start, this.pos);
    if (integer >= 0) return integer;
    try {
      return JSON.parse(this.decode(start, this.pos));
    } catch {
      this.pos = start;
      return this.fail('not a JSON value');
    }
  }

  /** A string at `pos` (on its quote): its value, decoded directly when it has no escapes. */
  string(): string {
    const start = this.pos;
    const end = this.stringEnd();
    try {
      return this.escaped ? (JSON.parse(this.decode(start, end)) as string) : this.decode(start + 1, end - 1);
    } catch {
      return this.fail('not a JSON string');
    }
  }

  /**
   * Moves past the string at `pos` (on its quote) and returns the position after its closing quote.
   * Most strings (keys, slugs, states) are short: a byte loop ends them sooner than a native search
   * would start, and sees their escapes on the way; a longer one is finished by `indexOf`.
   */
  stringEnd(): number {
    const b = this.buf;
    let at = this.pos + 1;
    const stop = Math.min(b.length, at + SHORT_STRING);
    for (; at < stop; at++) {
      const c = b[at]!;
      if (c === QUOTE) {
        this.escaped = false;
        this.pos = at + 1;
        return this.pos;
      }
      if (c === BACKSLASH) break;
    }
    const from = this.pos + 1;
    for (;;) {
      const q = b.indexOf(QUOTE, at);
      if (q < 0) {
        this.pos = b.length;
        this.fail('unterminated string');
      }
      // The quote is escaped when an odd number of backslashes precede it.
      let slashes = 0;
      while (b[q - 1 - slashes] === BACKSLASH) slashes++;
      if (slashes % 2 === 0) {
        this.pos = q + 1;
        this.escaped = this.hasBackslash(from, q);
        return this.pos;
      }
      at = q + 1;
    }
  }

  /** Steps over one value without building it. */
  skip(): void {
    const b = this.buf;
    const first = this.peek();
    if (first === QUOTE) {
      this.stringEnd();
      return;
    }
    if (first !== OPEN_OBJECT && first !== OPEN_ARRAY) {
      // A scalar: up to the next delimiter; its characters must be those of a number or literal.
      const start = this.pos;
      while (this.pos < b.length) {
        const c = b[this.pos]!;
        if (c === COMMA || c === CLOSE_OBJECT || c === CLOSE_ARRAY || isSpace(c)) break;
        if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x45)) this.fail('unexpected byte');
        this.pos++;
      }
      if (this.pos === start) this.fail('expected a value');
      return;
    }
    let depth = 0;
    while (this.pos < b.length) {
      const c = b[this.pos]!;
      if (c === QUOTE) {
        this.stringEnd();
        continue;
      }
      if (c === OPEN_OBJECT || c === OPEN_ARRAY) depth++;
      else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        depth--;
        if (depth === 0) {
          this.pos++;
          return;
        }
      }
      this.pos++;
    }
    this.fail('unexpected end');
  }
}
