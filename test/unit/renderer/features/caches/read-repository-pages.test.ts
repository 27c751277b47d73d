import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CacheRepositoryColumns } from '../../../../../shared/model/cache';
import { readRepositoryPages } from '../../../../../renderer/features/caches/read-repository-pages';

const table = (n: number, version: number): CacheRepositoryColumns => ({
  projectKey: Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 'PLAT' : 'WEB')),
  repoSlug: Array.from({ length: n }, (_, i) => `repo-${i}-v${version}`),
  size: Array.from({ length: n }, (_, i) => (i % 5 === 0 ? null : i * 1_000)),
  hits: Array.from({ length: n }, (_, i) => i * 10 + version),
  misses: Array.from({ length: n }, (_, i) => (i % 7 === 0 ? null : n - i)),
  lastAccessed: Array.from({ length: n }, (_, i) => 1_700_000_000_000 - i),
  entries: Array.from({ length: n }, (_, i) => i % 4),
});

const slice = (c: CacheRepositoryColumns, from: number, to: number): CacheRepositoryColumns => ({
  projectKey: c.projectKey.slice(from, to),
  repoSlug: c.repoSlug.slice(from, to),
  size: c.size.slice(from, to),
  hits: c.hits.slice(from, to),
  misses: c.misses.slice(from, to),
  lastAccessed: c.lastAccessed.slice(from, to),
  entries: c.entries.slice(from, to),
});

/** The engine's answer: `limit` rows from `offset` of the table at `version` (a new table after each change). */
function fakeEngine(n: number, versionAtCall: (call: number) => number) {
  const calls: { offset?: number | undefined; limit?: number | undefined }[] = [];
  const read = async (args: { primaryId: string; offset?: number | undefined; limit?: number | undefined }) => {
    const version = versionAtCall(calls.length);
    calls.push({ offset: args.offset, limit: args.limit });
    const offset = args.offset ?? 0;
    const whole = table(n, version);
    return { source: 'feed' as const, updatedAt: 1_000 + version, rows: slice(whole, offset, offset + (args.limit ?? n)) };
  };
  return { read, calls };
}

describe('reading the repository table in pages', () => {
  it('puts the pages together into the whole table, asking one page more when the last one was full', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 25 }), async (n, pageRows) => {
        const engine = fakeEngine(n, () => 0);
        const rows = await readRepositoryPages(engine.read, 'prod', pageRows);
        expect(rows).toEqual(table(n, 0));
        expect(engine.calls).toHaveLength(Math.floor(n / pageRows) + 1);
        expect(engine.calls.map((c) => c.offset)).toEqual(engine.calls.map((_, i) => i * pageRows));
      }),
    );
  });

  it('starts over when the table changed between two pages, and never mixes two tables', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 60 }), fc.integer({ min: 1, max: 10 }), fc.nat({ max: 20 }), async (n, pageRows, changeAt) => {
        // The table is rebuilt once, before call `changeAt`.
        const engine = fakeEngine(n, (call) => (call >= changeAt ? 1 : 0));
        const rows = await readRepositoryPages(engine.read, 'prod', pageRows);
        // A change before the last page was asked for is read whole; one after it is the next poll's.
        const pages = Math.floor(n / pageRows) + 1;
        expect(rows).toEqual(table(n, changeAt < pages ? 1 : 0));
      }),
    );
  });

  it('gives up, saying why, when the table changes under every read', async () => {
    const engine = fakeEngine(10, (call) => call);
    await expect(readRepositoryPages(engine.read, 'prod', 4)).rejects.toThrow(/changed while it was read, 3 times in a row; it is read again at the next poll/);
    expect(engine.calls).toHaveLength(6);
  });
});
