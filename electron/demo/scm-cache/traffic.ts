import type { CacheKind, CacheProtocol } from '../../../shared/model/cache';
import type { Catalog, DemoRepo } from '../catalog';
import type { Rng } from '../prng';
import type { ScmCachePlugin } from './plugin-model';
import { ZipfSampler } from './zipf';

/** Simulated time between two steps of the model. */
const TICK_MS = 1_000;
const SWEEP_EVERY_TICKS = 60;
/** Steps simulated in one turn of the event loop by `catchUp` (a simulated minute, a few ms). */
const SLICE_TICKS = 60;
/** Catching up never simulates more than this at once; older traffic would have expired anyway. */
const MAX_CATCH_UP_MS = 2 * 3_600_000;
/** The plugin has run for an hour when the demo starts, so caches are warm. */
const WARM_UP_MS = 3_600_000;
/** Counters start as if the plugin had counted this long already. */
const HISTORY_SECONDS = 14 * 86_400;

/** Requests per second across the primary (simulated time). */
export const RATES = {
  /** CI servers polling for changes: ref advertisements. */
  ciPolls: 3,
  clones: 1.5,
  pushes: 0.04,
  /** Extra pushes into the 25 busiest repositories during a push storm. */
  stormPushes: 2,
};
/** A CI fan-out (one repository cloned by many agents within minutes) starts about this often. */
const BURST_EVERY_MS = 12 * 60_000;
/** A push storm hits this many of the busiest repositories. */
const STORM_REPOS = 25;
const MIN_PACK_BYTES = 500_000;

/** Sees every git request the model simulates, e.g. to write the primary's access log. */
export interface TrafficObserver {
  /** `hit` null: the request bypassed the cache (caching off for its kind or protocol, or the guard tripped). */
  request(t: number, kind: CacheKind, repo: DemoRepo, protocol: 'http' | 'ssh', version: 1 | 2, hit: boolean | null, packBytes: number): void;
  push(t: number, repo: DemoRepo): void;
}
const MAX_PACK_BYTES = 400_000_000;

/**
 * The load that makes the SCM cache matter: CI polling and clones spread over repositories by a
 * Zipf law, fan-out bursts, pushes that invalidate a repository's caches, TTL expiry, and the
 * HTTP/SSH and git protocol v1/v2 split that keeps separate caches. Like the live inventory it
 * runs no timer: it catches up with simulated time whenever the plugin is read, in fixed steps,
 * so the outcome depends on the seed and the time only.
 */
export class CacheTraffic {
  private readonly zipf = new ZipfSampler(1.1);
  private readonly ranked: DemoRepo[];
  private readonly packBytes = new Map<number, number>();
  private seen: number;
  private nextTick: number;
  private ticks = 0;
  private burst: { repo: DemoRepo; perTick: number; untilTick: number } | null = null;
  private catching: Promise<void> | null = null;

  constructor(
    private readonly plugin: ScmCachePlugin,
    private readonly catalog: Catalog,
    private readonly rng: Rng,
    startAt: number,
    private readonly observer: TrafficObserver | null = null,
  ) {
    this.ranked = rng.shuffle(catalog.repos);
    this.seen = catalog.repos.length;
    for (const repo of this.ranked) this.packBytes.set(repo.id, packSize(rng));
    this.zipf.resize(this.ranked.length);
    // Whole milliseconds: the simulated clock has fractions that nobody's JSON should carry.
    const start = Math.floor(startAt) - WARM_UP_MS;
    this.warmCounters(start);
    // The warm-up hour is simulated at the first read, like any other catching up: a demo's start
    // (and the first data on screen, issue 13 item 7) does not wait for its 3,600 steps.
    this.nextTick = start;
  }

  advance(now: number): void {
    this.skipOld(now);
    while (this.nextTick <= now) {
      this.tick(this.nextTick);
      this.nextTick += TICK_MS;
      this.ticks += 1;
    }
  }

  /** Whether catching up with `now` would take more than one slice (the warm-up hour does). */
  isBehind(now: number): boolean {
    return now - this.nextTick >= SLICE_TICKS * TICK_MS;
  }

