import type { Primary, TargetError, TargetStatus } from '../../../shared/model';
import { isNodeServing } from '../../../shared/logic/nodes';
import { formatDuration } from '../../../shared/logic/units';
import type { PrimaryConfig } from '../config/fleet-config-schema';
import type { BitbucketClient } from '../http/bitbucket-client-contract';
import type { WalkOutcome } from './inventory-walk';
import { clusterAccess, readCredentialRejected } from './cluster-access';
import { resolveNodeHosts } from './match-nodes';
import { mergeNodes } from './merge-nodes';
import { normaliseAppProperties, normaliseCluster } from './normalise';
import { initialDatasets, recordDataset } from './primary-datasets';
import { settle, type Settled } from './settle';
import { startMark } from '../start-marks';

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
}

/** What one regular poll read: version, cluster membership, each node's `/status`, the nodes' hosts. */
export interface RegularReads {
  props: Settled<ReturnType<typeof normaliseAppProperties>>;
  cluster: Settled<ReturnType<typeof normaliseCluster>>;
  nodeStatuses: Parameters<typeof mergeNodes>[2];
  hosts: Awaited<ReturnType<typeof resolveNodeHosts>>;
  started: number;
  at: number;
}

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
      memberName: null,
      matchedBy: null,
      responseMs: null,
      message: null,
    })),
    repositories: null,
    inventoryAt: null,
    lastPollAt: null,
    lastSuccessAt: null,
    stale: false,
    datasets: initialDatasets(),
    lastError: null,
    pollIntervalSeconds,
    adminCredential: config.admin !== undefined,
    pollDurationMs: null,
    cache: null,
    pendingMirrorRequests: [],
  };
}

/**
 * One regular poll of a primary: version, cluster membership and each node's `/status`, in
 * parallel. The repository inventory is walked by its own job (`inventory-walk.ts`); the poll
 * never waits for it.
 */
export async function readPrimary(ctx: PrimaryPollContext): Promise<RegularReads> {
  const started = ctx.now();
  const { client, config, signal } = ctx;
  const clusterAuth = config.admin ? 'admin' : 'read';

  startMark('first primary poll sent');
  const [props, cluster, nodeStatuses, hosts] = await Promise.all([
    settle(ctx.now, () =>
      client
        .getJson('/rest/api/1.0/application-properties', { auth: 'none', signal })
        .then((r) => ({ value: normaliseAppProperties(r.body), durationMs: r.durationMs })),
    ),
    settle(ctx.now, () =>
      client.getJson('/rest/api/1.0/admin/cluster', { auth: clusterAuth, signal }).then((r) => ({ value: normaliseCluster(r.body), durationMs: r.durationMs })),
    ),
    Promise.all(
      config.nodes.map(async (n) => {
        const nodeClient = ctx.nodeClients.get(n.name);
        const res = nodeClient
          ? await settle(ctx.now, () =>
              nodeClient.getJson('/status', { auth: 'none', signal, allowStatus: [500, 502, 503] }).then((r) => ({ value: r, durationMs: r.durationMs })),
            )
          : null;
        return { name: n.name, baseUrl: n.baseUrl, res };
      }),
    ),
    resolveNodeHosts(config.nodes),
  ]);
  const at = ctx.now();
  startMark('first primary poll answered');
  return { props, cluster, nodeStatuses, hosts, started, at };
}

/** The primary with the outcome of an inventory walk that just ended: counts, dataset, when. */
export function withInventory(previous: Primary, walk: WalkOutcome): Primary {
  const ok = walk.result.ok ? walk.result.value : null;
  return {
    ...previous,
    datasets: { ...previous.datasets, inventory: recordDataset(previous.datasets.inventory, walk.result, walk.at) },
    repositories: ok ? ok.counts : previous.repositories,
    inventoryAt: ok ? walk.at : previous.inventoryAt,
    inventoryDurationMs: walk.durationMs,
  };
}

/**
 * The primary's status from its last regular poll and its last inventory walk (null before the
 * first has ended). Whatever fails keeps the previous value, so the last good data stays visible
 * while the status and message say what went wrong. The walk's outcome stays part of the status
 * until the next walk: a rejected read credential or a failed or truncated walk is said at every
 * poll, as when the walk ran inside the poll and a failed walk was retried at every poll.
 */
