import type { RepositoryHistory } from '../../../shared/model/repository';
import { lttb } from '../../../shared/logic/lttb';
import { grown } from '../grown-array';
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

/**
 * Lookups per repository since the previous poll of the statistics; a counter that went down was
 * cleared (or the plugin restarted), and counts from zero again. The first poll only remembers.
 * The last counts are kept in columns, a row per repository ever seen with lookups, found by the
 * feed's own project and slug strings: at 10 × 50,000 repositories a key string, an object and a
 * Map slot per repository and poll were ≈ 60 MB of the engine's heap (issue 13).
 */
export class RepoLookupTracker {
  private readonly rows = new Map<string, Map<string, number>>();
  private size = 0;
  /** The counts a row was last given, and in which poll (0: never). */
  private hits = new Float64Array(64);
  private misses = new Float64Array(64);
  private setIn = new Uint32Array(64);
  private polls = 0;

  constructor(private readonly primaryId: string) {}

  /** `repos`: a poll's statistics, each repository once (the feed groups them). */
  samples(repos: Iterable<Lookups>): Sample[] {
    const poll = ++this.polls;
    const moved: Array<{ target: string; hits: number; misses: number }> = [];
    for (const r of repos) {
      if (r.hits === null || r.misses === null) continue;
      // Absent counts as 0 and 0 below, so a repository never looked up need not be kept: at
      // 50,000 repositories a primary, most are such (issue 13).
      if (r.hits === 0 && r.misses === 0) continue;
      const row = this.rowOf(r.projectKey, r.repoSlug);
      // Counts from the poll just before, if it saw lookups there; none kept means 0 and 0.
      const had = this.setIn[row] === poll - 1;
      const hits = had && r.hits >= this.hits[row]! ? r.hits - this.hits[row]! : r.hits;
      const misses = had && r.misses >= this.misses[row]! ? r.misses - this.misses[row]! : r.misses;
      this.hits[row] = r.hits;
      this.misses[row] = r.misses;
      this.setIn[row] = poll;
      if (poll === 1) continue;
      if (hits + misses > 0) moved.push({ target: repoCacheTarget(this.primaryId, r.projectKey, r.repoSlug), hits, misses });
    }
    if (moved.length > MAX_REPOS_PER_POLL) moved.sort((a, b) => b.hits + b.misses - (a.hits + a.misses)).length = MAX_REPOS_PER_POLL;
    return lookupSamples(moved);
  }

  private rowOf(projectKey: string, repoSlug: string): number {
    let slugs = this.rows.get(projectKey);
    if (slugs === undefined) this.rows.set(projectKey, (slugs = new Map<string, number>()));
    let row = slugs.get(repoSlug);
    if (row === undefined) {
      row = this.size++;
      slugs.set(repoSlug, row);
      if (row >= this.hits.length) this.grow();
    }
    return row;
  }

  private grow(): void {
    this.hits = grown(this.hits);
    this.misses = grown(this.misses);
    this.setIn = grown(this.setIn);
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
