import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveFarm } from '../../../../electron/engine/mirrors/derive';
import type { NodeSyncData, SyncEntry, UpstreamRepo } from '../../../../electron/engine/mirrors/normalise-mirror';
import { SyncEntryTable } from '../../../../electron/engine/mirrors/sync-entry-table';
import { HASH, UpstreamTable } from '../../../../electron/engine/mirrors/upstream-table';

const T = 1_800_000_000_000;
/** Ids kept as numbers and ids kept as text (not a number's plain decimal text, or past 15 digits). */
const IDS = ['1', '2', '3', '4', '5', '6', '0', '01', '-1', '1e3', ' 7', 'x', '999999999999999', '1000000000000000', '9007199254740993', '4294967297'];
const ID = fc.constantFrom(...IDS);
/** Every id a table may hold, and ids it never holds ('7' beside ' 7', '1.0', ''). */
const PROBE_IDS = [...IDS, '7', '1.0', ''];
/** Hashes as normaliseUpstreamRepo keeps them (lower-case hex, 8–128 digits) and what a test or another caller may hold. */
const HASH_TEXT = fc.oneof(
  fc.constantFrom('a'.repeat(64), 'b'.repeat(64), `${'a'.repeat(63)}b`, 'ab'.repeat(20), 'abc', 'c', 'm', 'A'.repeat(64), 'f'.repeat(128), '00'),
  fc.uint8Array({ minLength: 1, maxLength: 40 }).map((b) => Buffer.from(b).toString('hex')),
);
const REPO = fc.record({
  id: ID,
  slug: fc.constantFrom<string | null>(null, 'repo-a', 'repo-b', '', 'repo-ab', 'répo', 'd\uD800x', '😀', 'repo'),
  projectKey: fc.constantFrom<string | null>(null, 'P', 'Q'),
  projectId: fc.constantFrom<string | null>(null, '10', '20'),
  content: fc.option(HASH_TEXT, { nil: null }),
  metadata: fc.option(HASH_TEXT, { nil: null }),
}) satisfies fc.Arbitrary<UpstreamRepo>;

/** What readUpstreamHashes kept before the table: a Map by id and the order, a repeated id at its first position with the later record. */
function reference(repos: readonly UpstreamRepo[]): Map<string, UpstreamRepo> {
  const map = new Map<string, UpstreamRepo>();
  for (const r of repos) map.set(r.id, { ...r, ordinal: map.get(r.id)?.ordinal ?? map.size });
  return map;
}

