import type { PrimaryNode } from '../model';

/**
 * A node serves requests when it answers: its own `/status` said RUNNING (however slowly), or, with
 * no URL of its own configured, the cluster lists it and nothing says otherwise. Slow is degraded,
 * not down: only a node that does not answer, or answers that it is not running, is not serving.
 */
export function isNodeServing(node: Pick<PrimaryNode, 'status' | 'state'>): boolean {
  if (node.status === 'down' || node.status === 'unknown') return false;
  return node.state === null ? node.status === 'up' : node.state === 'RUNNING';
}

/** "Nodes up": the nodes that serve requests, slow ones included. */
export function countNodesUp(nodes: readonly Pick<PrimaryNode, 'status' | 'state'>[]): number {
  return nodes.filter(isNodeServing).length;
}