  /**
   * Catches up with `now` a simulated minute per turn of the event loop, so the process that runs
   * the demo fleet stays responsive: the warm-up hour took 0.3–0.7 s of CPU in one block at the
   * first cache read, while the page asked for its first snapshot (issue 13 item 7). The outcome
   * is `advance(now)`'s, as the steps are the same. Concurrent callers share one catch-up.
   */
  catchUp(now: number): Promise<void> {
    this.catching ??= (async () => {
      try {
        this.skipOld(now);
        while (this.isBehind(now)) {
          this.advance(this.nextTick + (SLICE_TICKS - 1) * TICK_MS);
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      } finally {
        this.catching = null;
      }
    })();
    return this.catching;
  }

  /** Traffic older than MAX_CATCH_UP_MS before `now` is not simulated. */
  private skipOld(now: number): void {
    const behind = now - this.nextTick;
    if (behind > MAX_CATCH_UP_MS) this.nextTick += Math.floor((behind - MAX_CATCH_UP_MS) / TICK_MS) * TICK_MS;
  }

  /**
   * A push storm arrives as a wave: every one of the busiest repositories is pushed to at once, so
   * their caches are gone at the next poll (the storm's later pushes keep them from refilling).
   */
  stormWave(t: number): void {
    for (const repo of this.ranked.slice(0, STORM_REPOS)) this.push(t, repo);
  }

  /** The `n` busiest repositories and each one's share of all lookups. */
  busiest(n: number): Array<{ repo: DemoRepo; share: number }> {
    return this.ranked.slice(0, n).map((repo, rank) => ({ repo, share: this.zipf.share(rank) }));
  }

  packOf(repo: DemoRepo): number {
    return this.packBytes.get(repo.id) ?? MIN_PACK_BYTES;
  }

  /** Counters of a plugin that has been counting for weeks: each repository by its Zipf share. */
  private warmCounters(at: number): void {
    const p = this.plugin;
    this.ranked.forEach((repo, rank) => {
      const share = this.zipf.share(rank);
      const state = p.stateOf(repo, this.packOf(repo));
      const kinds: [CacheKind, number][] = [['upload-pack', RATES.clones]];
      if (p.refsSupported) kinds.push(['refs', RATES.ciPolls]);
      for (const [kind, rate] of kinds) {
        const lookups = Math.max(1, Math.round(share * rate * HISTORY_SECONDS * (0.7 + 0.6 * this.rng.next())));
        const hits = Math.round(lookups * (0.55 + 0.4 * this.rng.next()));
        state.hits += hits;
        state.misses += lookups - hits;
        p.byKind[kind].hits += hits;
        p.byKind[kind].misses += lookups - hits;
        p.totals.hits += hits;
        p.totals.misses += lookups - hits;
      }
      // Busy repositories were used recently; the long tail days ago.
      state.lastAccessed = at - Math.round(this.rng.next() * Math.min(HISTORY_SECONDS * 1000, 60_000 / Math.max(share, 1e-9) / RATES.clones));
    });
  }

  private tick(t: number): void {
    this.syncRanking();
    const dt = TICK_MS / 1000;
    for (let i = this.count(RATES.ciPolls * dt); i > 0; i -= 1) this.request(t, 'refs', this.pick());
    for (let i = this.count(RATES.clones * dt); i > 0; i -= 1) this.request(t, 'upload-pack', this.pick());
    if (this.burst === null && this.rng.chance(TICK_MS / BURST_EVERY_MS)) {
      const repo = this.pick();
      const ticks = this.rng.int(120, 240);
      if (repo) this.burst = { repo, perTick: this.rng.int(20, 60) / ticks, untilTick: this.ticks + ticks };
    }
    if (this.burst) {
      for (let i = this.count(this.burst.perTick); i > 0; i -= 1) this.request(t, 'upload-pack', this.burst.repo);
      if (this.ticks >= this.burst.untilTick) this.burst = null;
    }
    for (let i = this.count(RATES.pushes * dt); i > 0; i -= 1) this.push(t, this.pick());
    if (this.plugin.pushStorm) {
      const hot = Math.min(STORM_REPOS, this.ranked.length);
      for (let i = this.count(RATES.stormPushes * dt); i > 0 && hot > 0; i -= 1) this.push(t, this.ranked[this.rng.int(0, hot - 1)]);
    }
    if (this.ticks % SWEEP_EVERY_TICKS === 0) this.sweep(t);
  }

  /**
   * Repositories created while the demo runs join at the end of the popularity order. The catalog
   * keeps Bitbucket's listing order, so they can be anywhere in it: find them by id.
   */
  private syncRanking(): void {
    const repos = this.catalog.repos;
    if (repos.length === this.seen) return;
    for (const repo of repos) {
      if (this.packBytes.has(repo.id)) continue;
      this.ranked.push(repo);
      this.packBytes.set(repo.id, packSize(this.rng));
    }
    this.seen = repos.length;
    this.zipf.resize(this.ranked.length);
  }

  private pick(): DemoRepo | undefined {
    return this.ranked[this.zipf.draw(this.rng)];
  }

  /** Whole events for an expected count, rounding up with the fractional part as probability. */
  private count(expected: number): number {
    return Math.floor(expected + this.rng.next());
  }

  private request(t: number, kind: CacheKind, repo: DemoRepo | undefined): void {
    const protocol = this.rng.chance(0.65) ? 'http' : 'ssh';
    const version = this.rng.chance(0.55) ? 2 : 1;
    this.serve(t, kind, repo, protocol, version);
  }

  /** One request through the plugin (a simulated one, or a real git clone of the demo): a hit, a miss, or not cached. */
  serve(t: number, kind: CacheKind, repo: DemoRepo | undefined, protocol: CacheProtocol, version: 1 | 2): void {
    const p = this.plugin;
    if (repo === undefined || repo.state !== 'AVAILABLE') return;
    // Uncached requests bypass the plugin: nothing is counted.
    if ((kind === 'refs' && !p.refsSupported) || !p.settings[kind].enabled || !p.protocols.has(protocol)) {
      this.observer?.request(t, kind, repo, protocol, version, null, this.packOf(repo));
      return;
    }
    const state = p.stateOf(repo, this.packOf(repo));
    const key = `${kind}|${protocol}|${version}`;
    const entry = state.entries.get(key);
    state.lastAccessed = t;
    const hit = !p.guardTripped && entry !== undefined && p.expiresAt(entry) > t;
    const counters = [p.totals, p.byKind[kind], state];
    if (entry) {
      entry.lastAccessed = t;
      if (hit || p.guardTripped) counters.push(entry);
    }
    for (const c of counters) {
      if (hit) c.hits += 1;
      else c.misses += 1;
    }
    this.observer?.request(t, kind, repo, protocol, version, hit, state.packBytes);
    if (hit || p.guardTripped) return;
    if (p.settings[kind].ttlSeconds === 0) {
      p.dropEntries(state, (e) => e !== entry);
      return;
    }
    const size = kind === 'refs' ? 20_000 + Math.round(state.packBytes / 2_000) : state.packBytes;
    p.store(state, key, { kind, protocol, version, size, createdAt: t, hits: 0, misses: 1, lastAccessed: t });
  }

  private push(t: number, repo: DemoRepo | undefined): void {
    if (repo !== undefined) this.observer?.push(t, repo);
    const state = repo === undefined ? undefined : this.plugin.repos.get(repo.id);
    if (state) this.plugin.dropEntries(state);
  }

  private sweep(t: number): void {
    for (const state of [...this.plugin.withEntries]) this.plugin.dropEntries(state, (e) => this.plugin.expiresAt(e) > t);
  }
}

/** Pack sizes spread evenly on a log scale: most repositories are small, a few are huge. */
function packSize(rng: Rng): number {
  const lo = Math.log(MIN_PACK_BYTES);
  const hi = Math.log(MAX_PACK_BYTES);
  return Math.round(Math.exp(lo + rng.next() * (hi - lo)));
}
