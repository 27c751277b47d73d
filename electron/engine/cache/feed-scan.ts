import { LeanReader } from '../http/lean-json';
import { ALIASES, gitVersionOf, kindOf, protocolOf } from './cache-aliases';
import { reduceFeedWith } from './cache-feed';
import { asCount, asTime } from './cache-values';
import { ColumnBuilder, textHash } from './column-builder';
import { asText, COLUMNS, type ColumnFeed, type FeedColumns } from './feed-columns';
import { Interner } from './feed-interner';
import { Frame, scanNumber, scanScalar, scanSlug } from './feed-values';

/**
 * `GET /caches` read from its bytes straight into columns (issue 13): at 50,000 repositories the
 * body is ~6 MB, and JSON.parse's graph of it, reduced afterwards, cost ~450 ms of CPU and most of
 * the engine's garbage. Each repository's fields are read where they lie and added to the
 * columns: keys are matched by a hash of their bytes, whole numbers read from their digits, the
 * strings that repeat (project keys, kinds, protocols) interned with what they parse to, so the
 * common repository costs one new string (its slug) and no object. The top level (a few fields)
 * is parsed whole and read by the same code as before, so its unknown fields are still shown.
 *
 * It reads the common case only and throws LeanJsonError for anything else — a list at the top
 * level, a repository object with two names for one figure, names nested under `project` or
 * `repository`, a malformed number, a raw control character in a string — and the caller then
 * parses the body the ordinary way (feed-columns.ts `reduceFeed`), which gives the same result (a
 * property test checks both).
 */

const enum F {
  /** Not a known key: its value is stepped over. */
  Unknown = -1,
  Project,
  Slug,
  Size,
  Hits,
  Misses,
  Last,
  Kind,
  Protocol,
  Version,
  List,
  /** Names whose nested form (`project.key`, `repository.slug`) only the ordinary reading follows. */
  Nested,
}

type Key = { name: string; bytes: Buffer; field: F };
const key = (name: string, field: F): Key => ({ name, bytes: Buffer.from(name, 'utf8'), field });
const KEYS: readonly Key[] = [
  ...(
    [
      [F.Project, ALIASES.projectKey],
      [F.Slug, ALIASES.repoSlug],
      [F.Size, ALIASES.size],
      [F.Hits, ALIASES.hits],
      [F.Misses, ALIASES.misses],
      [F.Last, ALIASES.lastAccessed],
      [F.Kind, ALIASES.kind],
      [F.Protocol, ALIASES.protocol],
      [F.Version, ALIASES.version],
      [F.List, ALIASES.list],
    ] as const
  ).flatMap(([field, names]) => names.filter((n) => !n.includes('.') && n !== 'project' && n !== 'repository').map((n) => key(n, field))),
  key('project', F.Nested),
  key('repository', F.Nested),
];
/** The keys by their {@link textHash} (all are ASCII), open-addressed: index + 1, 0 where empty. */
const KEY_TABLE = new Int16Array(256);
for (const [i, k] of KEYS.entries()) {
  let at = textHash(k.name) & 255;
  while (KEY_TABLE[at] !== 0) at = (at + 1) & 255;
  KEY_TABLE[at] = i + 1;
}
const LIST_NAMES: ReadonlySet<string> = new Set(ALIASES.list);

const [QUOTE, BACKSLASH, OPEN_OBJECT, CLOSE_OBJECT, OPEN_ARRAY, CLOSE_ARRAY, COMMA, COLON] = [0x22, 0x5c, 0x7b, 0x7d, 0x5b, 0x5d, 0x2c, 0x3a];
const sameBytes = (want: Buffer, b: Buffer, start: number): boolean => {
  for (let j = 0; j < want.length; j++) if (want[j] !== b[start + j]) return false;
  return true;
};

class FeedScanner {
  private readonly r: LeanReader;
  private readonly buf: Buffer;
  readonly columns = new ColumnBuilder();
  private readonly item = new Frame();
  private readonly entry = new Frame();
  private readonly projects = new Interner(asText);
  private readonly kinds = new Interner(kindOf);
  private readonly protocols = new Interner(protocolOf);
  private readonly versions = new Interner(gitVersionOf);

