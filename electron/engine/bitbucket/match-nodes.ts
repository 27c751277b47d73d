import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { normaliseHost, type ClusterNode } from './normalise';

/**
 * Which cluster member (`admin/cluster`) is which configured node. Admins name nodes their own way
 * (`bb-node-1`) while Bitbucket reports its own node names, so a member is matched by the host (and
 * port) of the node's URL against the member's address first — `address.address` (an IP) and
 * `address.hostName` both occur, and a URL may use a name where the member reports an IP, so the
 * URL's host is resolved too — and by name only after that. Each member matches at most one node.
 */
export interface ConfiguredNode {
  name: string;
  baseUrl: string;
}

export interface NodeMatch {
  member: ClusterNode;
  by: 'address' | 'name';
}

/** The URL's host and port, and the addresses its host resolves to (empty when it does not). */
export interface NodeHost {
  host: string;
  port: number | null;
  addresses: string[];
}

const DNS_TIMEOUT_MS = 1_000;

/** Resolves each configured node's URL host once per poll; a name that does not resolve keeps only itself. */
export async function resolveNodeHosts(nodes: readonly ConfiguredNode[]): Promise<Map<string, NodeHost>> {
  const out = new Map<string, NodeHost>();
  await Promise.all(
    nodes.map(async (n) => {
      let url: URL;
      try {
        url = new URL(n.baseUrl);
      } catch {
        // The config schema validates URLs; an unparsable one simply matches by name.
        return;
      }
      const host = normaliseHost(url.hostname);
      const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
      const addresses = isIP(host) ? [] : await resolve(host);
      out.set(n.name, { host, port, addresses });
    }),
  );
  return out;
}

async function resolve(host: string): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string[]>((r) => (timer = setTimeout(() => r([]), DNS_TIMEOUT_MS)));
  try {
    const found = lookup(host, { all: true, verbatim: true }).then(
      (list) => list.map((a) => normaliseHost(a.address)),
      // A node name that does not resolve here can still match by its literal host or its name.
      () => [] as string[],
    );
    return await Promise.race([found, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** "bb-node-1" and "bb-node-1.example.com" are the same host when one of them is unqualified. */
function sameHost(a: string, b: string): boolean {
  if (a === b) return true;
  if (isIP(a) || isIP(b)) return false;
  const short = (h: string): string => h.split('.')[0]!;
  return (!a.includes('.') || !b.includes('.')) && short(a) === short(b);
}

export function matchNodes(
  configured: readonly ConfiguredNode[],
  members: readonly ClusterNode[],
  hosts: ReadonlyMap<string, NodeHost>,
): Map<string, NodeMatch> {
  const matches = new Map<string, NodeMatch>();
  const taken = new Set<ClusterNode>();
  // Every member on the node's host, taken or not: when a host carries several members, only the
  // port or the name may decide, never elimination (a node that is down has left the member list,
  // and the one member left on that host is another node's).
  const onHost = (n: ConfiguredNode): ClusterNode[] => {
    const h = hosts.get(n.name);
    if (!h) return [];
    const names = [h.host, ...h.addresses];
    return members.filter((m) => m.hosts.some((mh) => names.some((x) => sameHost(x, mh))));
  };
  for (const n of configured) {
    const candidates = onHost(n);
    let found = candidates;
    let by: NodeMatch['by'] = 'address';
    if (candidates.length > 1) {
      const port = hosts.get(n.name)?.port ?? null;
      const samePort = candidates.filter((m) => m.port !== null && m.port === port);
      if (samePort.length === 1) found = samePort;
      else {
        found = candidates.filter((m) => m.name.toLowerCase() === n.name.toLowerCase());
        by = 'name';
      }
    }
    const member = found.length === 1 ? found[0]! : undefined;
    if (member && !taken.has(member)) {
      matches.set(n.name, { member, by });
      taken.add(member);
    }
  }
  for (const n of configured) {
    if (matches.has(n.name)) continue;
    const m = members.find((x) => !taken.has(x) && x.name.toLowerCase() === n.name.toLowerCase());
    if (m) {
      matches.set(n.name, { member: m, by: 'name' });
      taken.add(m);
    }
  }
  return matches;
}
