import { LeanReader } from '../http/lean-json';
import { ALIASES, gitVersionOf, kindOf, protocolOf } from './cache-aliases';
import { reduceFeedWith } from './cache-feed';
import { asCount, asTime, type Json } from './cache-values';
import { asText, COLUMNS, ColumnBuilder, type ColumnFeed, type EntryFigures, type FeedColumns } from './feed-columns';

/**
 * `GET /caches` read from its bytes straight into columns (issue 13): at 50,000 repositories the
 * body is ~6 MB, and JSON.parse's graph of it, reduced afterwards, cost ~450 ms of CPU and most of
 * the engine's garbage. Each repository's fields are parsed where they lie and added to the
 * columns; nothing else is built. The top level (a few fields) is parsed whole and read by the
 * same code as before, so its unknown fields are still shown.
 *
 * It reads the common case only and throws LeanJsonError for anything else — a list at the top
 * level, a repository object with two names for one figure, names nested under `project` or
 * `repository`, a malformed number — and the caller then parses the body the ordinary way
 * (feed-columns.ts `reduceFeed`), which gives the same result (a property test checks both).
 */

const enum F {
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
const FIELD_COUNT = F.Nested;

const PARSE: ReadonlyArray<(v: Json) => unknown> = [asText, asText, asCount, asCount, asCount, asTime, kindOf, protocolOf, gitVersionOf];

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
const LIST_NAMES: ReadonlySet<string> = new Set(ALIASES.list);

const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
const [QUOTE, OPEN_OBJECT, CLOSE_OBJECT, OPEN_ARRAY, CLOSE_ARRAY, COMMA, COLON] = [0x22, 0x7b, 0x7d, 0x5b, 0x5d, 0x2c, 0x3a];

class FeedScanner {
  private readonly r: LeanReader;
  private readonly buf: Buffer;
  readonly columns = new ColumnBuilder();
  /** The current object's field values, and which it had. */
  private readonly values: unknown[] = new Array<unknown>(FIELD_COUNT).fill(null);
  private readonly seen = new Uint8Array(FIELD_COUNT + 1);

  constructor(buf: Buffer) {
    this.buf = buf;
    this.r = new LeanReader(buf);
    if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) this.r.pos = 3;
  }

  /** Calls `each` for every member of the object or array at the reader, after its key (objects) or before its value. */
  private members(open: number, close: number, each: () => void): void {
    const r = this.r;
    r.expect(open);
    if (r.peek() === close) {
      r.pos++;
      return;
    }
    for (;;) {
      each();
      const next = r.peek();
      r.pos++;
      if (next === close) return;
      if (next !== COMMA) r.fail(`expected , or ${String.fromCharCode(close)}`);
    }
  }

  /** The top level: its list scanned into the columns, its other fields parsed whole. */
  top(): ColumnFeed {
    const r = this.r;
    if (r.peek() !== OPEN_OBJECT) r.fail('the statistics are not an object');
    const parts: string[] = [];
    const names = new Set<string>();
    let listKey: string | null = null;
    let listNames = 0;
    this.members(OPEN_OBJECT, CLOSE_OBJECT, () => {
      if (r.peek() !== QUOTE) r.fail('expected a key');
      const name = r.string();
      if (names.has(name)) r.fail(`a second "${name}"`);
      names.add(name);
      r.expect(COLON);
      // With two list names, which is read depends on the aliases' order: the ordinary reading decides.
      if (LIST_NAMES.has(name) && listNames++ > 0) r.fail('two lists of repositories');
      if (LIST_NAMES.has(name) && r.peek() === OPEN_ARRAY) {
        listKey = name;
        this.members(OPEN_ARRAY, CLOSE_ARRAY, () => this.item());
        return;
      }
      const start = r.pos;
      r.skip();
      parts.push(`${JSON.stringify(name)}:${this.buf.toString('utf8', start, r.pos)}`);
    });
    r.space();
    if (r.pos !== this.buf.length) r.fail('trailing bytes');
    const top = JSON.parse(`{${parts.join(',')}}`) as Record<string, unknown>;
    // The list stands in for what was scanned; its reduction is the columns already built.
    if (listKey !== null) top[listKey] = [];
    return reduceFeedWith<FeedColumns>(top, { ...COLUMNS, reduce: (_list, raw) => this.columns.finish(raw) });
  }

  /** One item of the list: a repository with its caches, a flat entry, or something without names. */
  private item(): void {
    const r = this.r;
    if (r.peek() !== OPEN_OBJECT) {
      r.skip();
      this.columns.skip();
      return;
    }
    let nested = false;
    this.fields((field) => {
      if (field !== F.List) return false;
      nested = true;
      if (r.peek() !== OPEN_ARRAY) return false;
      this.members(OPEN_ARRAY, CLOSE_ARRAY, () => {
        if (r.peek() !== OPEN_OBJECT) return r.skip();
        const e = this.columns.entry();
        // The entry's own object: its values replace the item's until it ends, so they are saved.
        const saved = this.values.slice();
        const seen = this.seen.slice();
        this.fields(() => false);
        this.figures(e);
        this.values.splice(0, FIELD_COUNT, ...saved);
        this.seen.set(seen);
        this.columns.pushEntry();
      });
      return true;
    });
    const v = this.values;
    const projectKey = this.seen[F.Project] ? (v[F.Project] as string | null) : null;
    const repoSlug = this.seen[F.Slug] ? (v[F.Slug] as string | null) : null;
    if (projectKey === null || repoSlug === null) this.columns.skip();
    else if (nested)
      this.columns.nestedItem(projectKey, repoSlug, this.figures({ size: 0, hits: 0, misses: 0, last: 0, kind: null, protocol: null, version: null }));
    else this.columns.flatItem(projectKey, repoSlug, this.figures(this.columns.entry()));
  }

  /** The figures of the object just read, NaN where it did not say. */
  private figures(e: EntryFigures): EntryFigures {
    const n = (f: F): number => (this.seen[f] ? ((this.values[f] as number | null) ?? Number.NaN) : Number.NaN);
    const t = <T>(f: F): T | null => (this.seen[f] ? (this.values[f] as T | null) : null);
    e.size = n(F.Size);
    e.hits = n(F.Hits);
    e.misses = n(F.Misses);
    e.last = n(F.Last);
    e.kind = t(F.Kind);
    e.protocol = t(F.Protocol);
    e.version = t(F.Version);
    return e;
  }

  /**
   * The known fields of the object at the reader, each parsed as the ordinary reading parses it;
   * `special` may take a field's value itself (the list) by answering true.
   */
  private fields(special: (field: F) => boolean): void {
    const r = this.r;
    this.seen.fill(0);
    this.members(OPEN_OBJECT, CLOSE_OBJECT, () => {
      if (r.peek() !== QUOTE) r.fail('expected a key');
      const start = r.pos;
      const end = r.stringEnd();
      const k = r.keyOf(KEYS, start, end);
      r.expect(COLON);
      if (k === undefined) return r.skip();
      if (k.field === F.Nested) r.fail(`"${k.name}" may hold nested names`);
      // With two names for one figure, which wins depends on the aliases' order: the ordinary reading decides.
      if (this.seen[k.field]) r.fail(`a second name for one figure ("${k.name}")`);
      this.seen[k.field] = 1;
      if (special(k.field)) return;
      this.values[k.field] = k.field === F.List ? null : PARSE[k.field]!(this.scalar());
    });
  }

  /** A value as JSON.parse gives it when it can matter (strings, numbers, literals); containers read as null, which every figure's reader refuses alike. */
  private scalar(): Json {
    const r = this.r;
    const b = r.peek();
    if (b === QUOTE) return r.string();
    const start = r.pos;
    r.skip();
    if (b === OPEN_OBJECT || b === OPEN_ARRAY) return null;
    const buf = this.buf;
    const end = r.pos;
    const len = end - start;
    if (len === 4 && buf.toString('latin1', start, end) === 'null') return null;
    if (len === 4 && buf.toString('latin1', start, end) === 'true') return true;
    if (len === 5 && buf.toString('latin1', start, end) === 'false') return false;
    // Whole numbers, the common case, without a string.
    if (len <= 15 && (buf[start] !== 0x30 || len === 1)) {
      let n = 0;
      let i = start;
      for (; i < end; i++) {
        const c = buf[i]! - 0x30;
        if (c < 0 || c > 9) break;
        n = n * 10 + c;
      }
      if (i === end) return n;
    }
    const text = buf.toString('latin1', start, end);
    if (!JSON_NUMBER.test(text)) {
      r.pos = start;
      r.fail('not a JSON value');
    }
    return Number(text);
  }
}

/** `GET /caches` from its bytes into columns; throws LeanJsonError where the ordinary reading must decide. */
export function scanFeed(buf: Buffer): ColumnFeed {
  return new FeedScanner(buf).top();
}

/** A body the client read with {@link scanFeedBody}; a body the scan refused comes back parsed instead. */
export class ScannedFeed {
  constructor(readonly feed: ColumnFeed) {}
}

/** The scan as the client's body reader (GetJsonOptions.read). */
export const scanFeedBody = (buf: Buffer): ScannedFeed => new ScannedFeed(scanFeed(buf));
