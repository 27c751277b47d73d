import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveFarm } from '../../../../electron/engine/mirrors/derive';
import type { NodeSyncData, SyncEntry, UpstreamRepo } from '../../../../electron/engine/mirrors/normalise-mirror';
import { SyncEntryTable } from '../../../../electron/engine/mirrors/sync-entry-table';
import { HASH, UpstreamTable } from '../../../../electron/engine/mirrors/upstream-table';

const T = 1_800_000_000_000;
const h = (n: number): string => n.toString(16).padStart(64, '0');

/** The primary's list as `readUpstreamHashes` builds it: in order, a repository listed twice at its first row. */
function upstreamList(ids: readonly string[], project: (id: string) => string): UpstreamTable {
  return UpstreamTable.of(
    ids.map((id): UpstreamRepo => ({ id, slug: `repo-${id}`, projectKey: 'P', projectId: project(id), content: h(Number(id)), metadata: h(1000) })),
  );
}

const ID = fc.constantFrom('1', '2', '3', '4', '5', '6', '7', '8');
/** Entries as nodes send them: ids the primary lists or not, repeated, hashes equal to the primary's or not, or missing. */
const ENTRY = fc.record({
  repoId: ID,
  slug: fc.constantFrom<string | null>(null, 'repo-1', 'repo-2', 'renamed'),
  initialSyncAt: fc.option(
    fc.integer({ min: 0, max: 1e6 }).map((n) => T - n),
    { nil: null },
  ),
  lastSyncAt: fc.option(
    fc.integer({ min: 0, max: 1e6 }).map((n) => T - n),
    { nil: null },
  ),
  failedSyncCount: fc.nat(5),
  content: fc.option(fc.integer({ min: 0, max: 9 }).map(h), { nil: null }),
  metadata: fc.option(fc.constantFrom(h(1000), h(1001)), { nil: null }),
}) satisfies fc.Arbitrary<SyncEntry>;

