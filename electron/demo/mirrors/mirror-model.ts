import type { DemoRepo } from '../catalog';
import type { DemoListener } from '../http-listener';
import type { Rng } from '../prng';
import { lagOf, PushBlocks } from './push-blocks';
import type { PushFeed } from './push-feed';
import type { DemoMirrorOptions, FarmDemoState, HeldPass, HeldRepos, MirrorNode, PendingChange, Registration, SyncEntry, SyncMode } from './mirror-model-types';

/** Initial synchronization: a short discovery, then one repository after another. */
const DISCOVERY_MS = 1_500;
const INITIAL_SYNC_PER_REPO_MS = 400;
/** Each further node of a farm takes a repository a little after the first. */
const NODE_STAGGER_MS = 200;
/** A node retries a failing repository this often (simulated). */
const RETRY_MS = 15_000;
/** Repositories mirrored before the demo started synchronized this long ago. */
const LONG_AGO_MS = 30 * 86_400_000;
/** `delayed-sync` lists repositories whose oldest pending change is older than this by default. */
export const DEFAULT_DELAY_THRESHOLD_MS = 60_000;
/** How far back a farm that falls behind stopped applying changes: past the delayed-sync threshold and the engine's tolerance. */
const BEHIND_ONSET_MS = 3 * 60_000;

/**
 * One simulated mirror (a farm or a single mirror): which projects it mirrors, when each
 * repository reached each node, and the faults that hold pushes back. Everything is computed
 * from the primary's push feed and simulated time when asked, so it costs nothing in between.
 */
export class DemoMirror {
  readonly mirrorId: string;
  readonly upstreamId: string;
  readonly name: string;
  readonly api: '9.x' | '8.x';
  readonly mirrorType: 'SINGLE' | 'FARM';
  readonly productVersion: string;
  readonly nodes: MirrorNode[];
  readonly feed: PushFeed;
  registration: Registration;
  baseUrl = '';
  /** The listener in front of the farm (a single mirror's only one). */
  front: DemoListener | null = null;
  mode: SyncMode;
  private projectIds: Set<string>;
  private readonly selectedAt = new Map<string, number>();
  private allSince: number;
  private lastSelectionAt: number;
  private readonly initialAt = new Map<number, number>();
  private readonly localIds = new Map<number, number>();
  private readonly blocks = new PushBlocks();
  readonly failing: { node: string; repo: DemoRepo }[] = [];
  readonly mismatched: { node: string; repo: DemoRepo }[] = [];
  behindSince: number | null = null;
  private readonly rng: Rng;
  /** Counts accept() and select(): what a cached pass over the catalog is checked against, with the registration. */
  private selections = 0;
  private readonly held = new Map<string, HeldPass>();

  constructor(o: DemoMirrorOptions) {
    this.mirrorId = o.mirrorId;
    this.upstreamId = o.upstreamId;
    this.name = o.name;
    this.api = o.api;
    this.mirrorType = o.mirrorType;
    this.productVersion = o.productVersion;
    this.nodes = o.nodes;
    this.feed = o.feed;
    this.registration = o.registration;
    this.mode = o.mode;
    this.projectIds = new Set(o.projectIds);
    this.rng = o.rng;
    const start = o.feed.startedAt;
    const since = o.synchronizedAtStart ? start - LONG_AGO_MS : start;
    this.allSince = since;
    this.lastSelectionAt = since;
    for (const id of this.projectIds) this.selectedAt.set(id, since);
  }

  /** The primary accepted the mirror's request: it becomes a mirror and starts its initial synchronization. */
  accept(now: number): void {
    this.selections += 1;
    this.registration = 'accepted';
    this.allSince = now;
    this.lastSelectionAt = now;
    for (const id of this.projectIds) this.selectedAt.set(id, now);
  }

  get projects(): string[] {
    return [...this.projectIds].sort((a, b) => Number(a) - Number(b));
  }

  mirrors(repo: DemoRepo): boolean {
    return this.registration === 'accepted' && (this.mode === 'ALL_PROJECTS' || this.projectIds.has(String(repo.project.id)));
  }