  /**
   * @param previous the slugs of this primary's last statistics, by row: a slug whose bytes equal
   * the one at the row it lands on is that string again, not a new one (issue 13: at 10 × 50,000
   * each read made 50,000 slug strings a primary, ≈ 14 MB in all, while the last read's were kept).
   */
  constructor(
    buf: Buffer,
    private readonly previous: readonly string[] | null,
  ) {
    this.buf = buf;
    this.r = new LeanReader(buf);
    if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) this.r.pos = 3;
  }

  /** After a member: true at the end of its container, past a comma otherwise. */
  private endOf(close: number): boolean {
    const next = this.r.peek();
    this.r.pos++;
    if (next === close) return true;
    if (next !== COMMA) this.r.fail(`expected , or ${String.fromCharCode(close)}`);
    return false;
  }

  /** On a container's opening byte: past it, and true when it is empty (then past its end too). */
  private opens(open: number, close: number): boolean {
    this.r.expect(open);
    if (this.r.peek() !== close) return false;
    this.r.pos++;
    return true;
  }

  /** The top level: its list scanned into the columns, its other fields parsed whole. */
  top(): ColumnFeed {
    const r = this.r;
    if (r.peek() !== OPEN_OBJECT) r.fail('the statistics are not an object');
    const parts: string[] = [];
    const names = new Set<string>();
    let listKey: string | null = null;
    let listNames = 0;
    if (!this.opens(OPEN_OBJECT, CLOSE_OBJECT))
      do {
        if (r.peek() !== QUOTE) r.fail('expected a key');
        const name = r.string();
        if (names.has(name)) r.fail(`a second "${name}"`);
        names.add(name);
        r.expect(COLON);
        // With two list names, which is read depends on the aliases' order: the ordinary reading decides.
        if (LIST_NAMES.has(name) && listNames++ > 0) r.fail('two lists of repositories');
        if (LIST_NAMES.has(name) && r.peek() === OPEN_ARRAY) {
          listKey = name;
          if (!this.opens(OPEN_ARRAY, CLOSE_ARRAY))
            do this.repository();
            while (!this.endOf(CLOSE_ARRAY));
          continue;
        }
        const start = r.pos;
        r.skip();
        parts.push(`${JSON.stringify(name)}:${this.buf.toString('utf8', start, r.pos)}`);
      } while (!this.endOf(CLOSE_OBJECT));
    r.space();
    if (r.pos !== this.buf.length) r.fail('trailing bytes');
    const top = JSON.parse(`{${parts.join(',')}}`) as Record<string, unknown>;
    // The list stands in for what was scanned; its reduction is the columns already built.
    if (listKey !== null) top[listKey] = [];
    return reduceFeedWith<FeedColumns>(top, { ...COLUMNS, reduce: (_list, raw) => this.columns.finish(raw) });
  }

  /** One item of the list: a repository with its caches, a flat entry, or something without names. */
  private repository(): void {
    const r = this.r;
    const c = this.columns;
    if (r.peek() !== OPEN_OBJECT) {
      r.skip();
      c.skip();
      return;
    }
    const f = this.item;
    const nested = this.object(f, true);
    if (f.project === null || f.slug === null) c.skip();
    else if (nested) c.nestedItem(f.project, f.slug, f, f.projectHash, f.slugHash);
    else c.flatItem(f.project, f.slug, f.into(c.entry()), f.projectHash, f.slugHash);
  }

  /** The list of caches of a repository (the reader on its `[`): each entry's figures pushed to the columns. */
  private entries(): void {
    const r = this.r;
    if (this.opens(OPEN_ARRAY, CLOSE_ARRAY)) return;
    do {
      if (r.peek() !== OPEN_OBJECT) r.skip();
      else {
        this.object(this.entry, false);
        this.entry.into(this.columns.entry());
        this.columns.pushEntry();
      }
    } while (!this.endOf(CLOSE_ARRAY));
  }

  /**
   * The known fields of the object at the reader into `f`, each parsed as the ordinary reading
   * parses it; a repository's list of caches read into the columns. True when it had such a list.
   */
  private object(f: Frame, repository: boolean): boolean {
    const r = this.r;
    f.reset();
    let listed = false;
    if (this.opens(OPEN_OBJECT, CLOSE_OBJECT)) return false;
    do {
      const k = this.key(f);
      if (k === F.Unknown) r.skip();
      else if (k === F.List) {
        // Only a repository's list of entries is read here; anything else is the ordinary reading's.
        if (!repository || r.peek() !== OPEN_ARRAY) r.fail('a list of caches where the scan does not read one');
        listed = true;
        this.entries();
      } else this.field(f, k);
    } while (!this.endOf(CLOSE_OBJECT));
    return listed;
  }

  /** A key and its colon: the field it names (marked seen in `f`), or F.Unknown. */
  private key(f: Frame): F {
    const r = this.r;
    const b = this.buf;
    if (r.peek() !== QUOTE) r.fail('expected a key');
    const start = r.pos + 1;
    let h = 0;
    let i = start;
    for (let c = b[i]; c !== QUOTE; c = b[++i]) {
      if (c === undefined) return r.fail('unterminated string');
      if (c === BACKSLASH) return this.escapedKey(f, start - 1);
      if (c < 0x20) r.fail('a control character in a string');
      h = (Math.imul(h, 31) + c) | 0;
    }
    r.pos = i + 1;
    r.expect(COLON);
    const length = i - start;
    for (let at = h & 255, slot = KEY_TABLE[at]!; slot !== 0; at = (at + 1) & 255, slot = KEY_TABLE[at]!) {
      const k = KEYS[slot - 1]!;
      if (k.bytes.length === length && sameBytes(k.bytes, b, start)) return this.saw(f, k);
    }
    return F.Unknown;
  }

  /** A key with escapes, decoded (rare: no known key needs one). */
  private escapedKey(f: Frame, at: number): F {
    this.r.pos = at;
    const name = this.r.string();
    this.r.expect(COLON);
    const k = KEYS.find((c) => c.name === name);
    return k === undefined ? F.Unknown : this.saw(f, k);
  }

  private saw(f: Frame, k: Key): F {
    if (k.field === F.Nested) this.r.fail(`"${k.name}" may hold nested names`);
    // With two names for one figure, which wins depends on the aliases' order: the ordinary reading decides.
    if (f.seen & (1 << k.field)) this.r.fail(`a second name for one figure ("${k.name}")`);
    f.seen |= 1 << k.field;
    return k.field;
  }

  private field(f: Frame, k: F): void {
    switch (k) {
      case F.Project:
        f.project = this.interned(this.projects) as string | null;
        f.projectHash = f.project === null ? 0 : this.projects.hash;
        return;
      case F.Slug:
        f.slug = scanSlug(this.r, f, this.previous?.[this.columns.count]);
        return;
      case F.Size:
        f.size = scanNumber(this.r, asCount);
        return;
      case F.Hits:
        f.hits = scanNumber(this.r, asCount);
        return;
      case F.Misses:
        f.misses = scanNumber(this.r, asCount);
        return;
      case F.Last:
        f.last = scanNumber(this.r, asTime);
        return;
      case F.Kind:
        f.kind = this.interned(this.kinds) as string | null;
        return;
      case F.Protocol:
        f.protocol = this.interned(this.protocols) as string | null;
        return;
      default:
        f.version = this.interned(this.versions) as number | null;
    }
  }

  /** A string that repeats, as its field's parse reads it, through the interner; any other value parsed. */
  private interned(into: Interner): unknown {
    const r = this.r;
    if (r.peek() === QUOTE) {
      const got = into.read(this.buf, r.pos + 1);
      if (got !== Interner.NOT_PLAIN) {
        r.pos = into.end + 1;
        return got;
      }
    }
    const v = into.parse(scanScalar(r));
    into.hash = typeof v === 'string' ? textHash(v) : 0;
    return v;
  }
}

/** `GET /caches` from its bytes into columns; throws LeanJsonError where the ordinary reading must decide. */
export function scanFeed(buf: Buffer, previousSlugs: readonly string[] | null = null): ColumnFeed {
  return new FeedScanner(buf, previousSlugs).top();
}

/** A body the client read with {@link scanFeedBody}; a body the scan refused comes back parsed instead. */
export class ScannedFeed {
  constructor(readonly feed: ColumnFeed) {}
}

/** The scan as the client's body reader (GetJsonOptions.read), reusing the slugs of the last read (see FeedScanner). */
export const scanFeedBody = (buf: Buffer, previousSlugs: readonly string[] | null = null): ScannedFeed => new ScannedFeed(scanFeed(buf, previousSlugs));