describe('one node’s entries in columns (SyncEntryTable)', () => {
  it('property: answers every id exactly as a Map of the same entries does', () => {
    fc.assert(
      fc.property(fc.array(ID, { maxLength: 8 }), fc.array(ENTRY, { maxLength: 30 }), fc.boolean(), (listed, entries, withBasis) => {
        const basis = withBasis ? upstreamList(listed, () => '10') : null;
        const table = new SyncEntryTable(basis);
        const map = new Map<string, SyncEntry>();
        for (const e of entries) {
          table.add({ ...e });
          map.set(e.repoId, { ...e });
        }
        expect(table.size).toBe(map.size);
        expect(new Set(table.keys())).toEqual(new Set(map.keys()));
        for (const id of ['1', '2', '3', '4', '5', '6', '7', '8', 'x']) {
          const e = map.get(id);
          expect(table.get(id)).toEqual(e);
          // Without the primary's list to compare with (its hashes could not be read), as the entry says, and nothing equal.
          expect({ ...table.facts(id, null, -1) }).toEqual({
            present: e !== undefined,
            failedSyncCount: e?.failedSyncCount ?? 0,
            contentNull: (e?.content ?? null) === null,
            metadataNull: (e?.metadata ?? null) === null,
            contentEqual: false,
            metadataEqual: false,
          });
        }
      }),
    );
  });

  it('property: a farm derived from tables equals the farm derived from Maps of the same entries', () => {
    fc.assert(
      fc.property(
        fc.array(ID, { minLength: 1, maxLength: 8 }),
        fc.array(fc.array(ENTRY, { maxLength: 20 }), { minLength: 1, maxLength: 3 }),
        fc.array(ID, { maxLength: 4 }),
        fc.boolean(),
        (listed, perNode, later, released) => {
          const basis = upstreamList(listed, (id) => (Number(id) % 2 === 0 ? '10' : '20'));
          const derive = (nodes: NodeSyncData[], upstream: UpstreamTable | null = basis) =>
            deriveFarm({
              now: T,
              upstream,
              upstreamProblem: upstream === null ? 'the hashes could not be read' : null,
              selection: { mode: 'SELECTED_PROJECTS', projectIds: ['10'] },
              initialSyncRunning: false,
              delayed: new Set(['2']),
              queued: new Set(['4']),
              nodes,
              toleranceMs: 300_000,
              pendingSince: nodes.map(() => new Map([['6', T - 600_000]])),
            });
          const tables = perNode.map((entries): NodeSyncData => {
            const t = new SyncEntryTable(basis);
            entries.forEach((e) => t.add({ ...e }));
            return { ok: true, entries: t };
          });
          // Repositories the list gains after the nodes' tables were made (rows past their base, where
          // a table keeps the entries of repositories the list lacks), none of which a node holds.
          const held = new Set(perNode.flat().map((e) => e.repoId));
          // The Maps are compared with a list of the same repositories whose hashes stay.
          const kept = upstreamList(listed, (id) => (Number(id) % 2 === 0 ? '10' : '20'));
          for (const id of later.filter((id) => !held.has(id)))
            for (const list of [basis, kept]) list.add({ id, slug: `repo-${id}`, projectKey: 'P', projectId: '10', content: h(Number(id)), metadata: h(1000) });
          // The sweep ended: the list's hash values are gone, the tables' comparisons stay.
          if (released) basis.releaseHashes();
          const maps = (): NodeSyncData[] => perNode.map((entries) => ({ ok: true, entries: new Map(entries.map((e) => [e.repoId, { ...e }])) }));
          // With the primary's list, and without one (its hashes could not be read: nothing equals).
          for (const [upstream, reference] of [
            [basis, kept],
            [null, null],
          ] as const) {
            const asTables = derive(tables, upstream);
            const asMaps = derive(maps(), reference);
            expect(asTables.farm).toEqual(asMaps.farm);
            expect(asTables.perNode).toEqual(asMaps.perNode);
            expect(asTables.lagSeconds).toBe(asMaps.lagSeconds);
            const byId = (rows: ReturnType<typeof asMaps.rows.toArray>) => new Map(rows.map((r) => [r.repoId, r]));
            expect(byId(asTables.rows.toArray())).toEqual(byId(asMaps.rows.toArray()));
          }
        },
      ),
    );
  });

  it('keeps a repository the primary lists as its flags only, and a differing hash beside it', () => {
    const basis = upstreamList(['1', '2'], () => '10');
    const table = new SyncEntryTable(basis);
    const inSync: SyncEntry = { repoId: '1', slug: 'repo-1', initialSyncAt: T, lastSyncAt: T, failedSyncCount: 0, content: h(1), metadata: h(1000) };
    table.add(inSync);
    table.add({ ...inSync, repoId: '2', slug: 'repo-2', content: h(9), failedSyncCount: 2, lastSyncAt: null });
    table.add({ ...inSync, repoId: '77', slug: 'only-on-the-node' });
    // An entry equal to the primary's is given the primary's hash back.
    expect(table.get('1')!.content).toBe(basis.hash(0, HASH.content));
    expect(table.get('2')).toEqual({ repoId: '2', slug: 'repo-2', initialSyncAt: T, lastSyncAt: null, failedSyncCount: 2, content: h(9), metadata: h(1000) });
    expect(table.get('77')!.slug).toBe('only-on-the-node');
    expect([...table.keys()]).toEqual(['1', '2', '77']);
    expect(table.size).toBe(3);
  });

  it('property: dates and counts of any spread read back as stored (narrow columns, and once widened)', () => {
    // Dates near one another (kept as 32-bit offsets), far apart (±24.8 days and more: the column
    // widens), fractional, huge or null; counts a byte or more, negative or fractional as a
    // Uint32 column kept them.
    const DATE = fc.option(
      fc.oneof(
        fc.integer({ min: -1e6, max: 1e6 }).map((n) => T + n),
        fc.integer({ min: -4e9, max: 4e9 }).map((n) => T + n),
        fc.constantFrom(T + 0.5, 2 ** 53 + 2, 0, -0, 2 ** 31, -(2 ** 31)),
      ),
      { nil: null },
    );
    const COUNT = fc.oneof(fc.nat(300), fc.constantFrom(255, 256, 2 ** 32, 2 ** 32 + 5, -1, 2.5));
    fc.assert(
      fc.property(
        fc.array(ID, { maxLength: 8 }),
        fc.array(fc.record({ repoId: ID, initialSyncAt: DATE, lastSyncAt: DATE, failedSyncCount: COUNT }), { maxLength: 40 }),
        (listed, cells) => {
          const table = new SyncEntryTable(upstreamList(listed, () => '10'));
          const map = new Map<string, SyncEntry>();
          for (const c of cells) {
            const e: SyncEntry = { ...c, slug: null, content: null, metadata: null };
            table.add({ ...e });
            map.set(e.repoId, { ...e, failedSyncCount: new Uint32Array([Math.min(e.failedSyncCount, 0xffffffff)])[0]! });
          }
          for (const id of ['1', '2', '3', '4', '5', '6', '7', '8']) {
            const got = table.get(id);
            const want = map.get(id);
            expect(got).toEqual(want);
            // toEqual takes -0 for 0; the column must not.
            if (got && want)
              expect([got.initialSyncAt, got.lastSyncAt].map((d) => Object.is(d, -0))).toEqual(
                [want.initialSyncAt, want.lastSyncAt].map((d) => Object.is(d, -0)),
              );
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
