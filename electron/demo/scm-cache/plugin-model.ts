import type { CacheKind, CacheProtocol } from '../../../shared/model/cache';
import type { DemoRepo } from '../catalog';

/** One cache of one repository: a kind × hosting protocol × git wire protocol version. */
export interface DemoCacheEntry {
  readonly kind: CacheKind;
  readonly protocol: CacheProtocol;
  readonly version: 1 | 2;
  readonly size: number;
  readonly createdAt: number;
  hits: number;
  misses: number;
  lastAccessed: number;
}

/** A repository as the plugin counts it: its caches and counters that survive pushes, not clears. */
export interface DemoRepoCaches {
  readonly repo: DemoRepo;
  readonly packBytes: number;
  hits: number;
  misses: number;
  lastAccessed: number | null;
  readonly entries: Map<string, DemoCacheEntry>;
}

export interface Counters {
  hits: number;
  misses: number;
}

const GB = 1_000_000_000;

/**
 * The plugin's configuration, counters, caches and disk on one simulated primary. Plain state:
 * the traffic model changes it, the routes read and write it, nothing here knows about time.
 */
export class ScmCachePlugin {
  readonly protocols = new Set<CacheProtocol>(['http', 'ssh']);
  readonly settings: Record<CacheKind, { enabled: boolean; ttlSeconds: number }>;
  readonly totals: Counters = { hits: 0, misses: 0 };
  readonly byKind: Record<CacheKind, Counters> = { refs: { hits: 0, misses: 0 }, 'upload-pack': { hits: 0, misses: 0 } };
  readonly repos = new Map<number, DemoRepoCaches>();
  /** Repositories that hold at least one cache, for the expiry sweep. */
  readonly withEntries = new Set<DemoRepoCaches>();
  cacheBytes = 0;
  readonly capacityBytes = 2_000 * GB;
  readonly otherBytes = 1_200 * GB;
  /** `plugin.bitbucket-scm-cache.minimum.free.space`: 8 GiB. */
  readonly minimumFreeBytes = 8 * 1024 ** 3;
  diskFull = false;
  pushStorm = false;
  oddBodies = false;

  constructor(
    /** Ref-advertisement caching exists (Bitbucket before 7.4). */
    readonly refsSupported: boolean,
    /** Whether `GET /caches` lists repositories (the newer plugin) or only totals by kind. */
    readonly listsRepositories: boolean,
  ) {
    this.settings = { refs: { enabled: refsSupported, ttlSeconds: 60 }, 'upload-pack': { enabled: true, ttlSeconds: 14_400 } };
  }

  get freeBytes(): number {
    const free = Math.max(0, this.capacityBytes - this.otherBytes - this.cacheBytes);
    // "Disk nearly full": another tenant of the volume filled it to just under the plugin's minimum.
    return this.diskFull ? Math.min(free, Math.round(this.minimumFreeBytes * 0.62)) : free;
  }

  /** The disk guard: below the minimum free space the plugin stops caching by itself. */
  get guardTripped(): boolean {
    return this.freeBytes < this.minimumFreeBytes;
  }

  stateOf(repo: DemoRepo, packBytes: number): DemoRepoCaches {
    let state = this.repos.get(repo.id);
    if (state === undefined) {
      state = { repo, packBytes, hits: 0, misses: 0, lastAccessed: null, entries: new Map() };
      this.repos.set(repo.id, state);
    }
    return state;
  }

  expiresAt(entry: DemoCacheEntry): number {
    return entry.createdAt + this.settings[entry.kind].ttlSeconds * 1000;
  }

  /** Drops a repository's caches (a push, an expiry sweep, a clear); counters stay. */
  dropEntries(state: DemoRepoCaches, keep: (e: DemoCacheEntry) => boolean = () => false): void {
    for (const [key, entry] of state.entries) {
      if (keep(entry)) continue;
      state.entries.delete(key);
      this.cacheBytes -= entry.size;
    }
    if (state.entries.size === 0) this.withEntries.delete(state);
  }

  store(state: DemoRepoCaches, key: string, entry: DemoCacheEntry): void {
    const old = state.entries.get(key);
    if (old) this.cacheBytes -= old.size;
    state.entries.set(key, entry);
    this.cacheBytes += entry.size;
    this.withEntries.add(state);
  }

  /** `DELETE /caches/{projectKey}/{repoSlug}`: the repository's caches and counters start again. */
  clearRepository(state: DemoRepoCaches): void {
    this.dropEntries(state);
    state.hits = 0;
    state.misses = 0;
    state.lastAccessed = null;
  }

  /** `DELETE /caches`: every cache and every counter start again. */
  clearAll(): void {
    for (const state of this.repos.values()) this.dropEntries(state);
    this.repos.clear();
    this.withEntries.clear();
    this.cacheBytes = 0;
    for (const c of [this.totals, this.byKind.refs, this.byKind['upload-pack']]) {
      c.hits = 0;
      c.misses = 0;
    }
  }
}
