import type { RepositoryCounts } from '../../../shared/model/primary';
import type { TargetStatus } from '../../../shared/model/status';
import { bool, field, isRecord, port, text } from './normalise-read';

/**
 * Pure normalisers from Bitbucket payloads to model pieces. They accept ANY JSON value: a proxy,
 * a plugin or a future version may answer with something else, and the dashboard must then say
 * "unknown" rather than crash or claim health (DESIGN.md, "Bad input never crashes and never lies").
 */

export interface NodeStatus {
  /** `state` as the node reported it (upper-cased), or null when it gave none. */
  state: string | null;
  status: TargetStatus;
  message: string | null;
}

/** Longest state we take as a state rather than garbage. */
const MAX_STATE = 40;

const NOT_READY: Record<string, { status: TargetStatus; message: string }> = {
  STARTING: { status: 'degraded', message: 'Starting up: not serving requests yet.' },
  MAINTENANCE: { status: 'degraded', message: 'In maintenance mode (for example a backup or migration): not serving normally.' },
  FIRST_RUN: { status: 'degraded', message: 'Not set up yet: the setup wizard is waiting (FIRST_RUN).' },
  STOPPING: { status: 'degraded', message: 'Shutting down.' },
  ERROR: { status: 'down', message: "Reports state ERROR: it failed to start; check the node's atlassian-bitbucket.log." },
};

/** `GET /status` (§2.1): RUNNING is up; STARTING, MAINTENANCE, FIRST_RUN are degraded; garbage is unknown. */
export function normaliseNodeStatus(httpStatus: number, body: unknown): NodeStatus {
  const raw = text(field(body, 'state'));
  const state = raw !== null && raw.length <= MAX_STATE ? raw.toUpperCase() : null;
  const http = Number.isInteger(httpStatus) ? httpStatus : null;
  const ok = http !== null && http >= 200 && http < 300;

  if (state === 'RUNNING') {
    if (ok) return { state, status: 'up', message: null };
    return { state, status: 'unknown', message: `Reports RUNNING but answered HTTP ${http ?? '?'}; check the node's logs.` };
  }
  if (state !== null) {
    const known = NOT_READY[state];
    if (known) return { state, status: known.status, message: known.message };
    return { state, status: 'unknown', message: `Reports an unrecognised state "${state}".` };
  }
  if (http === 503) {
    return { state: null, status: 'degraded', message: 'Answered 503 Service Unavailable without a state: starting up or overloaded.' };
  }
  return { state: null, status: 'unknown', message: `Answered HTTP ${http ?? '?'} without a recognisable state.` };
}

export interface AppProperties {
  version: string | null;
  buildNumber: string | null;
  displayName: string | null;
}

/** `GET /rest/api/1.0/application-properties` (§2.2). */
export function normaliseAppProperties(body: unknown): AppProperties {
  return {
    version: text(field(body, 'version')),
    buildNumber: text(field(body, 'buildNumber')),
    displayName: text(field(body, 'displayName')),
  };
}

export interface ClusterNode {
  id: string | null;
  name: string;
  /** Cluster (Hazelcast) address as "host:port", or the host alone when no port was given. */
  address: string | null;
  /**
   * Every host the member is known by, lower case, without brackets: `address.address` (an IP) and
   * `address.hostName` both occur in the wild, sometimes together, and the ZDU shape has `ipAddress`.
   */
  hosts: string[];
  /** The cluster port, when given. */
  port: number | null;
  local: boolean;
  buildVersion: string | null;
}

export interface ClusterInfo {
  running: boolean | null;
  nodes: ClusterNode[];
}