  /** Changes what the mirror synchronizes; newly selected repositories start their initial sync. */
  select(mode: SyncMode, projectIds: readonly string[], now: number): void {
    this.selections += 1;
    const before = this.feed.primary.catalog.repos.filter((r) => this.mirrors(r));
    // Fix when the repositories mirrored so far were synchronized, before the selection moves.
    for (const r of before) this.initialSyncOf(r, now);
    this.mode = mode;
    this.projectIds = new Set(projectIds);
    for (const id of [...this.selectedAt.keys()]) if (!this.projectIds.has(id)) this.selectedAt.delete(id);
    for (const id of this.projectIds) if (!this.selectedAt.has(id)) this.selectedAt.set(id, now);
    if (mode === 'ALL_PROJECTS' && before.length < this.feed.primary.catalog.repos.length) this.allSince = now;
    const still = new Set(this.feed.primary.catalog.repos.filter((r) => this.mirrors(r)).map((r) => r.id));
    for (const r of before) if (!still.has(r.id)) this.initialAt.delete(r.id);
    this.lastSelectionAt = now;
    let queue = now + DISCOVERY_MS;
    for (const repo of this.feed.primary.catalog.repos) {
      if (!still.has(repo.id) || this.initialAt.has(repo.id)) continue;
      queue += INITIALISE_STEP(this.rng);
      this.initialAt.set(repo.id, queue);
    }
  }

  /** When a repository's first synchronization reaches the first node. */
  private initialSyncOf(repo: DemoRepo, now: number): number {
    let at = this.initialAt.get(repo.id);
    if (at === undefined) {
      const selected = this.mode === 'ALL_PROJECTS' ? this.allSince : (this.selectedAt.get(String(repo.project.id)) ?? now);
      at = Math.max(selected, this.feed.createdAt(repo, now)) + lagOf(repo.id, 0, 0);
      this.initialAt.set(repo.id, at);
    }
    return at;
  }

  /** When node `node` first synchronized a repository (or will); null when the mirror does not mirror it. */
  private initialOn(repo: DemoRepo, node: string, k: number, now: number): number | null {
    if (!this.mirrors(repo)) return null;
    return this.blocks.delay(this.initialSyncOf(repo, now) + k * NODE_STAGGER_MS, node, repo.id);
  }

  /** True when node `node` holds the repository at `now`; cheaper than `entry`. */
  holds(repo: DemoRepo, node: string, now: number): boolean {
    const initial = this.initialOn(repo, node, this.nodeIndex(node), now);
    return initial !== null && initial <= now;
  }

  /**
   * The repositories node `node` holds at `now` (each one `holds` answers true for), in catalog
   * order, or null when some mirrored repository has no initial synchronization time yet (the
   * caller then asks `holds` itself, which fixes that time when it is first asked, as before).
   * What a node holds changes only as time passes, until the catalog, the selection, the
   * registration or a fault window changes: one pass serves every read until the next initial
   * synchronization lands, instead of a pass of the whole catalog for each page and progress read
   * (at 50,000 repositories, most of the simulated fleet's time in the scale benchmark).
   */
  heldBy(node: string, now: number): HeldRepos | null {
    const key = this.heldKey();
    const hit = this.held.get(node);
    if (hit !== undefined && hit.key === key && now >= hit.from && now < hit.until) return hit;
    const k = this.nodeIndex(node);
    const repos: DemoRepo[] = [];
    let mirrored = 0;
    let until = Number.POSITIVE_INFINITY;
    for (const repo of this.feed.primary.catalog.repos) {
      if (!this.mirrors(repo)) continue;
      const at = this.initialAt.get(repo.id);
      if (at === undefined) return null;
      mirrored += 1;
      // initialOn, with the initial synchronization time already fixed.
      const initial = this.blocks.delay(at + k * NODE_STAGGER_MS, node, repo.id);
      if (initial <= now) repos.push(repo);
      else if (initial < until) until = initial;
    }
    const pass: HeldPass = { key, from: now, until, repos, mirrored };
    this.held.set(node, pass);
    return pass;
  }

  private heldKey(): string {
    const catalog = this.feed.primary.catalog;
    return `${this.registration} ${this.mode} ${this.selections} ${this.blocks.version} ${catalog.version} ${catalog.repos.length}`;
  }

  private nodeIndex(node: string): number {
    return Math.max(
      0,
      this.nodes.findIndex((n) => n.name === node),
    );
  }

