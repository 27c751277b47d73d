import type { RepositoryHistory } from '../../../shared/model/repository';
import { lttb } from '../../../shared/logic/lttb';
import type { HistoryStore } from '../store/history-store';

/**
 * One repository's history, kept sparse: a cache poll writes a repository's hits and misses only
 * when it had lookups in the interval, a farm poll writes a repository's lag on a node only while
 * a change is pending there. Read against the poll times of the cache or the farm, a poll without
 * a sample is a true zero (no lookups; nothing pending), so 20,000 quiet repositories cost nothing.
 */

/** The history store's target of one repository's cache figures on a primary. */
export const repoCacheTarget = (primaryId: string, projectKey: string, repoSlug: string): string => `repo-cache:${primaryId}:${projectKey}/${repoSlug}`;

/** The history store's target of one repository's lag on the nodes of a farm (by upstream repository id). */
export const repoMirrorTarget = (farmId: string, repoId: string): string => `repo-mirror:${farmId}:${repoId}`;

const lagMetric = (node: string): string => `repo.lagSeconds:${node}`;

/** Past this many repositories with lookups in one interval, the quietest are not written (a bound on one poll's writes). */
export const MAX_REPOS_PER_POLL = 5_000;

type Sample = readonly [target: string, metric: string, value: number];
type Lookups = { projectKey: string; repoSlug: string; hits: number | null; misses: number | null };

/** A poll's statistics as columns (the cache feed's own): hits and misses NaN where not said. */
export interface LookupColumns {
  readonly length: number;
  readonly projectKey: readonly string[];
  readonly repoSlug: readonly string[];
  readonly hits: Float64Array;
  readonly misses: Float64Array;
}

/**
 * Lookups per repository since the previous poll of the statistics; a counter that went down was
 * cleared (or the plugin restarted), and counts from zero again. The first poll only remembers.
 * Only the previous poll's counts matter, so it keeps that poll's columns and, per row, the counts
 * of repositories that had lookups (NaN for the others); a repository is found in them at its own
 * row when the feed lists repositories in the same order as before, by name otherwise. At 10 ×
 * 50,000 repositories a Map of the first poll's slug strings per primary was ≈ 23 MB of the
 * engine's heap, beside the feed's own strings (issue 13).
 */
export class RepoLookupTracker {
  private prev: LookupColumns | null = null;
  private prevHits = new Float64Array(0);
  private prevMisses = new Float64Array(0);
  /** The previous poll's rows by name, built only when a repository is not at its row. */
  private prevRows: Map<string, Map<string, number>> | null = null;
  private polls = 0;

  constructor(private readonly primaryId: string) {}

  /** `repos`: a poll's statistics, each repository once (the feed groups them). */
  samples(repos: Iterable<Lookups>): Sample[] {
    const projectKey: string[] = [];
    const repoSlug: string[] = [];
    const hits: number[] = [];
    const misses: number[] = [];
    for (const r of repos) {
      projectKey.push(r.projectKey);
      repoSlug.push(r.repoSlug);
      hits.push(r.hits ?? Number.NaN);
      misses.push(r.misses ?? Number.NaN);
    }
    return this.sampleColumns({ length: projectKey.length, projectKey, repoSlug, hits: Float64Array.from(hits), misses: Float64Array.from(misses) });
  }

  /** {@link samples} of the feed's columns, kept (not copied) until the next poll. */
  sampleColumns(c: LookupColumns): Sample[] {
    const poll = ++this.polls;
    const moved: Array<{ target: string; hits: number; misses: number }> = [];
    const keptHits = new Float64Array(c.length).fill(Number.NaN);
    const keptMisses = new Float64Array(c.length);
    for (let i = 0; i < c.length; i++) {
      const h = c.hits[i]!;
      const m = c.misses[i]!;
      if (Number.isNaN(h) || Number.isNaN(m)) continue;
      // Absent counts as 0 and 0 below, so a repository never looked up need not be kept: at
      // 50,000 repositories a primary, most are such (issue 13).
      if (h === 0 && m === 0) continue;
      keptHits[i] = h;
      keptMisses[i] = m;
      if (poll === 1) continue;
      // Counts from the poll just before, if it saw lookups there; none kept means 0 and 0.
      const j = this.prevRowOf(c, i);
      const had = j >= 0 && !Number.isNaN(this.prevHits[j]!);
      const hits = had && h >= this.prevHits[j]! ? h - this.prevHits[j]! : h;
      const misses = had && m >= this.prevMisses[j]! ? m - this.prevMisses[j]! : m;
      if (hits + misses > 0) moved.push({ target: repoCacheTarget(this.primaryId, c.projectKey[i]!, c.repoSlug[i]!), hits, misses });
    }
    this.prev = c;
    this.prevHits = keptHits;
    this.prevMisses = keptMisses;
    this.prevRows = null;
    if (moved.length > MAX_REPOS_PER_POLL) moved.sort((a, b) => b.hits + b.misses - (a.hits + a.misses)).length = MAX_REPOS_PER_POLL;
    return lookupSamples(moved);
  }

