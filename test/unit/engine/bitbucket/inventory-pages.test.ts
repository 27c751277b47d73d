import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INVENTORY_PAGE, inventoryFold } from '../../../../electron/engine/bitbucket/inventory';
import { inventoryPages, type InventoryAnswer } from '../../../../electron/engine/bitbucket/inventory-pages';
import { eachInInventory, InventoryTable } from '../../../../electron/engine/bitbucket/inventory-table';
import { countRepositories } from '../../../../electron/engine/bitbucket/normalise';
import { leanJson, LeanJsonError } from '../../../../electron/engine/http/lean-json';

const text = fc.oneof(
  fc.constantFrom('web-ui', 'Web UI', 'Plat\u00e9forme', '\u4e2d\u6587', 'emoji-\u{1f680}', 'lone-\ud800', 'q"uote', 'back\\slash', ''),
  fc.string({ maxLength: 10 }),
);
const scalar = fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null));
const repo = fc.record(
  {
    id: fc.oneof(fc.nat(1e9), fc.constantFrom<unknown>('007', 'PLAT/x', 2 ** 53 + 2, -1)),
    slug: fc.oneof(text, scalar),
    name: fc.oneof(text, scalar),
    state: fc.oneof(fc.constantFrom('AVAILABLE', 'offline', 'INITIALISING', 'INITIALISATION_FAILED', 'OFFLINE', 'GONE'), scalar),
    archived: fc.oneof(fc.boolean(), scalar),
    project: fc.oneof(
      fc.record(
        { key: fc.oneof(fc.constantFrom('PLAT', 'W\u00c9B'), scalar), id: fc.oneof(fc.nat(9), scalar), name: fc.oneof(text, scalar) },
        { requiredKeys: [] },
      ),
      scalar,
    ),
    links: fc.constant({ clone: [{ href: 'https://x/scm/p/r.git', name: 'http' }] }),
  },
  { requiredKeys: ['slug'] },
);
const entry = fc.oneof({ weight: 8, arbitrary: repo }, scalar);
const page = fc.record({
  values: fc.array(entry, { maxLength: 12 }),
  isLastPage: fc.boolean(),
  nextPageStart: fc.nat(50),
  start: fc.nat(50),
});
/** Bytes the walk would refuse or cannot lean-read: the thread must hand each back untouched. */
const odd = fc.oneof(
  fc.constantFrom(
    '{"values":5,"isLastPage":true}',
    '{"values":[],"isLastPage":"no"}',
    '{"values":[],"isLastPage":false}',
    '{"values":[],"isLastPage":false,"nextPageStart":0}',
  ),
  fc.constantFrom('<html>Log in</html>', '{"values":[{"id":1', '[]', 'null', '{"values":[]} x', '{"values":[], "isLastPage": true}'),
);

const answerOf = (handle: ReturnType<typeof inventoryPages>, m: Parameters<ReturnType<typeof inventoryPages>>[0]): InventoryAnswer => {
  const { answer, transfer } = handle(m);
  // As a thread would get it: a structured clone, with the columns' memory moved.
  return structuredClone(answer, { transfer });
};