  /** What node `node` knows of a repository at `now`, or null when it has not synchronized it yet. */
  entry(repo: DemoRepo, node: string, now: number): SyncEntry | null {
    const k = this.nodeIndex(node);
    const initial = this.initialOn(repo, node, k, now);
    if (initial === null || initial > now) return null;
    const { version, times } = this.feed.changesOf(repo.id);
    const first = version - times.length + 1;
    let synced = version - times.filter((t) => t > initial).length;
    let lastSyncAt = initial;
    times.forEach((t, i) => {
      if (t <= initial) return;
      const applied = this.blocks.delay(t + lagOf(repo.id, k, first + i), node, repo.id);
      if (applied <= now) {
        synced = Math.max(synced, first + i);
        lastSyncAt = Math.max(lastSyncAt, applied);
      }
    });
    const pendingSince = synced < version ? (times[synced - first + 1] ?? null) : null;
    const failingSince = this.blocks.openSince('failing', node, repo.id);
    const failedSyncCount = failingSince !== null && synced < version ? 1 + Math.floor(Math.max(0, now - failingSince) / RETRY_MS) : 0;
    const mismatch = this.mismatched.some((m) => m.node === node && m.repo.id === repo.id);
    const content = this.feed.contentHash(repo.id, synced);
    return {
      initialSyncAt: initial,
      lastSyncAt,
      failedSyncCount,
      contentHash: mismatch ? corrupt(content) : content,
      metadataHash: this.feed.metadataHash(repo.id),
      version: synced,
      current: synced === version,
      pendingSince,
    };
  }

  /** Repositories (of this mirror) with a push not yet applied on every node: the farm's ref-changes queue. */
  pending(now: number): PendingChange[] {
    const out: PendingChange[] = [];
    const byId = this.reposById();
    for (const id of this.feed.changedRepoIds()) {
      const repo = byId.get(id);
      if (!repo || !this.mirrors(repo)) continue;
      let oldest: number | null = null;
      let attempts = 1;
      for (const node of this.nodes) {
        if (this.appliedAll(repo, node.name, now)) continue;
        const e = this.entry(repo, node.name, now);
        if (e === null || e.pendingSince === null) continue;
        if (oldest === null || e.pendingSince < oldest) oldest = e.pendingSince;
        attempts = Math.max(attempts, 1 + e.failedSyncCount);
      }
      if (oldest !== null) out.push({ repo, since: oldest, attempts });
    }
    return out.sort((a, b) => a.since - b.since);
  }

  /**
   * True when `entry` would show no pending change: the node does not hold the repository yet, or
   * it has applied the latest push (then every earlier one counts as applied too). Most
   * repositories pushed to since the start are in that state, and this costs one delay lookup
   * where `entry` walks every kept push and reads the hashes: the queue, its count and the
   * delayed list each call `pending` at every farm poll (≈ 1.5 ms of the fleet's loop each at
   * ≈ 120 pushed repositories, in the poll's critical path). False means "ask `entry`".
   */
  private appliedAll(repo: DemoRepo, node: string, now: number): boolean {
    const k = this.nodeIndex(node);
    const initial = this.initialOn(repo, node, k, now);
    if (initial === null || initial > now) return true;
    const { version, times } = this.feed.changesOf(repo.id);
    const last = times[times.length - 1];
    if (last === undefined) return true;
    return last > initial && this.blocks.delay(last + lagOf(repo.id, k, version), node, repo.id) <= now;
  }

  /** The catalog by id, rebuilt only when the catalog changed: three reads a poll asked for it anew at 50,000 repositories. */
  private byId: { repos: readonly DemoRepo[]; length: number; map: Map<number, DemoRepo> } | null = null;
  private reposById(): Map<number, DemoRepo> {
    const repos = this.feed.primary.catalog.repos;
    if (this.byId?.repos !== repos || this.byId.length !== repos.length) this.byId = { repos, length: repos.length, map: new Map(repos.map((r) => [r.id, r])) };
    return this.byId.map;
  }

  /** Initial synchronization progress (`progress`), as the first node sees it. */
  progress(now: number): { discovering: boolean; syncedRepos: number; totalRepos: number } {
    const first = this.nodes[0]?.name ?? '';
    const held = this.heldBy(first, now);
    let total: number;
    let synced: number;
    if (held !== null) {
      total = held.mirrored;
      synced = held.repos.length;
    } else {
      const mirrored = this.feed.primary.catalog.repos.filter((r) => this.mirrors(r));
      total = mirrored.length;
      synced = mirrored.filter((r) => this.holds(r, first, now)).length;
    }
    const done = synced === total;
    // Bitbucket reports nothing once the initial synchronization is over.
    if (done && now - this.lastSelectionAt > DISCOVERY_MS) return { discovering: false, syncedRepos: 0, totalRepos: 0 };
    return { discovering: now < this.lastSelectionAt + DISCOVERY_MS, syncedRepos: synced, totalRepos: total };
  }

