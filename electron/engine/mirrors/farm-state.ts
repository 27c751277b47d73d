import type { InitialSync, MirrorFarm, MirrorNode, ProjectSelection, TargetError, TargetStatus } from '../../../shared/model';
import { normaliseNodeStatus } from '../bitbucket/normalise';
import { deriveFarm, emptyCounts, listChanges, rederiveLists, type DeriveOutput } from './derive';
import type { NodeDetail, UpstreamHashes } from './detail-reads';
import { MirrorRows } from './mirror-rows';
import type { ApiProbe, FarmObservation, NodeObservation, Settled } from './farm-poll';
import type { FarmNode, MirrorServer, NodeSyncData } from './normalise-mirror';

/** Codes that mean "nobody answered", as opposed to "something answered wrongly". */
const UNREACHABLE = new Set(['refused', 'timeout', 'dns', 'network', 'tls']);

/**
 * A queue "grows" when, over its latest polls (at least four, spanning at least the given span),
 * it never shrank and rose by at least QUEUE_RISE to at least QUEUE_MIN: a busy farm's queue
 * goes up and down by a few.
 */
const QUEUE_KEEP = 20;
const QUEUE_POLLS = 4;
const QUEUE_RISE = 3;
const QUEUE_MIN = 5;

/** The primary's hashes as of its last mirror sweep, or why there are none. */
export interface SweptHashes {
  value: UpstreamHashes | null;
  problem: string | null;
  /** When the sweep read them; null before the first. */
  at: number | null;
}

export interface ApplyOptions {
  /** A change not applied within this long counts as lagging, unless the farm lists it itself. */
  toleranceMs: number;
  /** How long the queue must have grown without a dip to count as growing. */
  queueSpanMs: number;
}

/**
 * Everything Fleetscope keeps about one mirror farm between polls: the last farm as the snapshot
 * shows it, its per-repository rows, and what the derivation needs from earlier polls (when each
 * difference was first seen, the recent queue sizes, the nodes last listed).
 */
export class FarmState {
  farm: MirrorFarm;
  rows = new MirrorRows(null, [], 0);
  nodesKnown: FarmNode[];
  /** Which REST generation the mirror speaks, as last detected. */
  probe: ApiProbe = { api: null, upstreamId: null };
  private readonly pending = new Map<string, Map<string, number>>();
  /** Per node of the last poll: since when each repository has had a change not applied there. */
  pendingByNode: Array<{ node: string; since: ReadonlyMap<string, number> }> = [];
  private readonly queueSamples: { at: number; count: number }[] = [];
  /** Per node (by key): its `repoSyncStatus` as of the last sweep. */
  private detail = new Map<string, Settled<NodeDetail>>();
  /** The delayed-sync list and the queued repositories of the last poll, for a repository's status read on demand. */
  lists: { delayed: ReadonlySet<string> | null; queued: ReadonlySet<string> | null } = { delayed: null, queued: null };
  /** When the last sweep of this farm ended; null before the first. */
  detailAt: number | null = null;
  /**
   * The primary's hashes of the sweep that read `detail`. The farm is derived from these, not
   * from the primary's latest sweep: a sweep's nodes are read after its hashes, and a sweep's
   * table drops its hash values when the sweep ends (upstream-table.ts `releaseHashes`), so
   * nodes are only ever compared with the hashes of their own sweep.
   */
  private detailHashes: SweptHashes | null = null;
  /** The last derivation and what it was derived from: redone only when one of its inputs changed. */
  private derived: {
    /** Every input but the two lists and the time. */
    key: string;
    now: number;
    delayed: ReadonlySet<string> | null;
    queued: ReadonlySet<string> | null;
    hashes: SweptHashes;
    detail: Map<string, Settled<NodeDetail>>;
    out: DeriveOutput;
  } | null = null;

  constructor(
    readonly id: string,
    readonly primaryId: string,
    public server: MirrorServer,
  ) {
    this.nodesKnown = server.mirrorType === 'SINGLE' ? [singleNode(server)] : [];
    this.farm = {
      id,
      mirrorId: server.id,
      name: server.name,
      primaryId,
      baseUrl: server.baseUrl,
      status: 'unknown',
      statusMessage: 'Waiting for the first poll',
      mirrorType: server.mirrorType,
      version: server.productVersion,
      api: null,
      enabled: server.enabled,
      upstreamState: null,
      lastSeenByPrimaryAt: server.lastSeenAt,
      nodes: [],
      repos: emptyCounts(),
      initialSync: null,
      lagSeconds: null,
      queue: { count: null, growing: false },
      projectSelection: null,
      lastPollAt: null,
      lastSuccessAt: null,
      stale: false,
      lastError: null,
      pollDurationMs: null,
    };
  }

