import type { Primary, PrimaryNode, RepositoryCounts, TargetError, TargetStatus } from '../../../shared/model';
import { formatDuration } from '../../../shared/logic/units';
import type { PrimaryConfig } from '../config/fleet-config-schema';
import type { BitbucketClient } from '../http/bitbucket-client';
import { toTargetError } from '../http/fleet-error';
import { countRepositories, normaliseAppProperties, normaliseCluster, normaliseNodeStatus } from './normalise';

export interface PrimaryPollContext {
  config: PrimaryConfig;
  pollIntervalSeconds: number;
  /** Client for the primary's base URL (usually the load balancer). */
  client: BitbucketClient;
  /** One anonymous client per configured node, keyed by node name, for `/status`. */
  nodeClients: ReadonlyMap<string, BitbucketClient>;
  signal: AbortSignal;
  now: () => number;
  /** A response slower than this marks the primary degraded. */
  slowThresholdMs: number;
  /**
   * Whether this poll pages through the repository inventory. Its cost grows with repositories,
   * so it runs on its own slower schedule; between runs the last counts are kept.
   */
  inventoryDue: boolean;
}

type Settled<T> = { ok: true; value: T; ms: number } | { ok: false; error: TargetError; ms: number };

const DOWN_CODES = new Set(['refused', 'timeout', 'dns', 'network', 'tls', 'server-error']);

/** A fresh primary with nothing known yet: status unknown until the first poll ends. */
export function initialPrimary(config: PrimaryConfig, pollIntervalSeconds: number): Primary {
  return {
    id: config.id,
    name: config.name,
    baseUrl: config.baseUrl,
    status: 'unknown',
    statusMessage: 'Waiting for the first poll',
    version: null,
    buildNumber: null,
    displayName: null,
    nodes: config.nodes.map((n) => ({
      id: null,
      name: n.name,
      address: null,
      baseUrl: n.baseUrl,
      status: 'unknown',
      state: null,
      buildVersion: null,
      local: false,
      clusterMember: false,
      responseMs: null,
      message: null,
    })),
    repositories: null,
    inventoryAt: null,
    lastPollAt: null,
    lastSuccessAt: null,
    stale: false,
    lastError: null,
    pollIntervalSeconds,
    adminCredential: config.admin !== undefined,
    pollDurationMs: null,
    cache: null,
    pendingMirrorRequests: [],
  };
}

/**
 * One poll of a primary: version, cluster membership, each node's `/status` and the repository
 * inventory, all in parallel (the inventory pages in sequence). Whatever fails keeps the previous
 * value, so the last good data stays visible while the status and message say what went wrong.
 */
export async function pollPrimary(ctx: PrimaryPollContext, previous: Primary): Promise<Primary> {
  const started = ctx.now();
  const { client, config, signal } = ctx;
  const clusterAuth = config.admin ? 'admin' : 'read';

  const [props, cluster, repos, nodeStatuses] = await Promise.all([
    settle(ctx, () =>
      client
        .getJson('/rest/api/1.0/application-properties', { auth: 'none', signal })
        .then((r) => ({ value: normaliseAppProperties(r.body), durationMs: r.durationMs })),
    ),
    settle(ctx, () =>
      client.getJson('/rest/api/1.0/admin/cluster', { auth: clusterAuth, signal }).then((r) => ({ value: normaliseCluster(r.body), durationMs: r.durationMs })),
    ),
    ctx.inventoryDue
      ? settle(ctx, () =>
          client
            .getPaged('/rest/api/1.0/repos', { auth: 'read', signal, limit: 1000, query: { archived: 'ALL' } })
            .then((value) => ({ value, durationMs: value.durationMs })),
        )
      : null,
    Promise.all(
      config.nodes.map(async (n) => {
        const nodeClient = ctx.nodeClients.get(n.name);
        const res = nodeClient
          ? await settle(ctx, () =>
              nodeClient.getJson('/status', { auth: 'none', signal, allowStatus: [500, 502, 503] }).then((r) => ({ value: r, durationMs: r.durationMs })),
            )
          : null;
        return { name: n.name, baseUrl: n.baseUrl, res };
      }),
    ),
  ]);
  const at = ctx.now();

  const nodes = mergeNodes(previous.nodes, cluster, nodeStatuses, ctx.slowThresholdMs);
  const repositories: RepositoryCounts | null = repos?.ok ? countRepositories(repos.value.values) : previous.repositories;
  const problems: string[] = [];
  let firstError: TargetError | null = null;
  const note = (label: string, r: Settled<unknown>): void => {
    if (r.ok) return;
    firstError ??= r.error;
    problems.push(`${label}: ${r.error.message}`);
  };

  let status: TargetStatus;
  if (!props.ok) {
    note('Bitbucket', props);
    status = DOWN_CODES.has(props.error.code) ? 'down' : 'unknown';
  } else {
    status = 'up';
    const down = nodes.filter((n) => n.status === 'down' || n.status === 'degraded');
    if (down.length > 0) {
      status = 'degraded';
      problems.push(`${down.length} of ${nodes.length} nodes not serving: ${down.map((n) => n.name).join(', ')}`);
    }
    if (!cluster.ok) {
      note('Cluster membership unavailable', cluster);
      status = 'degraded';
    }
    if (repos && !repos.ok) {
      note('Repository inventory unavailable', repos);
      status = 'degraded';
    } else if (repos?.value.truncated) {
      problems.push(`Repository inventory stopped after ${repos.value.pages} pages; counts are partial`);
    }
    const slowest = Math.max(props.ms, cluster.ms, repos?.ok ? repos.ms / Math.max(repos.value.pages, 1) : 0);
    if (slowest > ctx.slowThresholdMs) {
      status = status === 'up' ? 'degraded' : status;
      problems.push(`Slow responses: ${formatDuration(slowest)} per request (threshold ${formatDuration(ctx.slowThresholdMs)})`);
    }
  }

  const fullySuccessful = props.ok && cluster.ok && (repos === null || repos.ok);
  return {
    ...previous,
    status,
    statusMessage: problems.length > 0 ? problems.join(' · ') : null,
    version: props.ok ? props.value.version : previous.version,
    buildNumber: props.ok ? props.value.buildNumber : previous.buildNumber,
    displayName: props.ok ? props.value.displayName : previous.displayName,
    nodes,
    repositories,
    lastPollAt: at,
    lastSuccessAt: fullySuccessful ? at : previous.lastSuccessAt,
    lastError: firstError,
    inventoryAt: repos?.ok ? at : previous.inventoryAt,
    pollIntervalSeconds: ctx.pollIntervalSeconds,
    pollDurationMs: at - started,
  };
}

