import type { MirrorApi, ProjectSelection, TargetError } from '../../../shared/model';
import type { BitbucketClient } from '../http/bitbucket-client-contract';
import { FleetError, toTargetError } from '../http/fleet-error';
import {
  normaliseDelayedSync,
  normaliseFarmNodes,
  normaliseProgress,
  normaliseQueue,
  normaliseQueueCount,
  normaliseSyncSettings,
  normaliseUpstreamServer,
  type FarmNode,
  type SyncProgress,
  type UpstreamServer,
} from './normalise-mirror';
import type { NodeDetail } from './detail-reads';
import { MIRRORING } from './upstream-poll';

export type Settled<T> = { ok: true; value: T; ms: number } | { ok: false; error: TargetError; ms: number };

/** Which REST generation a mirror speaks, learnt once and re-learnt when its paths answer 404. */
export interface ApiProbe {
  api: MirrorApi | null;
  /** 8.x: the upstream's id in `upstreamServers/{id}/…`. */
  upstreamId: string | null;
}

export interface NodeObservation {
  node: FarmNode;
  baseUrl: string | null;
  /** `/status` of the node; null when it has no address Fleetscope can reach. */
  status: Settled<{ status: number; body: unknown }> | null;
  /** The node's `repoSyncStatus` as of the last mirror sweep (not read by the regular cycle); null before one. */
  sync: Settled<NodeDetail> | null;
}

export interface FarmObservation {
  at: number;
  durationMs: number;
  probe: ApiProbe;
  upstream: Settled<UpstreamServer>;
  /** Null when the farm-level reads could not start (the upstream registration failed). */
  nodes: Settled<FarmNode[]> | null;
  progress: Settled<SyncProgress | null> | null;
  settings: Settled<ProjectSelection | null> | null;
  /** Null when the mirror does not offer delayed-sync (8.x, 9.x before 9.5). */
  delayed: Settled<Set<string> | null> | null;
  queue: Settled<Set<string> | null> | null;
  queueCount: Settled<number | null> | null;
  nodeObservations: NodeObservation[];
}

export interface FarmPollContext {
  /** Client for the farm's base URL, presenting the primary's credentials. */
  farmClient: BitbucketClient;
  /** Client for one node's base URL, presenting the primary's credentials. */
  nodeClient(baseUrl: string): BitbucketClient;
  farmBaseUrl: string;
  primaryBaseUrl: string;
  /** SINGLE mirrors are polled at their base URL. */
  single: boolean;
  /** Nodes as last known, polled when `farmNodes` fails this time. */
  knownNodes: readonly FarmNode[];
  /** Names of the nodes whose `/status` answered at the last poll: one of them serves the sync settings. */
  nodesUp: ReadonlySet<string>;
  probe: ApiProbe;
  signal: AbortSignal;
  now: () => number;
  /** The engine's log for a failure the observation does not show (default console.warn, as the engine's other request failures). */
  warn?: (message: string) => void;
}

/**
 * One poll of a mirror farm: its registration and generation, nodes, initial-sync progress,
 * sync settings, delayed-sync list and ref-changes queue through its base URL (any node answers
 * for the farm), and each node's own `/status` at the node's address. Requests: 7 for the farm
 * plus one per node, whatever the number of repositories: each node's paged `repoSyncStatus` is
 * read by the slower mirror sweep (scheduler/sweep-schedule.ts).
 *
 * An origin takes 6 requests at once, so the 7 farm reads through the base URL would be two round
 * trips. A farm of several nodes has its sync settings (farm-wide configuration, the same from any
 * node) read at the address of a node that answered last time, beside its `/status`: no address
 * then gets more than 6, and the poll is one round trip. Should that node fail, the base URL
 * answers instead (a second round trip, only then).
 *
 * The nodes known from the last poll are read at once, alongside the farm, so a cycle takes as
 * long as its longest chain of pages; a node that `farmNodes` lists for the first time is read
 * right after it.
 */
export async function pollFarm(ctx: FarmPollContext): Promise<FarmObservation> {
  const started = ctx.now();
  const [farm, known] = await Promise.all([
    pollFarmLevel(ctx),
    ctx.knownNodes.length > 0 ? pollNodes(ctx, ctx.knownNodes, ctx.knownNodes.length) : Promise.resolve([]),
  ]);
  const listed = farm.nodes?.ok && farm.nodes.value.length > 0 ? farm.nodes.value : null;
  let observations = known;
  if (listed) {
    const key = (n: FarmNode): string => n.id ?? `name:${n.name}`;
    const byKey = new Map(known.map((o) => [key(o.node), o]));
    const fresh = listed.filter((n) => !byKey.has(key(n)));
    const late = fresh.length > 0 ? await pollNodes(ctx, fresh, listed.length) : [];
    const lateByKey = new Map(late.map((o) => [key(o.node), o]));
    // Keep the farm's order, and its current names and versions.
    observations = listed.map((n) => {
      const o = byKey.get(key(n)) ?? lateByKey.get(key(n));
      return o ? { ...o, node: n } : { node: n, baseUrl: null, status: null, sync: null };
    });
  }
  const at = ctx.now();
  return { ...farm, nodeObservations: observations, at, durationMs: at - started };
}