/** What the walk would do with a page of bytes at `start`: its lean read when it takes it as it is, else null. */
function walkTakes(bytes: Buffer, start: number): { values: unknown[]; isLastPage: boolean; nextPageStart: unknown } | null {
  let v: unknown;
  try {
    v = leanJson(bytes, INVENTORY_PAGE);
  } catch (err) {
    if (err instanceof LeanJsonError) return null;
    throw err;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const p = v as { values?: unknown; isLastPage?: unknown; nextPageStart?: unknown };
  if (!Array.isArray(p.values) || typeof p.isLastPage !== 'boolean') return null;
  if (!p.isLastPage && !(typeof p.nextPageStart === 'number' && Number.isInteger(p.nextPageStart) && p.nextPageStart > start)) return null;
  return { values: p.values, isLastPage: p.isLastPage, nextPageStart: p.nextPageStart };
}

const columnsOf = (t: InventoryTable) => {
  const out: string[][] = [];
  eachInInventory(t, (...c) => out.push(c));
  return out;
};

describe('the inventory reader thread’s work (inventory-pages.ts), run in one thread', () => {
  it('property: folds the pages the walk takes into the table and counts the walk would make, and hands every other page back as it came', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            { weight: 4, arbitrary: page.map((p) => ({ p, odd: null })) },
            odd.map((o) => ({ p: null, odd: o })),
          ),
          { maxLength: 6 },
        ),
        (pages) => {
          const handle = inventoryPages();
          const reference = inventoryFold();
          for (const [i, { p, odd: o }] of pages.entries()) {
            const bytes = Buffer.from(p ? JSON.stringify(p) : o!, 'utf8');
            const start = p?.start ?? 0;
            const taken = walkTakes(bytes, start);
            const copy = Uint8Array.from(bytes);
            const a = answerOf(handle, { type: 'page', walk: 7, body: copy, start });
            if (taken === null) {
              expect(a.type).toBe('refused');
              expect(Buffer.from((a as { body: Uint8Array }).body)).toEqual(bytes);
              // A page read on the engine's thread instead is folded there as values, in order.
              const parsed = p ? (JSON.parse(bytes.toString()) as { values?: unknown }).values : undefined;
              if (Array.isArray(parsed) && i % 2 === 0) {
                expect(answerOf(handle, { type: 'values', walk: 7, values: parsed }).type).toBe('done');
                reference.page(parsed);
              }
            } else {
              expect(a).toEqual({ type: 'page', isLastPage: taken.isLastPage, nextPageStart: taken.nextPageStart });
              reference.page(taken.values);
            }
          }
          const end = answerOf(handle, { type: 'end', walk: 7 });
          if (end.type !== 'end') throw new Error(`expected the end, got ${end.type}`);
          const table = InventoryTable.fromColumns(end.columns);
          expect(table.toArray()).toEqual(reference.repos);
          expect(columnsOf(table)).toEqual(columnsOf(reference.table));
          expect(end.counts).toEqual(reference.counts());
          // Rows keep being found by project and slug after the move.
          for (const r of reference.repos.slice(0, 3)) {
            const match = (k: string, s: string | null) => k === r.projectKey && (s === null || s === r.slug);
            expect(table.find(match)).toEqual(reference.table.find(match));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: a page whose bytes the last ended walk of the same key read is not read again, and every walk ends with the table and counts of reading all its pages', () => {
    // `gz`: the page comes as gzip (content-encoding.ts), read by the bytes as received.
    const step = fc.record({ page: fc.nat(), start: fc.nat(50), gz: fc.boolean() });
    const walk = fc.record({ key: fc.constantFrom('a', 'b', undefined), steps: fc.array(step, { maxLength: 6 }), drop: fc.boolean() });
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            { weight: 6, arbitrary: page.map((p) => JSON.stringify(p)) },
            odd.map((o) => o),
          ),
          { minLength: 1, maxLength: 5 },
        ),
        fc.array(walk, { minLength: 1, maxLength: 5 }),
        (pool, walks) => {
          const handle = inventoryPages();
          // The engine keeps reading each table it got while the thread walks on (and may share its memory).
          const got: { table: InventoryTable; repos: unknown[]; columns: string[][] }[] = [];
          for (const [n, w] of walks.entries()) {
            const reference = inventoryFold();
            const all: unknown[] = [];
            for (const { page: i, start, gz } of w.steps) {
              const bytes = Buffer.from(pool[i % pool.length]!, 'utf8');
              const taken = walkTakes(bytes, start);
              const body = Uint8Array.from(gz ? gzipSync(bytes) : bytes);
              const a = answerOf(handle, { type: 'page', walk: n, body, start, key: w.key, encoding: gz ? 'gzip' : null, maxBytes: bytes.length });
              if (taken === null) {
                // Handed back inflated, to be read on the engine's thread.
                expect(a).toMatchObject({ type: 'refused', encoding: null });
                expect(Buffer.from((a as { body: Uint8Array }).body)).toEqual(bytes);
              } else {
                expect(a).toEqual({ type: 'page', isLastPage: taken.isLastPage, nextPageStart: taken.nextPageStart });
                reference.page(taken.values);
                all.push(...taken.values);
              }
            }
            if (w.drop) {
              expect(answerOf(handle, { type: 'drop', walk: n })).toEqual({ type: 'done' });
              continue;
            }
            const end = answerOf(handle, { type: 'end', walk: n, key: w.key });
            if (end.type !== 'end') throw new Error(`expected the end, got ${end.type}`);
            const table = InventoryTable.fromColumns(end.columns);
            expect(table.toArray()).toEqual(reference.repos);
            expect(columnsOf(table)).toEqual(columnsOf(reference.table));
            // Counted one repository at a time, as without pages (the fold merges each page's tally).
            expect(end.counts).toEqual(countRepositories(all));
            got.push({ table, repos: reference.repos, columns: columnsOf(reference.table) });
          }
          for (const g of got) {
            expect(g.table.toArray()).toEqual(g.repos);
            expect(columnsOf(g.table)).toEqual(g.columns);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('inflates a gzip page to at most its cap, hands back as sent one that does not inflate or is too large, and knows an unchanged one without inflating it', () => {
    const handle = inventoryPages();
    const plain = Buffer.from(JSON.stringify({ values: [{ slug: 'a', project: { key: 'P' } }], isLastPage: false, nextPageStart: 1000 }));
    const gz = gzipSync(plain);
    const page = (walk: number, body: Uint8Array, maxBytes: number) =>
      answerOf(handle, { type: 'page', walk, body: Uint8Array.from(body), start: 0, key: 'k', encoding: 'gzip', maxBytes });
    // One byte short of the page: refused still compressed, for the engine to say it is too large.
    const short = page(1, gz, plain.length - 1);
    expect(short).toMatchObject({ type: 'refused', encoding: 'gzip' });
    expect(Buffer.from((short as { body: Uint8Array }).body)).toEqual(gz);
    const cut = page(1, gz.subarray(0, gz.length - 8), plain.length);
    expect(cut).toMatchObject({ type: 'refused', encoding: 'gzip' });
    expect(Buffer.from((cut as { body: Uint8Array }).body)).toEqual(gz.subarray(0, gz.length - 8));
    expect(page(1, gz, plain.length)).toEqual({ type: 'page', isLastPage: false, nextPageStart: 1000 });
    expect(answerOf(handle, { type: 'end', walk: 1, key: 'k' }).type).toBe('end');
    // The same gzip bytes in the next walk: known by them, so a cap it could not inflate under does not matter.
    expect(page(2, gz, 1)).toEqual({ type: 'page', isLastPage: false, nextPageStart: 1000 });
    const end = answerOf(handle, { type: 'end', walk: 2, key: 'k' });
    if (end.type !== 'end') throw new Error(`expected the end, got ${end.type}`);
    expect(InventoryTable.fromColumns(end.columns).toArray()).toMatchObject([{ slug: 'a', projectKey: 'P' }]);
  });

  it('gives the engine the table it keeps for the next walk of the same key, in shared memory rather than a copy, and the same table again for unchanged pages', () => {
    const handle = inventoryPages();
    const body = (slug = 'a') => Uint8Array.from(Buffer.from(JSON.stringify({ values: [{ id: 1, slug, project: { key: 'P' } }], isLastPage: true })));
    const memory: unknown[] = [];
    for (const [walk, slug] of [
      [1, 'a'],
      [2, 'a'],
      [3, 'b'],
    ] as const) {
      handle({ type: 'page', walk, body: body(slug), start: 0, key: 'primary' });
      const { answer, transfer } = handle({ type: 'end', walk, key: 'primary' });
      if (answer.type !== 'end') throw new Error(`expected the end, got ${answer.type}`);
      memory.push(answer.columns.ids.buffer);
      expect(transfer).toEqual([]);
      for (const column of [answer.columns.ids, answer.columns.projects, answer.columns.flags, answer.columns.ends, answer.columns.text]) {
        expect(column.buffer).toBeInstanceOf(SharedArrayBuffer);
      }
      // Trimmed to its rows: no room left from growing.
      expect([answer.columns.ids.length, answer.columns.text.length]).toEqual([1, 1]);
    }
    // The second walk read the first's pages in order: no new table. The third's page differs.
    expect(memory[1]).toBe(memory[0]);
    expect(memory[2]).not.toBe(memory[1]);
    // A walk without a key keeps nothing, so its table moves as it is.
    handle({ type: 'page', walk: 4, body: body(), start: 0 });
    const { transfer } = handle({ type: 'end', walk: 4 });
    expect(transfer.length).toBe(5);
  });

  it('keeps walks apart and forgets a dropped one', () => {
    const handle = inventoryPages();
    const bytes = (slug: string) => Uint8Array.from(Buffer.from(JSON.stringify({ values: [{ slug, project: { key: 'P' } }], isLastPage: true })));
    answerOf(handle, { type: 'page', walk: 1, body: bytes('a'), start: 0 });
    answerOf(handle, { type: 'page', walk: 2, body: bytes('b'), start: 0 });
    expect(answerOf(handle, { type: 'drop', walk: 1 })).toEqual({ type: 'done' });
    const two = answerOf(handle, { type: 'end', walk: 2 });
    const one = answerOf(handle, { type: 'end', walk: 1 });
    if (two.type !== 'end' || one.type !== 'end') throw new Error('expected the end');
    expect(
      InventoryTable.fromColumns(two.columns)
        .toArray()
        .map((r) => r.slug),
    ).toEqual(['b']);
    expect(InventoryTable.fromColumns(one.columns).length).toBe(0);
  });
});
