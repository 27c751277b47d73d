import { hitRatioOf, RECENT_WINDOW_SECONDS, type CacheInterval, type CacheSeriesName, type CacheWindow } from '../../../shared/model/cache';
import type { NormalisedFeed } from './cache-feed';

/** Hits and misses counted during one poll interval. */
export interface Counted {
  hits: number;
  misses: number;
}

/** One interval: every class whose counters are known, null for the others. */
export type IntervalCounts = Record<CacheSeriesName, Counted | null>;

export interface RateSample {
  at: number;
  seconds: number;
  counts: IntervalCounts;
}

const pair = (hits: number | null, misses: number | null): Counted | null => (hits === null || misses === null ? null : { hits, misses });

/**
 * The growth of a pair of counters between two readings. A counter that went down was reset (a
 * clear, a restart of Bitbucket or of the plugin) and has counted from zero since, so the growth
 * is its current value; both restart together, so a reset of either resets the pair.
 */
export function deltaOf(previous: Counted | null | undefined, current: Counted | null): Counted | null {
  if (!previous || !current) return null;
  const reset = current.hits < previous.hits || current.misses < previous.misses;
  return reset ? current : { hits: current.hits - previous.hits, misses: current.misses - previous.misses };
}

const add = (into: Counted, d: Counted): void => {
  into.hits += d.hits;
  into.misses += d.misses;
};

export interface EntryReading {
  key: string;
  kind: string | null;
  version: number | null;
  counted: Counted;
}

/** One cache entry's counters, keyed by its repository (`project/slug`), kind, protocol and version. */
export const entryReading = (repository: string, kind: string | null, protocol: string | null, version: number | null, counted: Counted): EntryReading => ({
  key: `${repository}|${kind}|${protocol}|${version}`,
  kind,
  version,
  counted,
});

/** The statistics as the tracker reads them: repositories as rows, or as columns with their readings (feed-columns.ts). */
export type RateFeed = Pick<NormalisedFeed, 'totals' | 'byKind'> & { repositories: NormalisedFeed['repositories'] | { readings: readonly EntryReading[] } };

function entryReadings(feed: RateFeed): readonly EntryReading[] | null {
  const repos = feed.repositories;
  if (repos === null) return null;
  if (!Array.isArray(repos)) return repos.readings;
  const out: EntryReading[] = [];
  for (const repo of repos) {
    for (const e of repo.entries) {
      const counted = pair(e.hits, e.misses);
      if (counted) out.push(entryReading(`${repo.projectKey}/${repo.repoSlug}`, e.kind, e.protocol, e.gitProtocolVersion, counted));
    }
  }
  return out;
}

/**
 * Turns successive statistics into hits and misses per interval: overall from the global
 * counters, clone and ref-advertisement from the per-kind counters, protocol v1 and v2 from the
 * per-entry counters where the statistics list entries. Entries that appear between two polls
 * count from zero; entries that vanish (expired, invalidated by a push) take with them what they
 * counted since the last poll, a small undercount that the global counters do not have.
 */
export class CacheRateTracker {
  private at: number | null = null;
  private totals: Counted | null = null;
  private kinds: { refs: Counted | null; uploadPack: Counted | null } = { refs: null, uploadPack: null };
  private entries: Map<string, Counted> | null = null;

  update(at: number, feed: RateFeed): RateSample | null {
    const totals = pair(feed.totals.hits, feed.totals.misses);
    const kinds = {
      refs: feed.byKind.refs ? pair(feed.byKind.refs.hits, feed.byKind.refs.misses) : null,
      uploadPack: feed.byKind.uploadPack ? pair(feed.byKind.uploadPack.hits, feed.byKind.uploadPack.misses) : null,
    };
    const readings = entryReadings(feed);
    const previousAt = this.at;
    const sample = previousAt !== null && at > previousAt ? this.sample(at, previousAt, totals, kinds, readings) : null;
    this.at = at;
    this.totals = totals;
    this.kinds = kinds;
    this.entries = readings === null ? null : new Map(readings.map((r) => [r.key, r.counted]));
    return sample;
  }

  private sample(
    at: number,
    previousAt: number,
    totals: Counted | null,
    kinds: CacheRateTracker['kinds'],
    readings: readonly EntryReading[] | null,
  ): RateSample {
    const fromEntries = this.entryDeltas(readings);
    const counts: IntervalCounts = {
      all: deltaOf(this.totals, totals) ?? fromEntries?.all ?? null,
      clone: deltaOf(this.kinds.uploadPack, kinds.uploadPack) ?? fromEntries?.clone ?? null,
      refs: deltaOf(this.kinds.refs, kinds.refs) ?? fromEntries?.refs ?? null,
      v1: fromEntries?.v1 ?? null,
      v2: fromEntries?.v2 ?? null,
    };
    return { at, seconds: (at - previousAt) / 1000, counts };
  }

  private entryDeltas(readings: readonly EntryReading[] | null): IntervalCounts | null {
    if (readings === null || this.entries === null) return null;
    const zero = (): Counted => ({ hits: 0, misses: 0 });
    const all = zero();
    const clone = zero();
    const refs = zero();
    const v1 = zero();
    const v2 = zero();
    let kindKnown = false;
    let versionKnown = false;
    for (const r of readings) {
      const d = deltaOf(this.entries.get(r.key) ?? { hits: 0, misses: 0 }, r.counted) ?? r.counted;
      add(all, d);
      if (r.kind !== null) kindKnown = true;
      if (r.version !== null) versionKnown = true;
      if (r.kind === 'upload-pack') add(clone, d);
      else if (r.kind === 'refs') add(refs, d);
      if (r.version === 1) add(v1, d);
      else if (r.version === 2) add(v2, d);
    }
    return {
      all: readings.length > 0 ? all : null,
      clone: kindKnown ? clone : null,
      refs: kindKnown ? refs : null,
      v1: versionKnown ? v1 : null,
      v2: versionKnown ? v2 : null,
    };
  }
}

/** The overall interval as the snapshot shows it. */
export function intervalOf(sample: RateSample | null): CacheInterval | null {
  const all = sample?.counts.all;
  if (!sample || !all || sample.seconds <= 0) return null;
  return {
    seconds: sample.seconds,
    hits: all.hits,
    misses: all.misses,
    hitRatio: hitRatioOf(all.hits, all.misses),
    hitsPerSecond: all.hits / sample.seconds,
    missesPerSecond: all.misses / sample.seconds,
  };
}

/**
 * Sums the overall counts of the intervals that ended within the last RECENT_WINDOW_SECONDS: the
 * "hit ratio, last 15 min", steady from poll to poll where a single interval jumps (100 % → 37 %).
 */
export class RecentWindow {
  private samples: Array<{ at: number; seconds: number } & Counted> = [];

  update(sample: RateSample | null, now: number): CacheWindow | null {
    const all = sample?.counts.all;
    if (sample && all && sample.seconds > 0) this.samples.push({ at: sample.at, seconds: sample.seconds, ...all });
    const from = now - RECENT_WINDOW_SECONDS * 1000;
    this.samples = this.samples.filter((s) => s.at > from);
    if (this.samples.length === 0) return null;
    const hits = this.samples.reduce((n, s) => n + s.hits, 0);
    const misses = this.samples.reduce((n, s) => n + s.misses, 0);
    const covered = this.samples.reduce((n, s) => n + s.seconds, 0);
    return {
      windowSeconds: RECENT_WINDOW_SECONDS,
      coveredSeconds: Math.min(covered, RECENT_WINDOW_SECONDS),
      hits,
      misses,
      hitRatio: hitRatioOf(hits, misses),
    };
  }
}