type FarmReads = Pick<FarmObservation, 'nodes' | 'progress' | 'settings' | 'delayed' | 'queue' | 'queueCount'>;

async function pollFarmLevel(ctx: FarmPollContext): Promise<FarmObservation> {
  const probe: ApiProbe = { ...ctx.probe };
  const known: ApiProbe = { ...ctx.probe };
  // With the generation known from the last poll, the farm's reads go out with the registration
  // check instead of after it; they are redone only if the generation turns out to have changed.
  const early = known.api !== null && (known.api === '9.x' || known.upstreamId !== null);
  const [upstream, earlyReads] = await Promise.all([
    settle(ctx, () => readUpstream(ctx.farmClient, probe, ctx.primaryBaseUrl, ctx.signal)),
    early ? readFarm(ctx, known) : Promise.resolve(null),
  ]);
  const base: FarmObservation = {
    at: 0,
    durationMs: 0,
    probe,
    upstream,
    nodes: null,
    progress: null,
    settings: null,
    delayed: null,
    queue: null,
    queueCount: null,
    nodeObservations: [],
  };
  // Without the registration there is no knowing which paths hold; the nodes are still read.
  if (!upstream.ok || probe.api === null) return base;
  const same = probe.api === known.api && probe.upstreamId === known.upstreamId;
  return { ...base, ...(earlyReads && same ? earlyReads : await readFarm(ctx, probe)) };
}

/** The farm-level reads of one generation's paths, all at once. */
async function readFarm(ctx: FarmPollContext, probe: ApiProbe): Promise<FarmReads> {
  const { farmClient: client, signal } = ctx;
  const path = (rest9: string, rest8: string): string =>
    probe.api === '9.x' ? `${MIRRORING}/${rest9}` : `${MIRRORING}/upstreamServers/${encodeURIComponent(probe.upstreamId ?? '')}/${rest8}`;
  const get = (p: string, allow: number[] = []) => client.getJson(p, { auth: 'admin', signal, allowStatus: allow });
  const [nodes, progress, settings, delayed, queue, queueCount] = await Promise.all([
    settle(
      ctx,
      async () => normaliseFarmNodes((await get(path('farmNodes', 'farmNodes'))).body) ?? malformed(path('farmNodes', 'farmNodes'), 'not an array of nodes'),
    ),
    settle(ctx, async () => normaliseProgress((await get(path('progress', 'progress'))).body)),
    settle(ctx, async () => normaliseSyncSettings((await readSettings(ctx, path('syncSettings', 'settings'))).body)),
    probe.api === '9.x'
      ? settle(ctx, async () => {
          const r = await get(`${MIRRORING}/mirrorRepos/delayed-sync`, [404]);
          // 404: a 9.x mirror before 9.5 has no delayed-sync list; that is not a failure.
          return r.status === 404 ? null : normaliseDelayedSync(r.body);
        })
      : Promise.resolve(null),
    settle(ctx, async () => normaliseQueue((await get(`${MIRRORING}/supportInfo/refChangesQueue`)).body)),
    settle(ctx, async () => normaliseQueueCount((await get(`${MIRRORING}/supportInfo/refChangesQueue/count`)).body)),
  ]);
  return { nodes, progress, settings, delayed, queue, queueCount };
}

/** The sync settings at a node's own address when one answered last time, else (or should it fail) at the farm's. */
async function readSettings(ctx: FarmPollContext, path: string): Promise<{ status: number; body: unknown }> {
  const opts = { auth: 'admin' as const, signal: ctx.signal };
  const at = settingsNodeUrl(ctx);
  if (at !== null) {
    try {
      return await ctx.nodeClient(at).getJson(path, opts);
    } catch (err) {
      if (ctx.signal.aborted) throw err;
      // The farm's base URL answers for any node, so the settings are still read this cycle; the
      // observation then shows the front's answer, so the node's failure is said here.
      const why = toTargetError(err, ctx.now()).message;
      (ctx.warn ?? console.warn)(
        `Fleetscope: the mirror farm at ${new URL(ctx.farmBaseUrl).origin} did not give its sync settings at its node ${new URL(at).origin} (${why}); read them at the farm's base URL instead.`,
      );
    }
  }
  return ctx.farmClient.getJson(path, opts);
}