describe('the primary’s repositories in columns (UpstreamTable)', () => {
  it('property: answers every id, order and hash comparison as the Map of objects and strings it replaces', () => {
    fc.assert(
      fc.property(fc.array(REPO, { maxLength: 12 }), fc.array(fc.option(HASH_TEXT, { nil: null }), { maxLength: 6 }), (repos, probes) => {
        const table = UpstreamTable.of(repos.map((r) => ({ ...r })));
        const map = reference(repos);
        expect(table.size).toBe(map.size);
        expect([...table.keys()]).toEqual([...map.keys()]);
        expect([...table.values()]).toEqual([...map.values()]);
        for (const id of PROBE_IDS) {
          const want = map.get(id);
          expect(table.get(id)).toEqual(want);
          expect(table.has(id)).toBe(want !== undefined);
          const row = table.rowOf(id);
          if (want === undefined) {
            expect(row).toBe(-1);
            continue;
          }
          expect(table.hash(row, HASH.content)).toBe(want.content);
          for (const s of [null, '', 'repo', 'repo-a', 'repo-ab', 'répo', 'd\uD800x', '😀', want.slug]) expect(table.slugEquals(row, s)).toBe(want.slug === s);
          expect(table.hasHash(row, HASH.metadata)).toBe(want.metadata !== null);
          for (const q of [...probes, want.content, want.metadata]) {
            expect(table.hashEquals(row, HASH.content, q)).toBe(want.content === q);
            expect(table.hashEquals(row, HASH.metadata, q)).toBe(want.metadata === q);
          }
        }
        for (const pid of ['10', '20', '30']) {
          const first = [...map.values()].find((r) => r.projectId === pid && r.projectKey);
          expect(table.projectKeyOf(pid)).toBe(first?.projectKey ?? null);
        }
        // The slugs at once (an ASCII table's text cut, or each decoded) are each row's.
        for (let n = 0; n <= table.size; n++) expect(table.slugs(n)).toEqual([...map.values()].slice(0, n).map((r) => r.slug));
      }),
    );
  });

  it('gives the same slug column until a repository is added, and refuses a write to it', () => {
    const repo = (id: string, slug: string | null): UpstreamRepo => ({ id, slug, projectKey: 'P', projectId: '1', content: null, metadata: null });
    const table = UpstreamTable.of([repo('1', 'api'), repo('2', null), repo('3', 'web-ui')]);
    const first = table.slugs(3);
    expect(first).toEqual(['api', null, 'web-ui']);
    expect(table.slugs(3)).toBe(first);
    expect(() => {
      first[0] = 'changed';
    }).toThrow(TypeError);
    table.add(repo('4', 'répo'));
    expect(table.slugs(4)).toEqual(['api', null, 'web-ui', 'répo']);
    // A repository listed again with another slug: the later slug, in a new column.
    const before = table.slugs(4);
    table.add(repo('1', 'api-renamed'));
    expect(table.slugs(4)).not.toBe(before);
    expect(table.slugs(4)).toEqual(['api-renamed', null, 'web-ui', 'répo']);
  });

  it('property: once its sweep ended (releaseHashes), answers ids, slugs, projects and which hashes exist as before, and refuses hash values', () => {
    fc.assert(
      fc.property(fc.array(REPO, { maxLength: 12 }), (repos) => {
        const table = UpstreamTable.of(repos.map((r) => ({ ...r })));
        table.trim();
        const map = reference(repos);
        table.releaseHashes();
        expect(table.hashesReleased).toBe(true);
        expect(table.size).toBe(map.size);
        expect([...table.keys()]).toEqual([...map.keys()]);
        for (const id of PROBE_IDS) {
          const want = map.get(id);
          const row = table.rowOf(id);
          expect(row).toBe(want?.ordinal ?? -1);
          if (want === undefined) continue;
          expect(table.id(row)).toBe(id);
          expect(table.slug(row)).toBe(want.slug);
          expect(table.slugEquals(row, want.slug)).toBe(true);
          expect(table.projectKey(row)).toBe(want.projectKey);
          expect(table.projectId(row)).toBe(want.projectId);
          expect(table.hasHash(row, HASH.content)).toBe(want.content !== null);
          expect(table.hasHash(row, HASH.metadata)).toBe(want.metadata !== null);
          // No value is answered from bytes that are gone: not a false "equal", not a wrong hash.
          expect(() => table.hashEquals(row, HASH.content, want.content)).toThrow(/released/);
          expect(() => table.hash(row, HASH.metadata)).toThrow(/released/);
          expect(() => table.get(id)).toThrow(/released/);
        }
        expect(() => table.add({ id: 'new', slug: null, projectKey: null, projectId: null, content: null, metadata: null })).toThrow(/released/);
      }),
    );
  });

  it('property: finds every row of a long list as a Map by id does (the index grows and probes past collisions)', () => {
    const LONG_ID = fc.oneof(fc.nat(5000), fc.integer({ min: 0, max: 999_999_999_999_999 }), fc.constantFrom(2 ** 32, 2 ** 32 + 1, 2 ** 33)).map(String);
    fc.assert(
      fc.property(
        // Ids kept as text: not a number's plain decimal text, or too long to be one below 2 ** 53 exactly.
        fc.array(fc.oneof(LONG_ID, fc.constantFrom('x', '01', '', '-1', '1e3', '9999999999999999', '12345678901234567')), { minLength: 100, maxLength: 1500 }),
        fc.array(LONG_ID, { maxLength: 50 }),
        (ids, probes) => {
          const table = new UpstreamTable(1);
          const map = new Map<string, number>();
          for (const id of ids) {
            const row = table.add({ id, slug: `s${id}`, projectKey: null, projectId: null, content: null, metadata: null });
            if (!map.has(id)) map.set(id, map.size);
            expect(row).toBe(map.get(id));
          }
          for (const id of [...ids, ...probes]) {
            expect(table.rowOf(id)).toBe(map.get(id) ?? -1);
            if (map.has(id)) expect(table.slug(table.rowOf(id))).toBe(`s${id}`);
          }
          expect([...table.keys()]).toEqual([...map.keys()]);
          [...map.keys()].forEach((id, row) => expect(table.id(row)).toBe(id));
          expect(table.size).toBe(map.size);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('property: a farm derived from node tables on another list of the same sweep equals one derived from Maps', () => {
    const ENTRY = fc.record({
      repoId: fc.constantFrom('1', '2', '3', '4', '5', '6', '7'),
      slug: fc.constantFrom<string | null>(null, 'repo-a'),
      initialSyncAt: fc.constant(T - 1000),
      lastSyncAt: fc.option(fc.constant(T - 500), { nil: null }),
      failedSyncCount: fc.nat(2),
      content: fc.option(HASH_TEXT, { nil: null }),
      metadata: fc.option(HASH_TEXT, { nil: null }),
    }) satisfies fc.Arbitrary<SyncEntry>;
    fc.assert(
      fc.property(
        fc.array(REPO, { minLength: 1, maxLength: 8 }),
        fc.array(fc.array(ENTRY, { maxLength: 10 }), { minLength: 1, maxLength: 3 }),
        (repos, perNode) => {
          const table = UpstreamTable.of(repos);
          // The nodes' tables were read against an earlier list (the next sweep's hashes are already in).
          const earlier = UpstreamTable.of(repos);
          const derive = (upstream: UpstreamTable | Map<string, UpstreamRepo>, nodes: NodeSyncData[]) =>
            deriveFarm({
              now: T,
              upstream,
              upstreamProblem: null,
              selection: { mode: 'SELECTED_PROJECTS', projectIds: ['10'] },
              initialSyncRunning: false,
              delayed: new Set(['2']),
              queued: new Set(['4']),
              nodes,
              toleranceMs: 300_000,
              pendingSince: nodes.map(() => new Map([['6', T - 600_000]])),
            });
          const tables = (basis: UpstreamTable) =>
            perNode.map((entries): NodeSyncData => {
              const t = new SyncEntryTable(basis);
              entries.forEach((e) => t.add({ ...e }));
              return { ok: true, entries: t };
            });
          const asMaps = derive(
            reference(repos),
            perNode.map((entries) => ({ ok: true, entries: new Map(entries.map((e) => [e.repoId, { ...e }])) })),
          );
          for (const out of [derive(table, tables(table)), derive(table, tables(earlier))]) {
            expect(out.farm).toEqual(asMaps.farm);
            expect(out.perNode).toEqual(asMaps.perNode);
            expect(out.rows.toArray()).toEqual(asMaps.rows.toArray());
          }
        },
      ),
    );
  });
});