export function composePrimary(
  ctx: Pick<PrimaryPollContext, 'config' | 'pollIntervalSeconds' | 'slowThresholdMs'>,
  previous: Primary,
  reads: RegularReads,
  walk: WalkOutcome | null,
): Primary {
  const { config } = ctx;
  const { props, cluster, nodeStatuses, hosts, at } = reads;
  const repos = walk?.result ?? null;
  const inventory = previous.datasets.inventory;
  const readRejected = config.read !== undefined && readCredentialRejected(inventory);
  const access = clusterAccess(cluster, { hasAdmin: config.admin !== undefined, readRejected, previousNodes: previous.datasets.nodes });
  const membershipNote = access.kind === 'not-permitted' ? access.note : null;
  const datasets = {
    ...previous.datasets,
    version: recordDataset(previous.datasets.version, props, at),
    nodes: recordDataset(previous.datasets.nodes, access.kind === 'not-permitted' ? { notPermitted: access.note } : cluster, at),
    inventory,
  };
  const nodes = mergeNodes(previous.nodes, cluster, nodeStatuses, ctx.slowThresholdMs, hosts, membershipNote);
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
  } else if (readRejected) {
    // Only what anyone may read (the version) is current: not a mostly healthy primary, an unchecked one.
    status = 'unknown';
    const missing = ['the repository inventory', 'cluster membership and the node list'];
    firstError = repos && !repos.ok ? repos.error : firstError;
    problems.push(
      `The read credential was rejected, so ${missing.join(' and ')} cannot be read; only the version, which anyone can read, is current. ${datasets.inventory.message ?? ''}`.trim(),
    );
  } else {
    status = 'up';
    const notServing = nodes.filter((n) => !isNodeServing(n));
    if (notServing.length > 0) {
      status = 'degraded';
      problems.push(`${notServing.length} of ${nodes.length} nodes not serving: ${notServing.map((n) => n.name).join(', ')}`);
    }
    const isSlow = (n: (typeof nodes)[number]): boolean => n.responseMs !== null && n.responseMs > ctx.slowThresholdMs;
    const slow = nodes.filter((n) => isNodeServing(n) && isSlow(n));
    if (slow.length > 0) {
      status = 'degraded';
      problems.push(`${slow.length} of ${nodes.length} nodes slow: ${slow.map((n) => `${n.name} ${formatDuration(n.responseMs ?? 0)}`).join(', ')}`);
    }
    // Serving, but something else is wrong (e.g. answers on HTTP without being a cluster member).
    for (const n of nodes.filter((x) => isNodeServing(x) && x.status === 'degraded' && !isSlow(x))) {
      status = 'degraded';
      problems.push(`${n.name}: ${n.message ?? 'degraded'}`);
    }
    if (access.kind === 'failed') {
      note('Cluster membership unavailable', cluster);
      status = 'degraded';
    }
    if (repos && !repos.ok) {
      note('Repository inventory unavailable', repos);
      status = 'degraded';
    } else if (repos?.value.truncated) {
      problems.push(`Repository inventory stopped after ${repos.value.pages} pages; counts are partial`);
    }
    const slowest = Math.max(props.ms, cluster.ms);
    if (slowest > ctx.slowThresholdMs) {
      status = status === 'up' ? 'degraded' : status;
      problems.push(`Slow responses: ${formatDuration(slowest)} per request (threshold ${formatDuration(ctx.slowThresholdMs)})`);
    }
  }
  // The walk's pages were slow when it ran, up to an inventory interval ago: said, but the status is
  // this poll's (a primary that answers fast again is up at its next poll, not after the next walk).
  const walkPageMs = repos?.ok ? repos.ms / Math.max(repos.value.pages, 1) : 0;
  const walkNote =
    props.ok && walkPageMs > ctx.slowThresholdMs
      ? `The last inventory walk was slow: ${formatDuration(walkPageMs)} per page (threshold ${formatDuration(ctx.slowThresholdMs)})`
      : null;

  // Membership refused by design (read-only credential) does not count against a full success.
  const fullySuccessful = props.ok && (cluster.ok || access.kind === 'not-permitted') && (repos === null || repos.ok);
  // The note is the only message of an otherwise healthy primary, so `check` and the card still say it.
  if (membershipNote && problems.length === 0) problems.push(membershipNote);
  if (walkNote) problems.push(walkNote);
  return {
    ...previous,
    status,
    datasets,
    statusMessage: problems.length > 0 ? problems.join(' · ') : null,
    version: props.ok ? props.value.version : previous.version,
    buildNumber: props.ok ? props.value.buildNumber : previous.buildNumber,
    displayName: props.ok ? props.value.displayName : previous.displayName,
    nodes,
    lastPollAt: at,
    lastSuccessAt: fullySuccessful ? at : previous.lastSuccessAt,
    lastError: firstError,
    pollIntervalSeconds: ctx.pollIntervalSeconds,
    pollDurationMs: at - reads.started,
  };
}