/**
 * Runs one read; `ms` is the time of the exchange itself when the client measured it (not the wait
 * for a request slot behind the engine's other reads of the same host), else the wall time.
 */
async function settle<T>(ctx: PrimaryPollContext, fn: () => Promise<{ value: T; durationMs: number | undefined }>): Promise<Settled<T>> {
  const t0 = ctx.now();
  try {
    const { value, durationMs } = await fn();
    return { ok: true, value, ms: durationMs ?? ctx.now() - t0 };
  } catch (err) {
    return { ok: false, error: toTargetError(err, ctx.now()), ms: ctx.now() - t0 };
  }
}

type ClusterResult = Settled<ReturnType<typeof normaliseCluster>>;
type NodeStatusResult = { name: string; baseUrl: string; res: Settled<{ status: number; body: unknown }> | null };

/**
 * Joins cluster membership (admin/cluster) with each configured node's own `/status`. A node
 * that answers but left the cluster, or is a member but refuses connections, is down; with
 * neither source it is unknown, never up.
 */
function mergeNodes(previous: PrimaryNode[], cluster: ClusterResult, statuses: NodeStatusResult[], slowMs: number): PrimaryNode[] {
  const byName = new Map<string, PrimaryNode>();
  const prev = new Map(previous.map((n) => [n.name, n]));
  if (cluster.ok) {
    for (const c of cluster.value.nodes) {
      byName.set(c.name, {
        id: c.id,
        name: c.name,
        address: c.address,
        baseUrl: null,
        status: 'up',
        state: null,
        buildVersion: c.buildVersion,
        local: c.local,
        clusterMember: true,
        responseMs: null,
        message: null,
      });
    }
  }
  for (const s of statuses) {
    const member = byName.get(s.name);
    const base: PrimaryNode = member ?? {
      ...(prev.get(s.name) ?? { id: null, address: null, buildVersion: null, local: false, state: null }),
      name: s.name,
      baseUrl: s.baseUrl,
      clusterMember: false,
      status: 'unknown',
      responseMs: null,
      message: null,
    };
    const node: PrimaryNode = { ...base, baseUrl: s.baseUrl };
    if (!s.res) {
      byName.set(s.name, node);
      continue;
    }
    node.responseMs = s.res.ms;
    if (s.res.ok) {
      const st = normaliseNodeStatus(s.res.value.status, s.res.value.body);
      node.state = st.state;
      node.status = st.status;
      node.message = st.message;
      if (st.status === 'up' && s.res.ms > slowMs) {
        node.status = 'degraded';
        node.message = `Slow: /status took ${formatDuration(s.res.ms)}`;
      }
    } else {
      node.state = null;
      node.status = 'down';
      node.message = s.res.error.message;
    }
    if (cluster.ok && !member && node.status === 'up') {
      node.status = 'degraded';
      node.message = 'Answers on HTTP but is not listed as a cluster member';
    } else if (cluster.ok && !member && node.status !== 'down') {
      node.message ??= 'Not listed as a cluster member';
    } else if (cluster.ok && !member) {
      node.message = `${node.message ?? 'Unreachable'} · not listed as a cluster member`;
    }
    if (!cluster.ok) node.clusterMember = prev.get(s.name)?.clusterMember ?? false;
    byName.set(s.name, node);
  }
  if (!cluster.ok && statuses.length === 0) {
    // Nothing to check membership against: keep the names, but say nothing about their health.
    for (const p of previous) byName.set(p.name, { ...p, status: 'unknown', message: 'Cluster membership unavailable' });
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}
