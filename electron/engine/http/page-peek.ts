/**
 * The paging fields of a page read from its first and last bytes only, before the page is parsed
 * (issue 13 goal 3): Bitbucket writes `size`, `limit` and `isLastPage` before `values` and `start`
 * and `nextPageStart` after it, so the next page can be asked for while this one is still being
 * read. A guess, not a parse: the walk checks it against the parsed page (paging.ts) and drops a
 * request asked for on a wrong guess.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;

const isSpace = (b: number | undefined): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
/** The bytes of a number or a literal (true, false, null). */
const isScalarByte = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x45;

/** The scalar `true`, `false`, a natural number, or undefined for anything else. */
function scalarOf(buf: Buffer, start: number, end: number): boolean | number | undefined {
  const text = buf.toString('latin1', start, end);
  if (text === 'true') return true;
  if (text === 'false') return false;
  return /^(0|[1-9]\d{0,14})$/.test(text) ? Number(text) : undefined;
}

/** The start of the next page, when the page's first and last bytes say it is not the last one; else null. */
export function peekNextStart(buf: Buffer): number | null {
  const seen = new Map<string, boolean | number | undefined>();
  headKeys(buf, seen);
  tailKeys(buf, seen);
  const next = seen.get('nextPageStart');
  return seen.get('isLastPage') === false && typeof next === 'number' ? next : null;
}

/** `"key":scalar` pairs from the opening brace up to `"values":[`. */
function headKeys(buf: Buffer, seen: Map<string, boolean | number | undefined>): void {
  let at = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  const skip = (): void => {
    while (isSpace(buf[at])) at++;
  };
  skip();
  if (buf[at++] !== 0x7b) return;
  for (;;) {
    skip();
    if (buf[at] !== QUOTE) return;
    const end = buf.indexOf(QUOTE, at + 1);
    // A key with an escape is left to the parse.
    if (end < 0 || end - at > 32 || buf.subarray(at + 1, end).includes(BACKSLASH)) return;
    const key = buf.toString('latin1', at + 1, end);
    at = end + 1;
    skip();
    if (buf[at++] !== COLON) return;
    skip();
    if (key === 'values') return;
    const start = at;
    while (at < buf.length && isScalarByte(buf[at]!)) at++;
    if (at === start) return;
    seen.set(key, scalarOf(buf, start, at));
    skip();
    if (buf[at++] !== COMMA) return;
  }
}

/** `"key":scalar` pairs from the closing brace back to the first byte that is not one of them (the end of `values`). */
function tailKeys(buf: Buffer, seen: Map<string, boolean | number | undefined>): void {
  let at = buf.length - 1;
  const skip = (): void => {
    while (at >= 0 && isSpace(buf[at])) at--;
  };
  skip();
  if (buf[at--] !== 0x7d) return;
  const found: [string, boolean | number | undefined][] = [];
  for (;;) {
    skip();
    const end = at + 1;
    while (at >= 0 && isScalarByte(buf[at]!)) at--;
    if (at + 1 === end) break;
    const value = scalarOf(buf, at + 1, end);
    skip();
    if (buf[at--] !== COLON) break;
    skip();
    if (buf[at] !== QUOTE) break;
    const close = at;
    const open = buf.lastIndexOf(QUOTE, close - 1);
    if (open < 0 || close - open > 32 || buf.subarray(open, close).includes(BACKSLASH)) break;
    found.push([buf.toString('latin1', open + 1, close), value]);
    at = open - 1;
    skip();
    if (buf[at--] !== COMMA) break;
  }
  // Read back to front: the last occurrence of a key is the one a parse keeps.
  for (let i = found.length - 1; i >= 0; i--) seen.set(found[i]![0], found[i]![1]);
}
