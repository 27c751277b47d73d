import type { PrimaryNode, TargetError } from '../../../shared/model';
import { formatDuration } from '../../../shared/logic/units';
import { matchNodes, type NodeHost } from './match-nodes';
import { normaliseNodeStatus, type ClusterInfo, type ClusterNode } from './normalise';

type Settled<T> = { ok: true; value: T; ms: number } | { ok: false; error: TargetError; ms: number };
export type ClusterResult = Settled<ClusterInfo>;
export type NodeStatusResult = { name: string; baseUrl: string; res: Settled<{ status: number; body: unknown }> | null };

const memberNode = (c: ClusterNode): PrimaryNode => ({
  id: c.id,
  name: c.name,
  address: c.address,
  baseUrl: null,
  status: 'up',
  state: null,
  buildVersion: c.buildVersion,
  local: c.local,
  clusterMember: true,
  memberName: c.name,
  matchedBy: null,
  responseMs: null,
  message: null,
});

/**
 * Joins cluster membership (admin/cluster) with each configured node's own `/status`. A configured
 * node is matched to a member by its URL's host (and port), then by name (match-nodes.ts), and keeps
 * its configured name; members no configured node matches are listed under their own names. A node
 * that answers but matches no member is degraded, one that does not answer is down, one that answers
 * slowly is degraded with its measured time (still serving); with neither source it is unknown, never up. `membershipNote` explains, when membership cannot be read by design.
 */
export function mergeNodes(
  previous: PrimaryNode[],
  cluster: ClusterResult,
  statuses: NodeStatusResult[],
  slowMs: number,
  hosts: ReadonlyMap<string, NodeHost>,
  membershipNote: string | null,
): PrimaryNode[] {
  const out: PrimaryNode[] = [];
  const prev = new Map(previous.map((n) => [n.name, n]));
  const members = cluster.ok ? cluster.value.nodes : [];
  const matches = matchNodes(statuses, members, hosts);
  const matched = new Set([...matches.values()].map((m) => m.member));
  for (const c of members) if (!matched.has(c)) out.push(memberNode(c));

  for (const s of statuses) {
    const match = matches.get(s.name);
    const before = prev.get(s.name);
    const node: PrimaryNode = match
      ? { ...memberNode(match.member), name: s.name, matchedBy: match.by }
      : {
          ...(before ?? { id: null, address: null, buildVersion: null, local: false, state: null }),
          name: s.name,
          baseUrl: s.baseUrl,
          clusterMember: false,
          memberName: null,
          matchedBy: null,
          status: 'unknown',
          responseMs: null,
          message: null,
        };
    node.baseUrl = s.baseUrl;
    if (!cluster.ok) {
      // Membership unknown this poll: keep what was known, say nothing new about it.
      node.clusterMember = before?.clusterMember ?? false;
      node.memberName = before?.memberName ?? null;
      node.matchedBy = before?.matchedBy ?? null;
    }
    if (s.res) {
      node.responseMs = s.res.ms;
      if (s.res.ok) {
        const st = normaliseNodeStatus(s.res.value.status, s.res.value.body);
        node.state = st.state;
        node.status = st.status;
        node.message = st.message;
        if (st.status === 'up' && s.res.ms > slowMs) {
          node.status = 'degraded';
          node.message = `Slow: /status answered in ${formatDuration(s.res.ms)} (threshold ${formatDuration(slowMs)})`;
        }
      } else {
        node.state = null;
        node.status = 'down';
        node.message = s.res.error.message;
      }
    }
    if (cluster.ok && !match) {
      // Neither its URL's host nor its name matches any member.
      if (node.status === 'up') {
        node.status = 'degraded';
        node.message = 'Answers on HTTP but is not a cluster member (no member matches its URL host or its name)';
      } else if (node.status !== 'down') node.message ??= 'Not a cluster member (no member matches its URL host or its name)';
      else node.message = `${node.message ?? 'Unreachable'} · not a cluster member`;
    } else if (!cluster.ok && membershipNote && node.message === null) {
      node.message = membershipNote;
    }
    out.push(node);
  }
  if (!cluster.ok && statuses.length === 0) {
    // Nothing to check membership against: keep the names, but say nothing about their health.
    for (const p of previous) out.push({ ...p, status: 'unknown', message: membershipNote ?? 'Cluster membership unavailable' });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