  /** Row `i`'s repository in the previous poll, -1 when it was not listed. */
  private prevRowOf(c: LookupColumns, i: number): number {
    const p = this.prev;
    if (p === null) return -1;
    if (i < p.length && p.repoSlug[i] === c.repoSlug[i] && p.projectKey[i] === c.projectKey[i]) return i;
    if (this.prevRows === null) {
      this.prevRows = new Map();
      for (let j = 0; j < p.length; j++) {
        let slugs = this.prevRows.get(p.projectKey[j]!);
        if (slugs === undefined) this.prevRows.set(p.projectKey[j]!, (slugs = new Map<string, number>()));
        // The feed lists each repository once a poll; should a name repeat, its first row counts.
        if (!slugs.has(p.repoSlug[j]!)) slugs.set(p.repoSlug[j]!, j);
      }
    }
    return this.prevRows.get(c.projectKey[i]!)?.get(c.repoSlug[i]!) ?? -1;
  }
}

/** The samples of repositories' lookups in one interval (a live poll's, or a past one the demo describes). */
export function lookupSamples(moved: ReadonlyArray<{ target: string; hits: number; misses: number }>): Sample[] {
  return moved.flatMap((m) => [[m.target, 'repo.hits', m.hits] as const, [m.target, 'repo.misses', m.misses] as const]);
}

/** Lag samples of one farm poll: each repository with a change pending on a node, and for how long. */
export function lagSamples(farmId: string, at: number, pending: ReadonlyArray<{ node: string; since: ReadonlyMap<string, number> }>): Sample[] {
  const out: Sample[] = [];
  for (const { node, since } of pending) {
    for (const [repoId, t] of since) out.push([repoMirrorTarget(farmId, repoId), lagMetric(node), Math.max(0, Math.round((at - t) / 1000))]);
  }
  return out;
}

/** A sparse series read against the poll times: a poll without a sample is `fill`. */
function dense(times: readonly number[], samples: ReadonlyArray<[number, number]>, fill: number): Array<[number, number]> {
  const byTime = new Map(samples);
  return times.map((t) => [t, byTime.get(t) ?? fill]);
}

/** Lookups per interval as a rate per minute: the intervals between polls are not all alike. */
function perMinute(times: readonly number[], counts: ReadonlyArray<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 1; i < counts.length; i++) {
    const [t, v] = counts[i]!;
    const minutes = (t - times[i - 1]!) / 60_000;
    if (minutes > 0) out.push([t, Math.round((v / minutes) * 100) / 100]);
  }
  return out;
}

const downsample = (points: Array<[number, number]>, maxPoints: number): Array<[number, number]> =>
  lttb(points, maxPoints).map(([t, v]) => [t, v] as [number, number]);

export interface RepositoryHistoryQuery {
  primaryId: string;
  /** The primary's cache target, whose poll times the hits and misses are read against. */
  cacheTarget: string;
  projectKey: string;
  repoSlug: string;
  /** Upstream repository id (the mirrors' join key); null when the inventory has none. */
  repoId: string | null;
  farms: ReadonlyArray<{ id: string; name: string; nodes: readonly string[] }>;
  now: number;
  rangeSeconds: number;
  maxPoints: number;
}

/** Hits and misses per minute and lag per mirror node of one repository, each on the same time span. */
export function readRepositoryHistory(store: HistoryStore, q: RepositoryHistoryQuery): Omit<RepositoryHistory, 'cacheSource'> {
  const from = q.now - q.rangeSeconds * 1000;
  const cacheTimes = store.pollTimes(q.cacheTarget, from, q.now);
  const target = repoCacheTarget(q.primaryId, q.projectKey, q.repoSlug);
  const counts = (metric: string) => perMinute(cacheTimes, dense(cacheTimes, store.series(target, metric, from, q.now), 0));
  const lag = q.farms.flatMap((farm) => {
    const times = store.pollTimes(farm.id, from, q.now);
    const repoTarget = q.repoId === null ? null : repoMirrorTarget(farm.id, q.repoId);
    return farm.nodes.map((node) => ({
      farmId: farm.id,
      farmName: farm.name,
      node,
      points: downsample(dense(times, repoTarget === null ? [] : store.series(repoTarget, lagMetric(node), from, q.now), 0), q.maxPoints),
    }));
  });
  return {
    from,
    to: q.now,
    hitsPerMinute: downsample(counts('repo.hits'), q.maxPoints),
    missesPerMinute: downsample(counts('repo.misses'), q.maxPoints),
    lag,
  };
}
