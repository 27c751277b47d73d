import type { RepositoryMirrorRow, RepositoryMirrorStatus } from '../../../shared/model';
import type { BitbucketClient } from '../http/bitbucket-client-contract';
import { deriveFarm } from './derive';
import { settle } from './farm-poll';
import type { FarmState } from './farm-state';
import { normaliseSyncEntry, normaliseUpstreamRepo, type NodeSyncData, type UpstreamRepo } from './normalise-mirror';
import { MIRRORING } from './upstream-poll';

/** The repository asked about, as its primary's inventory names it. */
export interface RepoRef {
  id: string;
  projectKey: string;
  slug: string;
}

export interface RepoStatusContext {
  primaryClient: BitbucketClient;
  nodeClient(baseUrl: string): BitbucketClient;
  /** The primary's farms, with their nodes and farm-level lists as the last regular cycle found them. */
  farms: readonly FarmState[];
  repo: RepoRef;
  signal: AbortSignal;
  now: () => number;
  toleranceMs: number;
}

/**
 * One repository's sync state on every node of its primary's farms, read now (issue #13): the
 * primary's hashes of that repository (`GET /repos/{id}`, reference §4.12) and each node's
 * `supportInfo/projects/{key}/repos/{slug}/repoSyncStatus` (§5.7), all at once — 1 + nodes
 * requests, whatever the number of repositories. The sweep's data may be a period old; this is
 * what the repository page shows. Judged by the same rules as the sweep (derive.ts), with the
 * farm-level lists (delayed-sync, queue, selection) of the farm's last regular poll.
 */
export async function readRepoMirrorStatus(ctx: RepoStatusContext): Promise<RepositoryMirrorStatus> {
  const { repo, signal } = ctx;
  const upstreamRead = settle(ctx, async () => {
    const r = await ctx.primaryClient.getJson(`${MIRRORING}/repos/${encodeURIComponent(repo.id)}`, { auth: 'admin', signal, allowStatus: [404] });
    return r.status === 404 ? null : normaliseUpstreamRepo(r.body);
  });
  const farmReads = ctx.farms.map((state) => Promise.all(state.farm.nodes.map((n) => readNode(ctx, n.baseUrl))));
  const [upstream, ...perFarm] = await Promise.all([upstreamRead, ...farmReads]);
  const readAt = ctx.now();
  const upstreamError = upstream.ok ? null : `The primary's hashes of this repository could not be read: ${upstream.error.message}`;
  const hashes = upstream.ok ? new Map<string, UpstreamRepo>(upstream.value ? [[repo.id, upstream.value]] : []) : null;
  const farms = ctx.farms.map((state, i) => {
    const nodes = perFarm[i] ?? [];
    if (nodes.length === 0) {
      return { farmId: state.id, row: null, error: `${state.farm.name} has no known nodes yet: they are listed by its next poll.` };
    }
    return { farmId: state.id, row: judgeRepo(ctx, state, nodes, hashes, upstreamError, readAt), error: null };
  });
  return { repoId: repo.id, readAt, upstreamError, farms };
}

/** One node's entry for the repository: a map of at most one, empty when the node does not hold it (404). */
async function readNode(ctx: RepoStatusContext, baseUrl: string | null): Promise<NodeSyncData> {
  if (baseUrl === null) return { ok: false, reason: 'The node’s HTTP address cannot be derived from its cluster address' };
  const path = `${MIRRORING}/supportInfo/projects/${encodeURIComponent(ctx.repo.projectKey)}/repos/${encodeURIComponent(ctx.repo.slug)}/repoSyncStatus`;
  const client = ctx.nodeClient(baseUrl);
  const read = await settle(ctx, () => client.getJson(path, { auth: 'admin', signal: ctx.signal, allowStatus: [404] }));
  if (!read.ok) return { ok: false, reason: `Sync status unavailable: ${read.error.message}` };
  const entry = read.value.status === 404 ? null : normaliseSyncEntry(read.value.body);
  if (read.value.status !== 404 && entry === null) return { ok: false, reason: 'Sync status unreadable: the node answered without a repository id' };
  // The node names the repository by the mirror's key and slug; the entry must still be ours.
  if (entry && entry.repoId !== ctx.repo.id) return { ok: false, reason: `The node answered for repository ${entry.repoId}, not ${ctx.repo.id}` };
  return { ok: true, entries: new Map(entry ? [[entry.repoId, entry]] : []) };
}

function judgeRepo(
  ctx: RepoStatusContext,
  state: FarmState,
  nodes: readonly NodeSyncData[],
  hashes: ReadonlyMap<string, UpstreamRepo> | null,
  upstreamProblem: string | null,
  now: number,
): RepositoryMirrorRow {
  const names = state.farm.nodes.map((n) => n.name);
  // Copies: the derivation rewrites what it is given, and the farm's own record belongs to the sweep.
  const pendingSince = names.map((name) => {
    const since = state.pendingByNode.find((p) => p.node === name)?.since.get(ctx.repo.id);
    return new Map(since === undefined ? [] : [[ctx.repo.id, since]]);
  });
  const initial = state.farm.initialSync;
  const out = deriveFarm({
    now,
    upstream: hashes,
    upstreamProblem,
    selection: state.farm.projectSelection,
    initialSyncRunning: initial !== null && !initial.complete,
    delayed: state.lists.delayed,
    queued: state.lists.queued,
    nodes,
    toleranceMs: ctx.toleranceMs,
    pendingSince,
  });
  const row = out.rows.find(ctx.repo.id);
  const cells = row
    ? row.nodes
    : // Neither the primary's hashes nor any node has it: nothing to derive from, say why per node.
      nodes.map((n) => ({
        state: 'UNKNOWN' as const,
        reason: n.ok ? `Not on this node, and ${upstreamProblem ?? 'the primary does not list it'}` : n.reason,
        lastSyncAt: null,
        failedSyncCount: null,
      }));
  return {
    state: row?.state ?? 'UNKNOWN',
    nodes: cells.map((c, i) => ({
      name: names[i] ?? `node ${i + 1}`,
      state: c.state,
      lastSyncAt: c.lastSyncAt,
      failedSyncCount: c.failedSyncCount,
      reason: c.reason,
    })),
  };
}
