import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseFeed, type NormalisedFeed } from '../../../../electron/engine/cache/cache-feed';
import { CacheRateTracker } from '../../../../electron/engine/cache/cache-rates';
import { cell, reduceFeed, type ColumnFeed } from '../../../../electron/engine/cache/feed-columns';
import { scanFeed } from '../../../../electron/engine/cache/feed-scan';
import { LeanJsonError } from '../../../../electron/engine/http/lean-json';
import { cacheFeedBody } from '../../../../bench/helpers/cache-feed-gen';

const RUNS = 600;

/** A figure the statistics may carry: a count, a numeric string, an ISO date, or something unreadable. */
const figure = fc.oneof(
  fc.nat({ max: 1e9 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(null, true, '17', ' 42 ', '2024-05-29T16:26:40.000Z', 'soon', -3, 1.5e300),
  fc.constant({ nested: 1 }),
);
const names = fc.constantFrom('PAY', 'pay ', 'WEB', '', '  ', 'L\u00c9D"\\');
const slugs = fc.constantFrom('ledger', 'api', 'r\u00e9po', 'x/y');
/** Keys drawn from every alias list, so precedence, duplicates and unknown keys all occur. */
const entryKey = fc.constantFrom(
  'size',
  'totalSize',
  'bytes',
  'hits',
  'hitCount',
  'cacheHits',
  'misses',
  'missCount',
  'lastAccessed',
  'lastAccessDate',
  'type',
  'kind',
  'protocol',
  'transport',
  'gitProtocolVersion',
  'protocolVersion',
  'expiry',
  'xUnknown',
);
const entry = fc.dictionary(entryKey, fc.oneof(figure, fc.constantFrom('upload-pack', 'ref-advertisement', 'HTTP', 'ssh', 'v2', 1, 2)), { maxKeys: 8 });
const named = fc.record(
  { projectKey: names, repoSlug: slugs, project: fc.oneof(names, fc.record({ key: names })), repository: fc.record({ slug: slugs }) },
  { requiredKeys: [] },
);
const listKey = fc.constantFrom('repositories', 'caches', 'entries', 'values');
const item = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .tuple(named, entry, listKey, fc.oneof(fc.array(fc.oneof(entry, figure), { maxLength: 3 }), figure))
      .map(([n, own, k, list]) => ({ ...own, ...n, [k]: list })),
  },
  { weight: 2, arbitrary: fc.tuple(named, entry).map(([n, e]) => ({ ...e, ...n })) },
  { weight: 1, arbitrary: figure },
);
const feedBody = fc
  .tuple(
    fc.dictionary(
      fc.constantFrom('enabled', 'totalSize', 'hits', 'misses', 'freeSpace', 'minimumFreeSpace', 'disk', 'reason', 'statistics', 'xExtra'),
      figure,
      { maxKeys: 6 },
    ),
    fc.array(listKey, { minLength: 1, maxLength: 2 }),
    fc.array(item, { maxLength: 8 }),
    fc.boolean(),
  )
  .map(([top, keys, list, asArray]) => (asArray ? list : { ...top, ...Object.fromEntries(keys.map((k) => [k, list])) }));

/** What the columns must hold: the rows of normaliseFeed, column by column. */
function expected(feed: NormalisedFeed) {
  const { repositories, ...rest } = feed;
  return {
    ...rest,
    rows:
      repositories?.map((r) => ({
        projectKey: r.projectKey,
        repoSlug: r.repoSlug,
        size: r.size,
        hits: r.hits,
        misses: r.misses,
        lastAccessed: r.lastAccessed,
        entries: r.entries.length,
      })) ?? null,
  };
}

function actual(feed: ColumnFeed) {
  const { repositories: c, ...rest } = feed;
  return {
    ...rest,
    rows:
      c === null
        ? null
        : c.projectKey.map((projectKey, i) => ({
            projectKey,
            repoSlug: c.repoSlug[i],
            size: cell(c.size, i),
            hits: cell(c.hits, i),
            misses: cell(c.misses, i),
            lastAccessed: cell(c.lastAccessed, i),
            entries: c.entries[i],
          })),
  };
}

/** The per-interval samples two successive statistics give: the per-entry readings must agree too. */
function samples(a: NormalisedFeed | ColumnFeed, b: NormalisedFeed | ColumnFeed) {
  const t = new CacheRateTracker();
  t.update(1_000, a);
  return t.update(16_000, b);
}