  /** The primary's record of the mirror changed (name, version, last seen, enabled). */
  updateServer(server: MirrorServer): void {
    this.server = server;
    this.farm = {
      ...this.farm,
      name: server.name,
      baseUrl: server.baseUrl,
      mirrorType: server.mirrorType,
      version: server.productVersion,
      enabled: server.enabled,
      lastSeenByPrimaryAt: server.lastSeenAt,
    };
  }

  /**
   * What a sweep read of this farm's nodes, and the primary's hashes the same sweep read (which the
   * nodes' entries were compared with as they were read); the next `apply` derives the
   * repositories from them.
   */
  setDetail(byNode: Map<string, Settled<NodeDetail>>, at: number, hashes: SweptHashes): void {
    this.detail = byNode;
    this.detailAt = at;
    this.detailHashes = hashes;
  }

  probeInfo(): ApiProbe {
    return { ...this.probe };
  }

  /** Folds one poll into the farm: nodes, per-repository states, counts, lag, status. */
  apply(observed: FarmObservation, hashes: SweptHashes, { toleranceMs, queueSpanMs }: ApplyOptions): void {
    const previous = this.farm;
    const o: FarmObservation = {
      ...observed,
      nodeObservations: observed.nodeObservations.map((n) => ({ ...n, sync: this.detail.get(nodeKey(n.node)) ?? null })),
    };
    this.probe = { ...o.probe };
    if (o.nodes?.ok && o.nodes.value.length > 0) this.nodesKnown = o.nodes.value;
    const obs = o.nodeObservations;
    const progress = o.progress?.ok ? o.progress.value : null;
    const settings = o.settings?.ok ? o.settings.value : null;
    const initialSync: InitialSync | null = progress ? { ...progress, complete: !progress.discovering && progress.syncedRepos >= progress.totalRepos } : null;
    // The primary unavailable, or no hashes read: that is what the repositories show. Otherwise the nodes' own sweep's hashes.
    const derived = this.derive(o, hashes.value === null ? hashes : (this.detailHashes ?? hashes), {
      settings,
      initialSyncRunning: initialSync !== null && !initialSync.complete,
      toleranceMs,
    });
    this.lists = { delayed: o.delayed?.ok ? o.delayed.value : null, queued: o.queue?.ok ? o.queue.value : null };

    const queueCount = o.queueCount?.ok ? o.queueCount.value : null;
    if (queueCount !== null) {
      this.queueSamples.push({ at: o.at, count: queueCount });
      if (this.queueSamples.length > QUEUE_KEEP) this.queueSamples.shift();
    }
    const growing = queueCount !== null && isGrowing(this.queueSamples, queueSpanMs);
    const prevNodes = new Map(previous.nodes.map((n) => [n.name, n]));
    const judged = obs.map((n, i) => nodeOf(n, derived.perNode[i] ?? null, prevNodes.get(n.node.name), o.at));
    const nodes = judged.map((j) => j.node);
    const upstreamServer = o.upstream.ok ? o.upstream.value : null;

    const problems: string[] = [];
    const errors: TargetError[] = [];
    const note = (label: string, s: { ok: true } | { ok: false; error: TargetError } | null): void => {
      if (s && !s.ok) {
        errors.push(s.error);
        problems.push(`${label}: ${s.error.message}`);
      }
    };
    note('Mirror', o.upstream);
    note('Farm nodes', o.nodes);
    note('Initial-sync progress', o.progress);
    note('Sync settings', o.settings);
    note('Delayed-sync list', o.delayed);
    note('Ref-changes queue', o.queue);
    note('Queue count', o.queueCount);

    let status: TargetStatus = 'up';
    const down = nodes.filter((n) => n.status === 'down');
    const notServing = judged.filter((j) => !j.serving).map((j) => j.node);
    if (nodes.length === 0) {
      status = !o.upstream.ok && UNREACHABLE.has(o.upstream.error.code) ? 'down' : 'unknown';
    } else if (down.length === nodes.length) {
      status = 'down';
      problems.unshift(`All ${nodes.length} node${nodes.length === 1 ? '' : 's'} unreachable`);
    } else if (notServing.length > 0) {
      status = 'degraded';
      problems.unshift(`${notServing.length} of ${nodes.length} nodes not serving: ${notServing.map((n) => n.name).join(', ')}`);
    }
    if (errors.length > 0 && status === 'up') status = 'degraded';
    const { failing, lagging, unknown } = derived.farm;
    if (failing > 0) problems.push(`${failing} repositor${failing === 1 ? 'y' : 'ies'} failing to sync`);
    if (lagging > 0) problems.push(`${lagging} repositor${lagging === 1 ? 'y' : 'ies'} lagging behind the primary`);
    if (growing) problems.push(`Ref-changes queue growing: ${queueTrend(risingRun(this.queueSamples))}`);
    if (this.server.enabled === false) problems.push('Disabled on the primary');
    if (upstreamServer?.state && upstreamServer.state !== 'INSTALLED') problems.push(`Registration with the primary is ${upstreamServer.state}`);
    if (
      (failing > 0 || lagging > 0 || growing || this.server.enabled === false || (upstreamServer?.state && upstreamServer.state !== 'INSTALLED')) &&
      status === 'up'
    ) {
      status = 'degraded';
    }
    if (hashes.value === null && unknown > 0) {
      problems.push(`Sync state unknown for ${unknown} repositories: no upstream hashes (${hashes.problem ?? 'not read'})`);
      if (status === 'up') status = 'unknown';
    }

    // A node down is shown as such; the farm's data is still current as long as the farm answered.
    const fullySuccessful = errors.length === 0 && (nodes.length === 0 || nodes.some((n) => n.status !== 'down' && n.status !== 'unknown'));
    this.farm = {
      ...previous,
      status,
      statusMessage: problems.length > 0 ? problems.join(' · ') : null,
      api: o.probe.api ?? previous.api,
      upstreamState: upstreamServer?.state ?? previous.upstreamState,
      nodes,
      repos: derived.farm,
      initialSync: initialSync ?? (o.progress?.ok === false ? previous.initialSync : null),
      lagSeconds: derived.lagSeconds,
      queue: { count: queueCount ?? (o.queueCount?.ok === false ? previous.queue.count : null), growing },
      projectSelection: settings ?? (o.settings?.ok === false ? previous.projectSelection : null),
      lastPollAt: o.at,
      lastSuccessAt: fullySuccessful ? o.at : previous.lastSuccessAt,
      lastError: errors[0] ?? firstNodeError(obs),
      pollDurationMs: o.durationMs,
    };
  }

