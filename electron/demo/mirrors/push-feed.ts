import { createHash } from 'node:crypto';
import type { DemoRepo } from '../catalog';
import type { PrimaryModel } from '../primary-model';
import type { Rng } from '../prng';

/** Recent pushes kept per repository; older ones have reached every mirror long ago. */
const CHANGES_KEPT = 8;
/** Simulated gap between two pushes somewhere on the primary. */
const MIN_GAP_MS = 2_000;
const MAX_GAP_MS = 9_000;
/** A fast demo that was not read for a long time does not replay every push it missed. */
const MAX_CATCH_UP_MS = 10 * 60_000;
/**
 * The primary was busy before the demo started: its pushes of this long before are replayed (the
 * mirrors applied them long since), so a fault that reaches back in time has pushes to hold back.
 */
export const PUSHES_BEFORE_START_MS = MAX_CATCH_UP_MS;
const HASH_CACHE_LIMIT = 200_000;

export interface RepoChanges {
  /** How many pushes the repository had since the demo started (0: none). */
  version: number;
  /** Times of the most recent pushes, oldest first; `times[i]` made version `version - times.length + 1 + i`. */
  times: readonly number[];
}

const NO_CHANGES: RepoChanges = { version: 0, times: [] };

/**
 * Pushes on one primary as simulated time passes. Like the live feed, nothing is scheduled: the
 * feed catches up whenever it is read, so the outcome depends only on the seed and the time.
 * Each push gives the repository a new content hash; mirrors apply it after a lag.
 */
export class PushFeed {
  private readonly changes = new Map<number, { version: number; times: number[] }>();
  private readonly seenAt = new Map<number, number>();
  private readonly hashes = new Map<number | string, string>();
  private nextPushAt: number;

  constructor(
    readonly primary: PrimaryModel,
    private readonly rng: Rng,
    /** Seeds the hashes, so two primaries never share one. */
    private readonly salt: string,
    readonly startedAt: number,
  ) {
    this.nextPushAt = startedAt - PUSHES_BEFORE_START_MS + rng.int(MIN_GAP_MS, MAX_GAP_MS);
    for (const repo of primary.catalog.repos) this.seenAt.set(repo.id, startedAt - 400 * 86_400_000);
  }

  /** Brings the primary's inventory and its pushes up to `now`. */
  advance(now: number): void {
    this.primary.syncToNow();
    if (now - this.nextPushAt > MAX_CATCH_UP_MS) this.nextPushAt = now - MAX_CATCH_UP_MS;
    const repos = this.primary.catalog.repos;
    while (this.nextPushAt <= now && repos.length > 0) {
      const repo = this.rng.pick(repos);
      if (repo.state === 'AVAILABLE' && !repo.archived) this.record(repo.id, this.nextPushAt);
      this.nextPushAt += this.rng.int(MIN_GAP_MS, MAX_GAP_MS);
    }
  }

  /** A push to one repository at `at` (a fault makes one that a node then fails to apply). */
  record(repoId: number, at: number): void {
    let entry = this.changes.get(repoId);
    if (!entry) {
      entry = { version: 0, times: [] };
      this.changes.set(repoId, entry);
    }
    entry.version += 1;
    entry.times.push(at);
    if (entry.times.length > CHANGES_KEPT) entry.times.shift();
  }

  changesOf(repoId: number): RepoChanges {
    return this.changes.get(repoId) ?? NO_CHANGES;
  }

  /** Repositories that were pushed to since the demo started. */
  changedRepoIds(): IterableIterator<number> {
    return this.changes.keys();
  }

  /** When the repository came into being, as far as the mirrors are concerned. */
  createdAt(repo: DemoRepo, now: number): number {
    let at = this.seenAt.get(repo.id);
    if (at === undefined) {
      at = now;
      this.seenAt.set(repo.id, at);
    }
    return at;
  }

  /** The content hash of a repository at a version: 64 hex digits, as Bitbucket's are. */
  contentHash(repoId: number, version: number): string {
    // A number key where it fits (content ≥ 0, metadata < 0): a text key had to be built and
    // hashed on every read, and a sweep reads ≈ 14 hashes a repository.
    const fits = isIndex(repoId, 2 ** 31) && isIndex(version, 2 ** 21);
    return this.hash(fits ? repoId * 2 ** 21 + version : `content:${repoId}:${version}`, 'content', repoId, version);
  }

  metadataHash(repoId: number): string {
    return this.hash(isIndex(repoId, 2 ** 31) ? -1 - repoId : `metadata:${repoId}`, 'metadata', repoId, null);
  }

  private hash(key: number | string, kind: 'content' | 'metadata', repoId: number, version: number | null): string {
    let h = this.hashes.get(key);
    if (h === undefined) {
      if (this.hashes.size >= HASH_CACHE_LIMIT) this.hashes.clear();
      const what = version === null ? `${kind}:${repoId}` : `${kind}:${repoId}:${version}`;
      h = createHash('sha256').update(`${this.salt}:${what}`).digest('hex');
      this.hashes.set(key, h);
    }
    return h;
  }
}

const isIndex = (n: number, limit: number): boolean => Number.isInteger(n) && n >= 0 && n < limit;