describe('the statistics as columns', () => {
  it('hold what normaliseFeed gives for any body: totals, raw fields, repositories and per-entry readings (property)', () => {
    fc.assert(
      fc.property(feedBody, feedBody, (a, b) => {
        expect(actual(reduceFeed(a))).toEqual(expected(normaliseFeed(a)));
        expect(samples(reduceFeed(a), reduceFeed(b))).toEqual(samples(normaliseFeed(a), normaliseFeed(b)));
      }),
      { numRuns: RUNS },
    );
  });

  /** The scan of `text` equals the parsed path's reading, or the scan refuses it (then the client parses it). */
  const scansAsParsed = (text: string): void => {
    const parsed = JSON.parse(text) as unknown;
    let scanned: ColumnFeed;
    try {
      scanned = scanFeed(Buffer.from(text, 'utf8'));
    } catch (err) {
      // Refused: the client then parses the body, and the first property covers that reading.
      expect(err).toBeInstanceOf(LeanJsonError);
      return;
    }
    expect(actual(scanned)).toEqual(expected(normaliseFeed(parsed)));
    expect(samples(scanned, scanned)).toEqual(samples(normaliseFeed(parsed), normaliseFeed(parsed)));
  };

  it('are the same read from the bytes as from JSON.parse, compact or pretty-printed, for any body (property)', () => {
    fc.assert(
      fc.property(fc.oneof(feedBody, fc.jsonValue()), fc.boolean(), (body, pretty) => {
        const text = JSON.stringify(body, null, pretty ? 2 : undefined);
        scansAsParsed(text);
      }),
      { numRuns: RUNS },
    );
  });

  it('reads escaped letters as the plain ones: keys, interned project keys and slugs, and repositories listed twice (property)', () => {
    // Letters that JSON writes only inside strings, so escaping them keeps the text valid JSON.
    const escapable = /[PWgiopxyd]/g;
    fc.assert(
      fc.property(feedBody, fc.nat(), (body, seed) => {
        let n = seed;
        const text = JSON.stringify(body).replace(escapable, (c) =>
          (n = (n * 1_103_515_245 + 12_345) % 2_147_483_648) % 3 === 0 ? `\\u00${c.charCodeAt(0).toString(16)}` : c,
        );
        scansAsParsed(text);
      }),
      { numRuns: RUNS },
    );
  });

  it('are the same scanned with the last read’s slugs to reuse as without, whatever those slugs are (property)', () => {
    // The last read's slugs: another body's, this body's own (reused at their rows), or this
    // body's with one letter changed (same length, different text).
    // Bodies the scan takes (plain names; a repository may be listed twice), and any body.
    const plainBody = fc
      .array(fc.record({ projectKey: fc.constantFrom('PAY', 'WEB'), repoSlug: fc.constantFrom('ab', 'ac', 'b', 'r\u00e9po', ' x'), hits: fc.nat(9) }), {
        maxLength: 8,
      })
      .map((repositories) => ({ repositories }));
    const body = fc.oneof(plainBody, feedBody);
    fc.assert(
      fc.property(body, body, fc.constantFrom('other', 'same', 'changed'), fc.nat(), (body, other, which, k) => {
        const buf = Buffer.from(JSON.stringify(body), 'utf8');
        let plain: ColumnFeed;
        try {
          plain = scanFeed(buf);
        } catch (err) {
          expect(err).toBeInstanceOf(LeanJsonError);
          return;
        }
        let previous: string[] = [...(plain.repositories?.repoSlug ?? [])];
        if (which === 'other') {
          try {
            previous = [...(scanFeed(Buffer.from(JSON.stringify(other), 'utf8')).repositories?.repoSlug ?? [])];
          } catch {
            previous = [];
          }
        } else if (which === 'changed' && previous.length > 0) {
          const i = k % previous.length;
          const s = previous[i]!;
          previous[i] = s.slice(0, -1) + (s.endsWith('x') ? 'y' : 'x');
        }
        expect(actual(scanFeed(buf, previous))).toEqual(actual(plain));
      }),
      { numRuns: RUNS },
    );
  });

  it('scans the body the plugin sends (as the demo shapes it) without falling back, escapes, a byte-order mark and spaces included', () => {
    const buf = cacheFeedBody(2_000, 7);
    const parsed = JSON.parse(buf.toString('utf8')) as unknown;
    expect(actual(scanFeed(buf))).toEqual(expected(normaliseFeed(parsed)));
    const odd = {
      enabled: true,
      hits: 3,
      misses: 1,
      'x"y': [1, { a: '}' }],
      caches: [{ projectKey: 'P\u00c9', repoSlug: 'a"b', size: 1.5e3, hits: 2, misses: 0, lastAccessed: '2024-05-29T16:26:40Z', caches: [] }],
    };
    const text = '\ufeff' + JSON.stringify(odd, null, 3);
    expect(actual(scanFeed(Buffer.from(text, 'utf8')))).toEqual(expected(normaliseFeed(JSON.parse(text.slice(1)))));
  });

  it('refuses what it does not read the ordinary way: a list at the top, two names for one figure, nested names, bad numbers', () => {
    const bad = [
      '[]',
      '{"caches":[{"projectKey":"P","repoSlug":"r","size":1,"totalSize":2,"caches":[]}]}',
      '{"caches":[{"project":{"key":"P"},"repoSlug":"r","caches":[]}]}',
      '{"caches":[],"repositories":[]}',
      '{"caches":[{"projectKey":"P","repoSlug":"r","size":01,"caches":[]}]}',
      '{"caches":[{"projectKey":"P"',
      '{"hits":1} x',
    ];
    for (const text of bad) expect(() => scanFeed(Buffer.from(text)), text).toThrow(LeanJsonError);
  });
});