  /**
   * Each repository's state, derived again only when what it depends on changed: a sweep (new
   * hashes or node entries), a node becoming reachable or not, the delayed-sync list, the
   * ref-changes queue, the sync settings. Ages are measured at the sweep's time, so data that
   * waits for the next sweep does not turn LAGGING merely by waiting.
   */
  private derive(
    o: FarmObservation,
    hashes: SweptHashes,
    inputs: { settings: ProjectSelection | null; initialSyncRunning: boolean; toleranceMs: number },
  ): DeriveOutput {
    const obs = o.nodeObservations;
    const syncData: NodeSyncData[] = obs.map(syncDataOf);
    const keys = obs.map((n) => nodeKey(n.node));
    const delayed = o.delayed?.ok ? o.delayed.value : null;
    const queued = o.queue?.ok ? o.queue.value : null;
    const key = JSON.stringify([keys, syncData.map((d) => (d.ok ? '' : d.reason)), inputs.settings, inputs.initialSyncRunning, inputs.toleranceMs]);
    const now = Math.max(this.detailAt ?? o.at, hashes.at ?? 0);
    const last = this.derived;
    const same = last !== null && last.key === key && last.hashes === hashes && last.detail === this.detail;
    const changed = same ? [...listChanges(last.delayed, delayed), ...listChanges(last.queued, queued)] : [];
    if (same && changed.length === 0) return last.out;
    const pendingSince = obs.map((n) => this.pending.get(nodeKey(n.node)) ?? new Map<string, number>());
    const derivation = {
      now,
      upstream: hashes.value?.hashes ?? null,
      upstreamProblem: hashes.problem,
      selection: inputs.settings,
      initialSyncRunning: inputs.initialSyncRunning,
      delayed,
      queued,
      nodes: syncData,
      toleranceMs: inputs.toleranceMs,
      pendingSince,
    };
    // Between two sweeps a poll mostly brings other lists (a push queued, applied): only the
    // repositories they name are judged again, so a regular cycle does not grow with repositories.
    if (same && last.now === now) {
      const out = rederiveLists(last.out, derivation, changed);
      this.derived = { ...last, delayed, queued, out };
      return out;
    }
    const out = deriveFarm(derivation);
    this.pending.clear();
    obs.forEach((n, i) => this.pending.set(nodeKey(n.node), pendingSince[i] ?? new Map<string, number>()));
    this.pendingByNode = obs.map((n, i) => ({ node: n.node.name, since: pendingSince[i] ?? new Map<string, number>() }));
    this.rows = out.rows;
    this.derived = { key, now, delayed, queued, hashes, detail: this.detail, out };
    return out;
  }
}

