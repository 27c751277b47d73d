import type { Primary, RepositoryCounts, TargetError, TargetStatus } from '../../../shared/model';
import { isNodeServing } from '../../../shared/logic/nodes';
import { formatDuration } from '../../../shared/logic/units';
import type { PrimaryConfig } from '../config/fleet-config-schema';
import type { BitbucketClient } from '../http/bitbucket-client';
import { toTargetError } from '../http/fleet-error';
import { INVENTORY_PAGE } from './inventory';
import { inventoryRead } from './inventory-reader';
import type { InventoryTable } from './inventory-table';
import { clusterAccess, readCredentialRejected } from './cluster-access';
import { resolveNodeHosts } from './match-nodes';
import { mergeNodes } from './merge-nodes';
import { normaliseAppProperties, normaliseCluster } from './normalise';
import { initialDatasets, recordDataset } from './primary-datasets';
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
  /**
   * Whether this poll pages through the repository inventory. Its cost grows with repositories,
   * so it runs on its own slower schedule; between runs the last counts are kept.
   */
  inventoryDue: boolean;
  /** Told the repositories of each inventory sweep that completed (search and the repository page use them). */
  onInventory?: (repos: InventoryTable) => void;
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
 * One poll of a primary: version, cluster membership, each node's `/status` and the repository
 * inventory, all in parallel (the inventory pages in sequence). Whatever fails keeps the previous
 * value, so the last good data stays visible while the status and message say what went wrong.
 */
export async function pollPrimary(ctx: PrimaryPollContext, previous: Primary): Promise<Primary> {
  const started = ctx.now();
  const { client, config, signal } = ctx;
  const clusterAuth = config.admin ? 'admin' : 'read';

  startMark('first primary poll sent');
  const [props, cluster, repos, nodeStatuses, hosts] = await Promise.all([
    settle(ctx, () =>
      client
        .getJson('/rest/api/1.0/application-properties', { auth: 'none', signal })
        .then((r) => ({ value: normaliseAppProperties(r.body), durationMs: r.durationMs })),
    ),
    settle(ctx, () =>
      client.getJson('/rest/api/1.0/admin/cluster', { auth: clusterAuth, signal }).then((r) => ({ value: normaliseCluster(r.body), durationMs: r.durationMs })),
    ),
    ctx.inventoryDue
      ? settle(ctx, async () => {
          const read = inventoryRead(config.id);
          try {
            const walked = await client.eachPage(
              '/rest/api/1.0/repos',
              {
                auth: 'read',
                signal,
                limit: 1000,
                query: { archived: 'ALL' },
                lean: INVENTORY_PAGE,
                kind: 'background',
                overlap: true,
                ...(read.readBytes ? { readBytes: read.readBytes } : {}),
              },
              read.page,
            );
            const { table, counts } = await read.finish();
            return { value: { ...walked, repos: table, counts }, durationMs: walked.durationMs };
          } finally {
            read.drop();
          }
        })
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
    resolveNodeHosts(config.nodes),
  ]);
  const at = ctx.now();
  startMark('first primary poll answered');

  const inventory = recordDataset(previous.datasets.inventory, repos, at);
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
  const repositories: RepositoryCounts | null = repos?.ok ? repos.value.counts : previous.repositories;
  if (repos?.ok && !signal.aborted) ctx.onInventory?.(repos.value.repos);
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
    const slowest = Math.max(props.ms, cluster.ms, repos?.ok ? repos.ms / Math.max(repos.value.pages, 1) : 0);
    if (slowest > ctx.slowThresholdMs) {
      status = status === 'up' ? 'degraded' : status;
      problems.push(`Slow responses: ${formatDuration(slowest)} per request (threshold ${formatDuration(ctx.slowThresholdMs)})`);
    }
  }

  // Membership refused by design (read-only credential) does not count against a full success.
  const fullySuccessful = props.ok && (cluster.ok || access.kind === 'not-permitted') && (repos === null || repos.ok);
  // The note is the only message of an otherwise healthy primary, so `check` and the card still say it.
  if (membershipNote && problems.length === 0) problems.push(membershipNote);
  return {
    ...previous,
    status,
    datasets,
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
