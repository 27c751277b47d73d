import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseFeed } from '../../../../electron/engine/cache/cache-feed';
import { CacheRateTracker, deltaOf, intervalOf, RecentWindow, type RateSample } from '../../../../electron/engine/cache/cache-rates';

const T0 = 1_700_000_000_000;

/** A listing feed with one repository whose caches carry the given counters. */
const feed = (hits: number, misses: number, entries: { kind: string; v: number; hits: number; misses: number }[] = []) =>
  normaliseFeed({
    hits,
    misses,
    repositories: [
      {
        projectKey: 'P',
        repoSlug: 'r',
        caches: entries.map((e) => ({ type: e.kind, protocol: 'http', gitProtocolVersion: e.v, hits: e.hits, misses: e.misses })),
      },
    ],
  });

describe('counter deltas', () => {
  it('is the growth of both counters, or their current values after a reset', () => {
    expect(deltaOf({ hits: 10, misses: 5 }, { hits: 15, misses: 6 })).toEqual({ hits: 5, misses: 1 });
    expect(deltaOf({ hits: 10, misses: 5 }, { hits: 2, misses: 1 })).toEqual({ hits: 2, misses: 1 });
    // A reset of one counter is a reset of the pair: the other restarted too.
    expect(deltaOf({ hits: 10, misses: 5 }, { hits: 12, misses: 1 })).toEqual({ hits: 12, misses: 1 });
    expect(deltaOf(null, { hits: 1, misses: 1 })).toBeNull();
    expect(deltaOf({ hits: 1, misses: 1 }, null)).toBeNull();
  });

  it('never goes negative, whatever the readings (property)', () => {
    const reading = fc.record({ hits: fc.nat(), misses: fc.nat() });
    fc.assert(
      fc.property(reading, reading, (a, b) => {
        const d = deltaOf(a, b)!;
        expect(d.hits).toBeGreaterThanOrEqual(0);
        expect(d.misses).toBeGreaterThanOrEqual(0);
        expect(d.hits).toBeLessThanOrEqual(b.hits);
      }),
      { numRuns: 1_000 },
    );
  });
});

describe('the rate tracker', () => {
  it('needs a baseline, then gives per-interval hits and misses per class', () => {
    const t = new CacheRateTracker();
    expect(
      t.update(
        T0,
        feed(100, 50, [
          { kind: 'upload-pack', v: 2, hits: 10, misses: 2 },
          { kind: 'refs', v: 1, hits: 4, misses: 4 },
        ]),
      ),
    ).toBeNull();
    const s = t.update(
      T0 + 10_000,
      feed(130, 60, [
        { kind: 'upload-pack', v: 2, hits: 30, misses: 3 },
        { kind: 'refs', v: 1, hits: 14, misses: 13 },
      ]),
    )!;
    expect(s.seconds).toBe(10);
    expect(s.counts).toEqual({
      all: { hits: 30, misses: 10 },
      clone: { hits: 20, misses: 1 },
      refs: { hits: 10, misses: 9 },
      v1: { hits: 10, misses: 9 },
      v2: { hits: 20, misses: 1 },
    });
    expect(intervalOf(s)).toEqual({ seconds: 10, hits: 30, misses: 10, hitRatio: 0.75, hitsPerSecond: 3, missesPerSecond: 1 });
  });

  it('counts a clear or restart (counters went down) from zero, and new entries in full', () => {
    const t = new CacheRateTracker();
    t.update(T0, feed(1_000, 500, [{ kind: 'upload-pack', v: 1, hits: 50, misses: 5 }]));
    // The caches were cleared: global counters restarted; the entry was recreated by a miss; a new v2 entry appeared.
    const s = t.update(
      T0 + 15_000,
      feed(3, 4, [
        { kind: 'upload-pack', v: 1, hits: 0, misses: 1 },
        { kind: 'upload-pack', v: 2, hits: 3, misses: 3 },
      ]),
    )!;
    expect(s.counts.all).toEqual({ hits: 3, misses: 4 });
    expect(s.counts.v1).toEqual({ hits: 0, misses: 1 });
    expect(s.counts.v2).toEqual({ hits: 3, misses: 3 });
  });

  it('uses per-kind totals where the statistics give them, and leaves unknown classes null', () => {
    const t = new CacheRateTracker();
    const kinds = (rh: number, rm: number, uh: number, um: number) =>
      normaliseFeed({
        hitCount: rh + uh,
        missCount: rm + um,
        statistics: { 'ref-advertisement': { hitCount: rh, missCount: rm }, 'upload-pack': { hitCount: uh, missCount: um } },
      });
    t.update(T0, kinds(10, 10, 5, 5));
    const s = t.update(T0 + 5_000, kinds(20, 15, 6, 9))!;
    expect(s.counts).toEqual({ all: { hits: 11, misses: 9 }, clone: { hits: 1, misses: 4 }, refs: { hits: 10, misses: 5 }, v1: null, v2: null });
  });

  it('gives nothing for an interval without counters, and no ratio without requests', () => {
    const t = new CacheRateTracker();
    t.update(T0, normaliseFeed({ enabled: true }));
    expect(t.update(T0 + 1_000, normaliseFeed({ enabled: true }))!.counts.all).toBeNull();
    const u = new CacheRateTracker();
    u.update(T0, feed(5, 5));
    const s = u.update(T0 + 1_000, feed(5, 5))!;
    expect(intervalOf(s)).toMatchObject({ hits: 0, misses: 0, hitRatio: null });
    expect(u.update(T0 + 1_000, feed(6, 5))).toBeNull();
  });
});

describe('RecentWindow (hit ratio, last 15 min)', () => {
  const sample = (atS: number, hits: number, misses: number, seconds = 15): RateSample => ({
    at: atS * 1000,
    seconds,
    counts: { all: { hits, misses }, clone: null, refs: null, v1: null, v2: null },
  });

  it('sums the intervals of the last 15 minutes, so one poll does not swing the figure', () => {
    const w = new RecentWindow();
    // 59 busy, fully cached intervals, then one interval of mostly misses.
    for (let i = 1; i <= 59; i += 1) w.update(sample(i * 15, 100, 0), i * 15 * 1000);
    const last = w.update(sample(900, 37, 63), 900 * 1000)!;
    expect(last).toEqual({ windowSeconds: 900, coveredSeconds: 900, hits: 5937, misses: 63, hitRatio: 5937 / 6000 });
    expect(last.hitRatio!).toBeGreaterThan(0.98);
  });

  it('forgets intervals older than the window and says how much of it was measured', () => {
    const w = new RecentWindow();
    w.update(sample(15, 10, 10), 15_000);
    expect(w.update(null, 60_000)).toMatchObject({ coveredSeconds: 15, hits: 10, misses: 10, hitRatio: 0.5 });
    expect(w.update(sample(1000, 3, 1), 1_000_000)).toEqual({ windowSeconds: 900, coveredSeconds: 15, hits: 3, misses: 1, hitRatio: 0.75 });
    expect(w.update(null, 2_000_000)).toBeNull();
  });
});