  localId(repo: DemoRepo): number {
    let id = this.localIds.get(repo.id);
    if (id === undefined) {
      id = this.localIds.size + 1;
      this.localIds.set(repo.id, id);
    }
    return id;
  }

  // --- faults ---------------------------------------------------------------------------------

  setNodeOffline(node: string, offline: boolean, now: number): void {
    this.blocks.toggle('offline', node, null, offline, now);
  }

  isOffline(node: string): boolean {
    return this.blocks.openSince('offline', node, null) !== null;
  }

  /** When the mirror last called its primary: now, unless every node is offline (then when the last one went). */
  lastSeen(now: number): number {
    const since = this.nodes.map((n) => this.blocks.openSince('offline', n.name, null));
    return since.every((t) => t !== null) ? Math.max(...since) : now;
  }

  /**
   * One repository stops synchronizing on one node; a push makes it differ from the primary at
   * once. False when the node has no repository in sync to pick.
   */
  setFailing(node: string, enabled: boolean, now: number): boolean {
    const current = this.failing.find((f) => f.node === node);
    if (enabled && !current) {
      const repo = this.pickVictim(
        node,
        now,
        this.failing.map((f) => f.repo.id),
      );
      if (!repo) return false;
      this.failing.push({ node, repo });
      this.blocks.toggle('failing', node, repo.id, true, now);
      this.feed.record(repo.id, now);
    } else if (!enabled && current) {
      this.failing.splice(this.failing.indexOf(current), 1);
      this.blocks.toggle('failing', node, current.repo.id, false, now);
    }
    return true;
  }

  /**
   * The farm falls behind as if it had stopped applying changes BEHIND_ONSET_MS ago: an audience
   * sees repositories lagging at the next poll rather than minutes later (issue 17), and the
   * pushes of that span wait, as they would have on a farm that fell behind unnoticed.
   */
  setBehind(enabled: boolean, now: number): void {
    const onset = now - BEHIND_ONSET_MS;
    this.behindSince = enabled ? (this.behindSince ?? onset) : null;
    this.blocks.toggle('behind', null, null, enabled, enabled ? onset : now);
  }

  /** Repositories whose content hash differs on some node: the farm's own diagnostics list them as delayed at once. */
  mismatchedRepos(): DemoRepo[] {
    return [...new Set(this.mismatched.map((m) => m.repo))];
  }

  /** False when the node has no repository in sync to pick. */
  setMismatch(node: string, enabled: boolean, now: number): boolean {
    const current = this.mismatched.find((m) => m.node === node);
    if (enabled && !current) {
      const repo = this.pickVictim(
        node,
        now,
        this.mismatched.map((m) => m.repo.id),
      );
      if (!repo) return false;
      this.mismatched.push({ node, repo });
    } else if (!enabled && current) {
      this.mismatched.splice(this.mismatched.indexOf(current), 1);
    }
    return true;
  }

  /** A mirrored repository that is in sync on the node, chosen by the seed, and not already a victim. */
  private pickVictim(node: string, now: number, taken: number[]): DemoRepo | undefined {
    const candidates = this.feed.primary.catalog.repos.filter(
      (r) => r.state === 'AVAILABLE' && !r.archived && !taken.includes(r.id) && this.entry(r, node, now)?.current === true,
    );
    return candidates.length > 0 ? this.rng.pick(candidates) : undefined;
  }

  demoState(): FarmDemoState {
    const ref = (x: { node: string; repo: DemoRepo }) => ({ node: x.node, repoId: x.repo.id, repo: `${x.repo.project.key}/${x.repo.slug}` });
    return {
      id: this.mirrorId,
      primaryId: this.feed.primary.id,
      name: this.name,
      api: this.api,
      mirrorType: this.mirrorType,
      registration: this.registration,
      nodes: this.nodes.map((n) => n.name),
      faults: {
        nodesOffline: this.nodes.filter((n) => this.isOffline(n.name)).map((n) => n.name),
        failing: this.failing.map(ref),
        behind: this.behindSince !== null,
        hashMismatch: this.mismatched.map(ref),
      },
    };
  }
}

const INITIALISE_STEP = (rng: Rng): number => INITIAL_SYNC_PER_REPO_MS / 2 + rng.int(0, INITIAL_SYNC_PER_REPO_MS);

/** A hash that matches no state of the repository: its last digit changed. */
function corrupt(hash: string): string {
  const last = hash.at(-1) ?? '0';
  return `${hash.slice(0, -1)}${last === '0' ? '1' : '0'}`;
}
