import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diskGuardTripped, normaliseFeed, normaliseRepository } from '../../../../electron/engine/cache/cache-feed';
import { readEnabled, readProtocols, readTtl } from '../../../../electron/engine/cache/cache-values';
import { cacheCountersSchema, cacheEntrySchema, rawFieldSchema } from '../../../../shared/model/cache';

const RUNS = 1_000;
/** JSON as it comes off the wire: generated, serialised and parsed again. */
const wireJson = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown);

describe('scm-cache scalars', () => {
  it('reads bare, string and wrapped booleans, and keeps the wrapper’s other fields raw', () => {
    expect(readEnabled(true, 'e')).toEqual({ value: true, raw: [] });
    expect(readEnabled('FALSE', 'e').value).toBe(false);
    expect(readEnabled({ enabled: 'true', source: 'rest' }, 'e')).toEqual({ value: true, raw: [{ key: 'e.source', value: 'rest' }] });
    expect(readEnabled({ value: false }, 'e').value).toBe(false);
    expect(readEnabled('maybe', 'e')).toEqual({ value: null, raw: [{ key: 'e', value: 'maybe' }] });
    expect(readEnabled(1, 'e').value).toBeNull();
  });

  it('reads TTLs as whole non-negative seconds only', () => {
    expect(readTtl(14400, 't').value).toBe(14400);
    expect(readTtl(' 60 ', 't').value).toBe(60);
    expect(readTtl({ ttl: 3600, unit: 'SECONDS' }, 't')).toEqual({ value: 3600, raw: [{ key: 't.unit', value: 'SECONDS' }] });
    expect(readTtl(-5, 't').value).toBeNull();
    expect(readTtl(1.5, 't').value).toBeNull();
    expect(readTtl('1e3', 't').value).toBeNull();
    expect(readTtl(null, 't')).toEqual({ value: null, raw: [] });
  });

  it('reads protocol lists in every plausible encoding', () => {
    expect(readProtocols(['http', 'ssh'], 'p').value).toEqual({ http: true, ssh: true });
    expect(readProtocols(['HTTPS'], 'p').value).toEqual({ http: true, ssh: false });
    expect(readProtocols([], 'p').value).toEqual({ http: false, ssh: false });
    expect(readProtocols('http, ssh', 'p').value).toEqual({ http: true, ssh: true });
    expect(readProtocols({ protocols: ['SSH'], fallback: 'none' }, 'p')).toEqual({
      value: { http: false, ssh: true },
      raw: [{ key: 'p.fallback', value: 'none' }],
    });
    expect(readProtocols({ http: 'true', ssh: false }, 'p').value).toEqual({ http: true, ssh: false });
    expect(readProtocols(['git'], 'p').value).toBeNull();
    expect(readProtocols('', 'p').value).toBeNull();
  });

  it('reads any encoding of a boolean or a TTL back (property)', () => {
    const boolEncoding = fc.tuple(
      fc.boolean(),
      fc.constantFrom('bare', 'string', 'wrapped'),
      fc.constantFrom('enabled', 'value', 'status'),
      fc.dictionary(
        fc.string({ minLength: 1 }).filter((k) => !['enabled', 'value', 'status', 'state', 'active'].includes(k)),
        fc.string(),
      ),
    );
    fc.assert(
      fc.property(boolEncoding, ([b, how, wrapper, extra]) => {
        const scalar = how === 'string' ? (b ? 'True' : 'false') : b;
        const body = how === 'wrapped' ? { ...extra, [wrapper]: scalar } : scalar;
        const r = readEnabled(JSON.parse(JSON.stringify(body)), 'x');
        expect(r.value).toBe(b);
        if (how === 'wrapped')
          expect(r.raw.map((f) => f.key).sort()).toEqual(
            Object.keys(extra)
              .map((k) => `x.${k}`)
              .sort(),
          );
      }),
      { numRuns: RUNS },
    );
    fc.assert(
      fc.property(fc.nat({ max: 2 ** 31 - 1 }), fc.constantFrom('bare', 'string', 'ttl', 'value', 'seconds'), (ttl, how) => {
        const body = how === 'bare' ? ttl : how === 'string' ? String(ttl) : { [how]: ttl };
        expect(readTtl(body, 'x').value).toBe(ttl);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('scm-cache statistics', () => {
  it('reads the listing shape: totals, disk, repositories with their caches, unknown fields raw', () => {
    const feed = normaliseFeed({
      enabled: true,
      totalSize: 5368709120,
      hits: 90,
      misses: 10,
      freeSpace: 9e9,
      minimumFreeSpace: 8589934592,
      expiryCheckInterval: 300,
      repositories: [
        {
          projectKey: 'PLAT',
          repoSlug: 'payments-api',
          size: 734003200,
          hits: 1520,
          misses: 37,
          lastAccessed: 1717000000000,
          caches: [
            {
              type: 'upload-pack',
              protocol: 'http',
              gitProtocolVersion: 2,
              size: 734003200,
              hits: 1520,
              misses: 37,
              lastAccessed: 1717000000000,
              expiry: 1717014400000,
              shard: 3,
            },
          ],
        },
      ],
    });
    expect(feed.totals).toEqual({ size: 5368709120, hits: 90, misses: 10, hitRatio: 0.9 });
    expect(feed.active).toBe(true);
    expect(feed.freeBytes).toBe(9e9);
    expect(feed.minimumFreeBytes).toBe(8589934592);
    expect(feed.raw).toEqual([{ key: 'expiryCheckInterval', value: '300' }]);
    expect(feed.repositories).toHaveLength(1);
    const [repo] = feed.repositories!;
    expect(repo).toMatchObject({ projectKey: 'PLAT', repoSlug: 'payments-api', size: 734003200, hits: 1520, misses: 37, lastAccessed: 1717000000000 });
    expect(repo!.entries[0]).toEqual({
      kind: 'upload-pack',
      protocol: 'http',
      gitProtocolVersion: 2,
      size: 734003200,
      hits: 1520,
      misses: 37,
      lastAccessed: 1717000000000,
      expiresAt: 1717014400000,
      raw: [{ key: 'shard', value: '3' }],
    });
    expect(diskGuardTripped(feed, true)).toBe(false);
  });

  it('reads each repository of one list by its own field names, and keeps no nested list as raw text', () => {
    // Field names are resolved once per set of keys (issue 13): objects of other shapes must still be read by theirs.
    const feed = normaliseFeed({
      repositories: [
        { projectKey: 'A', repoSlug: 'one', size: 1, hits: 1, misses: 1, caches: [] },
        { projectKey: 'A', repoSlug: 'two', totalSize: 2, hitCount: 2, missCount: 2, caches: [{ type: 'refs', size: 2 }] },
        { projectKey: 'A', repoSlug: 'three', size: 3, hits: 3, misses: 3, caches: [], note: 'kept' },
        { project: { key: 'B' }, slug: 'four', bytes: 4, cacheHits: 4, cacheMisses: 4, entries: [] },
      ],
    });
    expect(feed.repositories!.map((r) => [r.projectKey, r.repoSlug, r.size, r.hits, r.misses, r.entries.length, r.raw])).toEqual([
      ['A', 'one', 1, 1, 1, 0, []],
      ['A', 'two', 2, 2, 2, 1, []],
      ['A', 'three', 3, 3, 3, 0, [{ key: 'note', value: 'kept' }]],
      ['B', 'four', 4, 4, 4, 0, []],
    ]);
  });

  it('reads the reference’s flat shape, grouping entries by repository', () => {
    const feed = normaliseFeed({
      enabled: true,
      caches: [
        { projectKey: 'PLAT', repoSlug: 'a', type: 'upload-pack', protocol: 'ssh', gitProtocolVersion: 1, size: 10, hits: 3, misses: 1 },
        { projectKey: 'PLAT', repoSlug: 'a', type: 'refs', protocol: 'ssh', gitProtocolVersion: 1, size: 1, hits: 5, misses: 5 },
        { project: { key: 'WEB' }, repository: { slug: 'b' }, type: 'clone', size: 7, hits: 0, misses: 2 },
        { note: 'no names' },
      ],
    });
    expect(feed.repositories!.map((r) => [r.projectKey, r.repoSlug, r.size, r.hits, r.misses, r.entries.length])).toEqual([
      ['PLAT', 'a', 11, 8, 6, 2],
      ['WEB', 'b', 7, 0, 2, 1],
    ]);
    expect(feed.totals).toEqual({ size: 18, hits: 8, misses: 8, hitRatio: 0.5 });
    expect(feed.raw).toContainEqual({ key: 'unnamed entries', value: expect.stringMatching(/^1 entries/) });
  });

  it('reads the older totals-by-kind shape under other names; repositories then come on demand', () => {
    const feed = normaliseFeed({
      enabled: false,
      size: '2048',
      hitCount: 30,
      missCount: 10,
      statistics: { 'ref-advertisement': { hitCount: 20, missCount: 5, size: 48 }, 'upload-pack': { hitCount: 10, missCount: 5, size: 2000 } },
      disabledReason: 'Free disk space below the minimum',
    });
    expect(feed.repositories).toBeNull();
    expect(feed.totals).toEqual({ size: 2048, hits: 30, misses: 10, hitRatio: 0.75 });
    expect(feed.byKind.refs).toEqual({ size: 48, hits: 20, misses: 5, hitRatio: 0.8 });
    expect(feed.byKind.uploadPack).toEqual({ size: 2000, hits: 10, misses: 5, hitRatio: 2 / 3 });
    expect(diskGuardTripped(feed, true)).toBe(true);
  });

  it('gives no hit ratio unless both counters exist, and no totals from an empty list', () => {
    expect(normaliseFeed({ hits: 5 }).totals).toEqual({ size: null, hits: 5, misses: null, hitRatio: null });
    expect(normaliseFeed({ hits: 0, misses: 0 }).totals.hitRatio).toBeNull();
    expect(normaliseFeed({ repositories: [] }).totals).toEqual({ size: null, hits: null, misses: null, hitRatio: null });
    expect(normaliseFeed({ repositories: [] }).repositories).toEqual([]);
    expect(diskGuardTripped(normaliseFeed({}), true)).toBeNull();
    expect(diskGuardTripped(normaliseFeed({ enabled: true }), true)).toBe(false);
  });

  it('keeps a body it cannot read as raw text instead of failing', () => {
    expect(normaliseFeed('Statistics are being rebuilt').raw).toEqual([{ key: 'caches', value: 'Statistics are being rebuilt' }]);
    expect(normaliseFeed(42).totals.hits).toBeNull();
    expect(normaliseFeed(null)).toMatchObject({ repositories: null, raw: [] });
    expect(normaliseRepository('gone', 'P', 'r')).toMatchObject({ projectKey: 'P', repoSlug: 'r', hits: null, raw: [{ key: 'body', value: 'gone' }] });
  });

  it('reads one repository with ISO dates, legacy names and v-prefixed protocol versions', () => {
    const repo = normaliseRepository(
      {
        projectKey: 'PAY',
        repoSlug: 'ledger',
        size: 5,
        hitCount: 4,
        missCount: 1,
        lastAccessDate: '2024-05-29T16:26:40.000Z',
        caches: [{ type: 'ref-advertisement', protocol: 'HTTP', protocolVersion: 'v1', hitCount: 4, missCount: 1 }],
      },
      'PAY',
      'ledger',
    );
    expect(repo).toMatchObject({ hits: 4, misses: 1, lastAccessed: Date.parse('2024-05-29T16:26:40.000Z'), raw: [] });
    expect(repo.entries[0]).toMatchObject({ kind: 'refs', protocol: 'http', gitProtocolVersion: 1, hits: 4, misses: 1, size: null });
  });

  it('never throws on arbitrary JSON and never invents figures (property)', () => {
    const finiteOrNull = (v: number | null) => v === null || (Number.isFinite(v) && v >= 0);
    fc.assert(
      fc.property(wireJson, (body) => {
        const feed = normaliseFeed(body);
        expect(cacheCountersSchema.parse(feed.totals)).toEqual(feed.totals);
        for (const c of [feed.totals, feed.byKind.refs, feed.byKind.uploadPack]) {
          if (!c) continue;
          expect([c.size, c.hits, c.misses].every(finiteOrNull)).toBe(true);
          if (c.hitRatio !== null) {
            expect(c.hits).not.toBeNull();
            expect(c.misses).not.toBeNull();
            expect(c.hitRatio).toBeGreaterThanOrEqual(0);
            expect(c.hitRatio).toBeLessThanOrEqual(1);
          }
        }
        for (const f of feed.raw) rawFieldSchema.parse(f);
        for (const r of feed.repositories ?? []) for (const e of r.entries) cacheEntrySchema.parse(e);
        normaliseRepository(body, 'P', 'r');
        readEnabled(body, 'e');
        readTtl(body, 't');
        readProtocols(body, 'p');
      }),
      { numRuns: RUNS },
    );
  });

  it('reads back any feed written with any aliases, encodings and extra fields (property)', () => {
    const count = fc.nat({ max: 10_000_000 });
    const entry = fc.record({
      kind: fc.constantFrom('refs', 'upload-pack'),
      protocol: fc.constantFrom('http', 'ssh'),
      version: fc.constantFrom(1, 2),
      size: count,
      hits: count,
      misses: count,
    });
    const repo = fc.record({
      project: fc.stringMatching(/^[A-Z]{2,6}$/),
      slug: fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/),
      entries: fc.array(entry, { minLength: 1, maxLength: 4 }),
    });
    const model = fc.record({
      hits: count,
      misses: count,
      size: count,
      free: count,
      minimum: count,
      repos: fc.uniqueArray(repo, { selector: (r) => `${r.project}/${r.slug}`, maxLength: 6 }),
      hitsKey: fc.constantFrom('hits', 'hitCount', 'cacheHits'),
      missesKey: fc.constantFrom('misses', 'missCount', 'cacheMisses'),
      sizeKey: fc.constantFrom('totalSize', 'size', 'totalBytes'),
      asStrings: fc.boolean(),
      flat: fc.boolean(),
      extra: fc.dictionary(fc.stringMatching(/^x[A-Za-z]{1,8}$/), fc.jsonValue(), { maxKeys: 3 }),
    });
    fc.assert(
      fc.property(model, (m) => {
        const n = (v: number) => (m.asStrings ? String(v) : v);
        const entryJson = (e: { kind: string; protocol: string; version: number; size: number; hits: number; misses: number }) => ({
          type: e.kind === 'refs' ? 'ref-advertisement' : 'upload-pack',
          protocol: e.protocol.toUpperCase(),
          gitProtocolVersion: m.asStrings ? `v${e.version}` : e.version,
          size: n(e.size),
          [m.hitsKey]: n(e.hits),
          [m.missesKey]: n(e.misses),
        });
        const list = m.flat
          ? m.repos.flatMap((r) => r.entries.map((e) => ({ projectKey: r.project, repoSlug: r.slug, ...entryJson(e) })))
          : m.repos.map((r) => ({ projectKey: r.project, repoSlug: r.slug, caches: r.entries.map(entryJson) }));
        const body = JSON.parse(
          JSON.stringify({
            ...m.extra,
            [m.hitsKey]: n(m.hits),
            [m.missesKey]: n(m.misses),
            [m.sizeKey]: n(m.size),
            freeSpace: n(m.free),
            minimumFreeSpace: n(m.minimum),
            caches: list,
          }),
        ) as unknown;
        const feed = normaliseFeed(body);
        expect(feed.totals).toEqual({ size: m.size, hits: m.hits, misses: m.misses, hitRatio: m.hits + m.misses > 0 ? m.hits / (m.hits + m.misses) : null });
        expect(feed.freeBytes).toBe(m.free);
        expect(diskGuardTripped(feed, true)).toBe(m.free < m.minimum);
        expect(feed.raw.map((r) => r.key).sort()).toEqual(Object.keys(m.extra).sort());
        expect(feed.repositories!.map((r) => `${r.projectKey}/${r.repoSlug}`)).toEqual(m.repos.map((r) => `${r.project}/${r.slug}`));
        feed.repositories!.forEach((r, i) => {
          const want = m.repos[i]!.entries;
          expect(r.hits).toBe(want.reduce((s, e) => s + e.hits, 0));
          expect(r.entries.map((e) => [e.kind, e.protocol, e.gitProtocolVersion, e.size, e.hits, e.misses])).toEqual(
            want.map((e) => [e.kind, e.protocol, e.version, e.size, e.hits, e.misses]),
          );
        });
      }),
      { numRuns: RUNS },
    );
  });
});