/** `GET /rest/api/1.0/admin/cluster` (§2.3). Entries without a usable name or id are skipped. */
export function normaliseCluster(body: unknown): ClusterInfo {
  const localNode = field(body, 'localNode');
  const listed = field(body, 'nodes');
  // Some proxies and old versions return only `localNode`; one node is better than none.
  const rawNodes: unknown[] = Array.isArray(listed) ? listed : isRecord(localNode) ? [localNode] : [];
  const localId = text(field(localNode, 'id'));
  const seen = new Set<string>();
  const nodes: ClusterNode[] = [];
  for (const raw of rawNodes) {
    const node = clusterNode(raw, localId);
    if (!node) continue;
    const key = node.id !== null ? `id:${node.id}` : `name:${node.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    nodes.push(node);
  }
  return { running: bool(field(body, 'running')), nodes };
}

function clusterNode(raw: unknown, localId: string | null): ClusterNode | null {
  if (!isRecord(raw)) return null;
  const id = text(field(raw, 'id'));
  const name = text(field(raw, 'name')) ?? id;
  if (name === null) return null;
  const local = bool(field(raw, 'local')) ?? (localId !== null && id === localId);
  const where = clusterAddress(field(raw, 'address'));
  const hosts = [...where.hosts];
  const ip = text(field(raw, 'ipAddress'));
  if (ip !== null) hosts.push(normaliseHost(ip));
  return {
    id,
    name,
    address: where.display,
    hosts: [...new Set(hosts.filter((h) => h !== ''))],
    port: where.port,
    local,
    buildVersion: text(field(raw, 'buildVersion')),
  };
}

/** A host as URLs and cluster addresses may spell it: lower case, no IPv6 brackets, no trailing dot. */
export function normaliseHost(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
}

function clusterAddress(v: unknown): { display: string | null; hosts: string[]; port: number | null } {
  if (!isRecord(v)) {
    // Some proxies and versions flatten it to "host:port" (or "[v6]:port").
    const flat = text(v);
    if (flat === null) return { display: null, hosts: [], port: null };
    const m = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(flat);
    return m ? { display: flat, hosts: [normaliseHost(m[1]!)], port: Number(m[2]) } : { display: flat, hosts: [normaliseHost(flat)], port: null };
  }
  const names = [text(field(v, 'address')), text(field(v, 'hostName')), text(field(v, 'host'))].filter((h): h is string => h !== null);
  const host = names[0] ?? null;
  const p = port(field(v, 'port'));
  const hosts = names.map(normaliseHost);
  if (host === null) return { display: null, hosts, port: p };
  if (p === null) return { display: host, hosts, port: null };
  const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return { display: `${bracketed}:${p}`, hosts, port: p };
}

/** Count repositories from the paged `/rest/api/1.0/repos` feed (§2.8) by `state`, `archived` and project. */
export function countRepositories(values: unknown[]): RepositoryCounts {
  const tally = repositoryTally();
  if (Array.isArray(values)) for (const repo of values) tally.add(repo);
  return tally.counts();
}

/** A tally's counts and its distinct project keys, to be added to another tally as they are (a page read again, inventory-pages.ts). */
export interface TallyPart {
  counts: RepositoryCounts;
  projectKeys: readonly string[];
}

/** Counts repositories one at a time, so a paged inventory is counted page by page without keeping the pages. */
export function repositoryTally(): { add(repo: unknown): void; counts(): RepositoryCounts; part(): TallyPart; merge(part: TallyPart): void } {
  const counts: RepositoryCounts = { total: 0, available: 0, initialising: 0, initialisationFailed: 0, offline: 0, archived: 0, projects: 0 };
  const projects = new Set<string>();
  return {
    add(repo) {
      if (!isRecord(repo)) return;
      counts.total++;
      switch (text(field(repo, 'state'))?.toUpperCase()) {
        case 'AVAILABLE':
          counts.available++;
          break;
        case 'INITIALISING':
          counts.initialising++;
          break;
        case 'INITIALISATION_FAILED':
          counts.initialisationFailed++;
          break;
        case 'OFFLINE':
          counts.offline++;
          break;
        default:
          break;
      }
      if (field(repo, 'archived') === true) counts.archived++;
      const key = text(field(field(repo, 'project'), 'key'));
      if (key !== null) projects.add(key);
    },
    counts: () => ({ ...counts, projects: projects.size }),
    part: () => ({ counts: { ...counts, projects: projects.size }, projectKeys: [...projects] }),
    merge(part) {
      const c = part.counts;
      counts.total += c.total;
      counts.available += c.available;
      counts.initialising += c.initialising;
      counts.initialisationFailed += c.initialisationFailed;
      counts.offline += c.offline;
      counts.archived += c.archived;
      for (const key of part.projectKeys) projects.add(key);
    },
  };
}