function singleNode(server: MirrorServer): FarmNode {
  return { id: null, name: server.name, host: null, address: null, buildVersion: server.productVersion };
}

/** A node of a farm, by its id when it has one, else by name. */
export const nodeKey = (n: { id: string | null; name: string }): string => n.id ?? `name:${n.name}`;

function syncDataOf(n: NodeObservation): NodeSyncData {
  if (n.baseUrl === null) return { ok: false, reason: 'The node’s HTTP address cannot be derived from its cluster address' };
  if (n.status && !n.status.ok && UNREACHABLE.has(n.status.error.code)) return { ok: false, reason: `Node unreachable: ${n.status.error.message}` };
  if (!n.sync) return { ok: false, reason: 'Not read yet: per-repository detail comes with the next mirror sweep' };
  if (!n.sync.ok) return { ok: false, reason: `Sync status unavailable: ${n.sync.error.message}` };
  if (n.sync.value.truncated) return { ok: false, reason: 'Sync status cut short: more pages than Fleetscope reads' };
  return { ok: true, entries: n.sync.value.entries };
}

/** A node as the snapshot shows it, and whether it serves (a node with failing repositories still does). */
function nodeOf(n: NodeObservation, repos: MirrorNode['repos'], prev: MirrorNode | undefined, at: number): { node: MirrorNode; serving: boolean } {
  const node: MirrorNode = {
    id: n.node.id,
    name: n.node.name,
    address: n.node.address,
    baseUrl: n.baseUrl,
    status: 'unknown',
    state: null,
    version: n.node.buildVersion,
    lastSeenAt: prev?.lastSeenAt ?? null,
    responseMs: n.status ? n.status.ms : null,
    message: null,
    repos,
  };
  if (n.baseUrl === null)
    return { node: { ...node, message: 'Its HTTP address cannot be derived from its cluster address, so it cannot be polled' }, serving: false };
  // The sync entries come from the last sweep, so only `/status` says the node answered now.
  if (n.status?.ok ?? false) node.lastSeenAt = at;
  if (n.status && !n.status.ok) {
    const status = UNREACHABLE.has(n.status.error.code) ? 'down' : 'unknown';
    return { node: { ...node, status, message: n.status.error.message, repos: n.sync?.ok ? repos : null }, serving: false };
  }
  if (n.status?.ok) {
    const st = normaliseNodeStatus(n.status.value.status, n.status.value.body);
    node.state = st.state;
    node.status = st.status;
    node.message = st.message;
  }
  const serving = node.status === 'up';
  if (n.sync && !n.sync.ok) {
    if (node.status === 'up') node.status = 'degraded';
    node.message = `Sync status unavailable: ${n.sync.error.message}`;
    return { node, serving: false };
  }
  if (repos && repos.failing > 0) {
    if (node.status === 'up') node.status = 'degraded';
    node.message = `${repos.failing} repositor${repos.failing === 1 ? 'y' : 'ies'} failing to sync`;
  }
  return { node, serving };
}

function firstNodeError(obs: readonly NodeObservation[]): TargetError | null {
  for (const n of obs) {
    if (n.status && !n.status.ok) return n.status.error;
    if (n.sync && !n.sync.ok) return n.sync.error;
  }
  return null;
}

type QueueSample = { at: number; count: number };

/** The latest samples during which the queue never shrank. */
function risingRun(samples: readonly QueueSample[]): readonly QueueSample[] {
  let from = samples.length - 1;
  while (from > 0 && (samples[from - 1]?.count ?? 0) <= (samples[from]?.count ?? 0)) from--;
  return samples.slice(Math.max(0, from));
}

/** The queue never shrank over its last polls (four or more, spanning `spanMs`) and rose by QUEUE_RISE to QUEUE_MIN or more. */
export function isGrowing(samples: readonly QueueSample[], spanMs: number): boolean {
  const run = risingRun(samples);
  const first = run[0];
  const last = run[run.length - 1];
  if (!first || !last || run.length < QUEUE_POLLS || last.at - first.at < spanMs) return false;
  return last.count - first.count >= QUEUE_RISE && last.count >= QUEUE_MIN;
}

function queueTrend(run: readonly QueueSample[]): string {
  const first = run[0];
  const last = run[run.length - 1];
  if (!first || !last) return '';
  return `${first.count} → ${last.count} in ${Math.round((last.at - first.at) / 1000)} s`;
}
