import type { BitbucketClient } from '../http/bitbucket-client-contract';
import { readNodeDetail, readUpstreamHashes, type NodeDetail, type Pace } from './detail-reads';
import { settle, type Settled } from './farm-poll';
import { nodeKey, type FarmState, type SweptHashes } from './farm-state';

/** A farm to sweep and its nodes as the latest regular cycle found them. */
export interface SweepTarget {
  state: FarmState;
  nodes: ReadonlyArray<{ id: string | null; name: string; baseUrl: string | null }>;
}

export interface SweepContext {
  primaryClient: BitbucketClient;
  nodeClient(baseUrl: string): BitbucketClient;
  targets: readonly SweepTarget[];
  signal: AbortSignal;
  now: () => number;
  pace: Pace;
}

/**
 * One sweep of a primary's per-repository mirror detail: its repository hashes, then each node's
 * `repoSyncStatus`, one request at a time (the pace spreads them over the sweep's budget). Each
 * farm gets its nodes' entries as soon as they are read. A node that fails keeps the failure as
 * its detail (shown as its repositories' reason); only the hashes failing fails the sweep.
 */
export async function sweepPrimary(ctx: SweepContext): Promise<SweptHashes> {
  const hashes = await settle(ctx, () => readUpstreamHashes(ctx.primaryClient, ctx.signal, ctx.pace));
  const swept: SweptHashes = hashes.ok
    ? { value: hashes.value, problem: hashes.value.problem, at: ctx.now() }
    : { value: null, problem: hashes.error.message, at: ctx.now() };
  const upstream = hashes.ok ? hashes.value.hashes : null;
  try {
    for (const target of ctx.targets) {
      const byNode = new Map<string, Settled<NodeDetail>>();
      for (const node of target.nodes) {
        if (node.baseUrl === null) continue;
        const client = ctx.nodeClient(node.baseUrl);
        byNode.set(nodeKey(node), await settle(ctx, () => readNodeDetail(client, ctx.signal, ctx.pace, upstream)));
      }
      target.state.setDetail(byNode, ctx.now(), swept);
    }
  } finally {
    // Every node of this sweep has been compared with the hashes: what each entry's comparison gave is in its table.
    upstream?.releaseHashes();
  }
  return swept;
}