/** The first known node of a farm of several that answered last time and has an address; null otherwise. */
export function settingsNodeUrl(ctx: Pick<FarmPollContext, 'single' | 'knownNodes' | 'nodesUp' | 'farmBaseUrl'>): string | null {
  if (ctx.single || ctx.knownNodes.length < 2) return null;
  for (const node of ctx.knownNodes) {
    if (!ctx.nodesUp.has(node.name)) continue;
    const url = nodeBaseUrl(ctx.farmBaseUrl, node.host);
    if (url !== null) return url;
  }
  return null;
}

/** 9.x `upstreamServer`, else the 8.x `upstreamServers` list; remembers which one answered. */
async function readUpstream(client: BitbucketClient, probe: ApiProbe, primaryBaseUrl: string, signal: AbortSignal): Promise<UpstreamServer> {
  if (probe.api === '8.x' && probe.upstreamId !== null) {
    const r = await client.getJson(`${MIRRORING}/upstreamServers/${encodeURIComponent(probe.upstreamId)}`, { auth: 'admin', signal, allowStatus: [404] });
    if (r.status !== 404) return normaliseUpstreamServer(r.body);
  } else if (probe.api === '9.x') {
    const r = await client.getJson(`${MIRRORING}/upstreamServer`, { auth: 'admin', signal, allowStatus: [404] });
    if (r.status !== 404) return normaliseUpstreamServer(r.body);
  }
  // Unknown yet, or the known paths vanished (upgrade, downgrade): probe 9.x first, then 8.x.
  probe.api = null;
  probe.upstreamId = null;
  const nine = await client.getJson(`${MIRRORING}/upstreamServer`, { auth: 'admin', signal, allowStatus: [404] });
  if (nine.status !== 404) {
    probe.api = '9.x';
    return normaliseUpstreamServer(nine.body);
  }
  const eight = await client.getPaged(`${MIRRORING}/upstreamServers`, { auth: 'admin', signal, limit: 100 });
  const servers = eight.values.map(normaliseUpstreamServer).filter((s) => s.id !== null);
  const mine = servers.find((s) => s.baseUrl !== null && sameBase(s.baseUrl, primaryBaseUrl)) ?? servers[0];
  if (!mine) {
    throw new FleetError({
      code: 'not-found',
      message: `${new URL(primaryBaseUrl).host}'s mirror at ${client.origin} reports no upstream server (404 on upstreamServer, empty upstreamServers): it is not set up as a mirror of this primary.`,
    });
  }
  probe.api = '8.x';
  probe.upstreamId = mine.id;
  return mine;
}

/** `farmSize`: how many nodes the farm has; a farm of one is polled at its base URL. */
async function pollNodes(ctx: FarmPollContext, nodes: readonly FarmNode[], farmSize: number): Promise<NodeObservation[]> {
  return Promise.all(
    nodes.map(async (node) => {
      const baseUrl = ctx.single || farmSize === 1 ? ctx.farmBaseUrl : nodeBaseUrl(ctx.farmBaseUrl, node.host);
      if (baseUrl === null) return { node, baseUrl, status: null, sync: null };
      const client = ctx.nodeClient(baseUrl);
      const status = await settle(ctx, () => client.getJson('/status', { auth: 'none', signal: ctx.signal, allowStatus: [500, 502, 503] }));
      return { node, baseUrl, status, sync: null };
    }),
  );
}

/**
 * A farm node's HTTP base URL: the farm's URL with the node's cluster host in place of the load
 * balancer's — the nodes of a farm run the same configuration (scheme, port, context path).
 * Null when the node reports no host.
 */
export function nodeBaseUrl(farmBaseUrl: string, host: string | null): string | null {
  if (host === null) return null;
  try {
    const url = new URL(farmBaseUrl);
    const wanted = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
    url.hostname = wanted;
    // The setter ignores a host it cannot use, which would silently poll the load balancer instead.
    if (url.hostname !== new URL(`http://${wanted}`).hostname) return null;
    return url.toString().replace(/\/+$/, '');
  } catch {
    // A host that cannot stand in a URL (garbage in farmNodes): the node cannot be polled.
    return null;
  }
}

function sameBase(a: string, b: string): boolean {
  const norm = (u: string): string => u.replace(/\/+$/, '').toLowerCase();
  return norm(a) === norm(b);
}

function malformed(path: string, why: string): never {
  throw new FleetError({ code: 'malformed', message: `The mirror answered ${path} with something unexpected (${why}).` });
}

export async function settle<T>(ctx: { now: () => number; signal: AbortSignal }, fn: () => Promise<T>): Promise<Settled<T>> {
  const t0 = ctx.now();
  try {
    const value = await fn();
    return { ok: true, value, ms: ctx.now() - t0 };
  } catch (err) {
    if (ctx.signal.aborted) throw err;
    return { ok: false, error: toTargetError(err, ctx.now()), ms: ctx.now() - t0 };
  }
}
