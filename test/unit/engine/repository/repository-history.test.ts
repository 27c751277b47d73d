import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  lagSamples,
  MAX_REPOS_PER_POLL,
  readRepositoryHistory,
  RepoLookupTracker,
  repoCacheTarget,
} from '../../../../electron/engine/repository/repository-history';
import { openHistoryStore, type HistoryStore } from '../../../../electron/engine/store/history-store';

let store: HistoryStore | null = null;
afterEach(() => {
  store?.close();
  store = null;
});

const MIN = 60_000;
const repo = (repoSlug: string, hits: number, misses: number) => ({ projectKey: 'WEB', repoSlug, hits, misses });
const poll = (s: HistoryStore, targetId: string, at: number, status: 'up' | 'down' = 'up') =>
  s.recordPoll({ targetId, at, status, durationMs: 5, error: null, figures: {} });

describe('RepoLookupTracker', () => {
  it('writes only repositories with lookups since the last poll, and counts again from zero after a clear', () => {
    const t = new RepoLookupTracker('prod');
    expect(t.samples([repo('web-ui', 10, 2), repo('api', 5, 5)])).toEqual([]);
    const target = repoCacheTarget('prod', 'WEB', 'web-ui');
    expect(t.samples([repo('web-ui', 14, 3), repo('api', 5, 5)])).toEqual([
      [target, 'repo.hits', 4],
      [target, 'repo.misses', 1],
    ]);
    // Cleared: the counters went down, what they say now was counted since.
    expect(t.samples([repo('web-ui', 1, 0), repo('api', 5, 5)])).toEqual([
      [target, 'repo.hits', 1],
      [target, 'repo.misses', 0],
    ]);
  });

  it('answers as if it kept every repository, though it keeps none never looked up (property)', () => {
    // The reference keeps every repository's last counts; the tracker drops those at 0 and 0 (issue 13).
    const reference = (polls: Array<Array<{ repoSlug: string; hits: number; misses: number }>>) => {
      let last: Map<string, { hits: number; misses: number }> | null = null;
      return polls.map((repos) => {
        const next = new Map(repos.map((r) => [r.repoSlug, r]));
        const before = last;
        last = next;
        if (!before) return [];
        return repos.flatMap((r) => {
          const b = before.get(r.repoSlug);
          const hits = b && r.hits >= b.hits ? r.hits - b.hits : r.hits;
          const misses = b && r.misses >= b.misses ? r.misses - b.misses : r.misses;
          const target = repoCacheTarget('prod', 'WEB', r.repoSlug);
          return hits + misses > 0 ? [[target, 'repo.hits', hits] as const, [target, 'repo.misses', misses] as const] : [];
        });
      });
    };
    const counts = fc.record({ hits: fc.nat(3), misses: fc.nat(3) });
    const pollOf = fc.tuple(counts, counts, counts).map((cs) => cs.map((c, i) => repo(`r${i}`, c.hits, c.misses)));
    fc.assert(
      fc.property(fc.array(pollOf, { maxLength: 6 }), (polls) => {
        const t = new RepoLookupTracker('prod');
        expect(polls.map((p) => t.samples(p))).toEqual(reference(polls));
      }),
    );
    // Repositories missing from some polls (the feed lists each repository once a poll).
    const listed = fc.uniqueArray(fc.record({ slug: fc.constantFrom('r0', 'r1', 'r2'), hits: fc.nat(3), misses: fc.nat(3) }), {
      maxLength: 3,
      selector: (r) => r.slug,
    });
    fc.assert(
      fc.property(fc.array(listed, { maxLength: 6 }), (raw) => {
        const polls = raw.map((p) => p.map((r) => repo(r.slug, r.hits, r.misses)));
        const t = new RepoLookupTracker('prod');
        expect(polls.map((p) => t.samples(p))).toEqual(reference(polls));
      }),
    );
  });

  it('reads the feed columns as the rows, whatever their order from poll to poll (property)', () => {
    type Row = { projectKey: string; repoSlug: string; hits: number | null; misses: number | null };
    const reference = (polls: Row[][]) => {
      let last: Map<string, Row> | null = null;
      return polls.map((repos) => {
        const said = repos.filter((r) => r.hits !== null && r.misses !== null);
        const before = last;
        last = new Map(said.map((r) => [`${r.projectKey}/${r.repoSlug}`, r]));
        if (!before) return [];
        return said.flatMap((r) => {
          const b = before.get(`${r.projectKey}/${r.repoSlug}`);
          const hits = b && r.hits! >= b.hits! ? r.hits! - b.hits! : r.hits!;
          const misses = b && r.misses! >= b.misses! ? r.misses! - b.misses! : r.misses!;
          const target = repoCacheTarget('prod', r.projectKey, r.repoSlug);
          return hits + misses > 0 ? [[target, 'repo.hits', hits] as const, [target, 'repo.misses', misses] as const] : [];
        });
      });
    };
    const columns = (rows: Row[]) => ({
      length: rows.length,
      projectKey: rows.map((r) => r.projectKey),
      // Fresh strings each poll, as each read of the statistics makes them.
      repoSlug: rows.map((r) => [...r.repoSlug].join('')),
      hits: Float64Array.from(rows, (r) => r.hits ?? Number.NaN),
      misses: Float64Array.from(rows, (r) => r.misses ?? Number.NaN),
    });
    const count = fc.option(fc.nat(3), { freq: 5 });
    const row = fc.record({ projectKey: fc.constantFrom('WEB', 'API'), repoSlug: fc.constantFrom('a', 'b', 'c', 'd'), hits: count, misses: count });
    const pollOf = fc.uniqueArray(row, { maxLength: 8, selector: (r) => `${r.projectKey}/${r.repoSlug}` });
    fc.assert(
      fc.property(fc.array(pollOf, { maxLength: 6 }), (polls) => {
        const t = new RepoLookupTracker('prod');
        expect(polls.map((p) => t.sampleColumns(columns(p)))).toEqual(reference(polls));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the busiest repositories when more than the bound had lookups in one interval', () => {
    const t = new RepoLookupTracker('prod');
    const n = MAX_REPOS_PER_POLL + 10;
    t.samples(Array.from({ length: n }, (_, i) => repo(`r${i}`, 0, 0)));
    const written = t.samples(Array.from({ length: n }, (_, i) => repo(`r${i}`, i + 1, 0)));
    expect(written).toHaveLength(2 * MAX_REPOS_PER_POLL);
    expect(written[0]).toEqual([repoCacheTarget('prod', 'WEB', `r${n - 1}`), 'repo.hits', n]);
    expect(written.some(([target]) => target === repoCacheTarget('prod', 'WEB', 'r0'))).toBe(false);
  });
});

describe('readRepositoryHistory', () => {
  it('reads sparse samples against the poll times: no sample is zero, a poll that failed is no point', () => {
    store = openHistoryStore({ path: ':memory:' });
    const s = store;
    const t0 = 10 * MIN;
    // The primary's cache polled every minute; the repository had lookups in two intervals.
    for (let i = 0; i <= 4; i++) poll(s, 'cache:prod', t0 + i * MIN);
    const target = repoCacheTarget('prod', 'WEB', 'web-ui');
    s.recordSamples(t0 + 2 * MIN, [
      [target, 'repo.hits', 6],
      [target, 'repo.misses', 2],
    ]);
    s.recordSamples(t0 + 4 * MIN, [[target, 'repo.hits', 3]]);
    // The farm polled four times, once down; a change waited on node 2 for two polls.
    poll(s, 'farm-sp', t0 + MIN);
    poll(s, 'farm-sp', t0 + 2 * MIN);
    poll(s, 'farm-sp', t0 + 3 * MIN, 'down');
    poll(s, 'farm-sp', t0 + 4 * MIN);
    const since = new Map([['42', t0 + 90_000]]);
    s.recordSamples(t0 + 2 * MIN, lagSamples('farm-sp', t0 + 2 * MIN, [{ node: 'sp-2', since }]));
    s.recordSamples(t0 + 4 * MIN, lagSamples('farm-sp', t0 + 4 * MIN, [{ node: 'sp-2', since }]));

    const h = readRepositoryHistory(s, {
      primaryId: 'prod',
      cacheTarget: 'cache:prod',
      projectKey: 'WEB',
      repoSlug: 'web-ui',
      repoId: '42',
      farms: [{ id: 'farm-sp', name: 'São Paulo', nodes: ['sp-1', 'sp-2'] }],
      now: t0 + 5 * MIN,
      rangeSeconds: 3_600,
      maxPoints: 600,
    });
    expect(h.to - h.from).toBe(3_600_000);
    // Per minute over each interval: the first poll has no interval before it.
    expect(h.hitsPerMinute).toEqual([
      [t0 + MIN, 0],
      [t0 + 2 * MIN, 6],
      [t0 + 3 * MIN, 0],
      [t0 + 4 * MIN, 3],
    ]);
    expect(h.missesPerMinute.map(([, v]) => v)).toEqual([0, 2, 0, 0]);
    expect(h.lag).toEqual([
      {
        farmId: 'farm-sp',
        farmName: 'São Paulo',
        node: 'sp-1',
        points: [
          [t0 + MIN, 0],
          [t0 + 2 * MIN, 0],
          [t0 + 4 * MIN, 0],
        ],
      },
      {
        farmId: 'farm-sp',
        farmName: 'São Paulo',
        node: 'sp-2',
        points: [
          [t0 + MIN, 0],
          [t0 + 2 * MIN, 30],
          [t0 + 4 * MIN, 150],
        ],
      },
    ]);
  });

  it('gives a lag of zero on every poll when the repository has no upstream id, and nothing before the first poll', () => {
    store = openHistoryStore({ path: ':memory:' });
    const h = readRepositoryHistory(store, {
      primaryId: 'prod',
      cacheTarget: 'cache:prod',
      projectKey: 'WEB',
      repoSlug: 'web-ui',
      repoId: null,
      farms: [{ id: 'farm-sp', name: 'São Paulo', nodes: ['sp-1'] }],
      now: 10 * MIN,
      rangeSeconds: 3_600,
      maxPoints: 600,
    });
    expect(h.hitsPerMinute).toEqual([]);
    expect(h.lag[0]?.points).toEqual([]);
  });
});
