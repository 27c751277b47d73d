import type {
  GlusterBrickInfo,
  GlusterGeoRepPair,
  GlusterGeoRepSession,
  GlusterHealBrick,
  GlusterOption,
  GlusterPeer,
  GlusterQuotaLimit,
  GlusterStatusNode,
  GlusterVolumeInfo,
  GlusterVolumeStatus,
} from './gluster-types';
import { node, nodes, num, str, strs, type XmlNode } from './gluster-xml';

/**
 * Readers for each command's part of the `<cliOutput>` envelope (GlusterFS 10.3, see
 * shared/reference/glusterfs.md §2). Each takes the envelope of a successful call.
 */

/** `volume info [V]` → `<volInfo><volumes><volume>…` */
export function readVolumeInfo(root: XmlNode): GlusterVolumeInfo[] {
  const volumes = node(node(root['volInfo'])?.['volumes']);
  return nodes(volumes?.['volume']).map((v) => {
    const bricks = nodes(node(v['bricks'])?.['brick']).map(readBrickInfo);
    const options = new Map<string, string>();
    for (const o of nodes(node(v['options'])?.['option'])) {
      const name = str(o['name']);
      if (name !== null) options.set(name, str(o['value']) ?? '');
    }
    const brickCount = num(v['brickCount']) ?? bricks.length;
    return {
      name: str(v['name']) ?? '',
      id: str(v['id']) ?? '',
      status: num(v['status']),
      statusStr: str(v['statusStr']) ?? 'Unknown',
      brickCount,
      distCount: num(v['distCount']) ?? 1,
      replicaCount: num(v['replicaCount']) ?? 1,
      arbiterCount: num(v['arbiterCount']) ?? 0,
      disperseCount: num(v['disperseCount']) ?? 0,
      redundancyCount: num(v['redundancyCount']) ?? 0,
      typeStr: str(v['typeStr']) ?? 'Unknown',
      bricks,
      options,
    };
  });
}

/** `<brick uuid>host:/path<name>host:/path</name>…` is mixed content: read `name`, not the text. */
function readBrickInfo(b: XmlNode): GlusterBrickInfo {
  const name = str(b['name']) ?? str(b['#text']) ?? '';
  return { name, ...splitBrickName(name), hostUuid: str(b['hostUuid']) ?? str(b['@_uuid']), isArbiter: num(b['isArbiter']) === 1 };
}

/** `host:/path` → host and path; the path starts at the first ":/" (IPv6 hosts contain colons). */
export function splitBrickName(name: string): { host: string; path: string } {
  const i = name.indexOf(':/');
  return i < 0 ? { host: name, path: '' } : { host: name.slice(0, i), path: name.slice(i + 1) };
}

/** `volume status all [detail]` → per volume, its bricks and daemons, and its tasks. */
export function readVolumeStatus(root: XmlNode): GlusterVolumeStatus[] {
  const volumes = node(node(root['volStatus'])?.['volumes']);
  return nodes(volumes?.['volume']).map((v) => ({
    name: str(v['volName']) ?? '',
    nodes: nodes(v['node']).map(readStatusNode),
    tasks: nodes(node(v['tasks'])?.['task']).map((t) => ({
      type: str(t['type']) ?? 'Task',
      id: str(t['id']) ?? '',
      statusStr: str(t['statusStr']) ?? String(num(t['status']) ?? 'unknown'),
    })),
  }));
}

function readStatusNode(n: XmlNode): GlusterStatusNode {
  const pid = num(n['pid']);
  return {
    hostname: str(n['hostname']) ?? '',
    path: str(n['path']) ?? '',
    peerId: str(n['peerid']),
    online: num(n['status']) === 1,
    port: num(n['port']) ?? num(node(n['ports'])?.['tcp']),
    pid: pid === null || pid < 0 ? null : pid,
    sizeTotal: num(n['sizeTotal']),
    sizeFree: num(n['sizeFree']),
    // Not <inodeSize>: up to 10.x it holds the filesystem name instead of a number.
    inodesTotal: num(n['inodesTotal']),
    inodesFree: num(n['inodesFree']),
    device: str(n['device']),
    fsName: str(n['fsName']),
  };
}

/** Daemons are `<node>`s too; bricks have a path starting with "/". */
export const isBrickNode = (n: GlusterStatusNode): boolean => n.path.startsWith('/');

/** `peer status` → the other servers of the pool (empty on a one-server cluster). */
export function readPeers(root: XmlNode): GlusterPeer[] {
  return nodes(node(root['peerStatus'])?.['peer']).map((p) => ({
    uuid: str(p['uuid']) ?? '',
    hostname: str(p['hostname']) ?? '',
    hostnames: strs(node(p['hostnames'])?.['hostname']),
    connected: num(p['connected']) === 1,
    state: num(p['state']),
    stateStr: str(p['stateStr']) ?? 'unknown',
  }));
}

const DEFAULT_SUFFIX = /\s*\(DEFAULT\)\s*$/;

/** `volume get V all|opt` → option name to value; " (DEFAULT)" is stripped and remembered. */
export function readVolumeGet(root: XmlNode): Map<string, GlusterOption> {
  const out = new Map<string, GlusterOption>();
  for (const o of nodes(node(root['volGetopts'])?.['Opt'])) {
    const name = str(o['Option']);
    const raw = str(o['Value']) ?? '';
    if (name === null) continue;
    out.set(name, { value: raw.replace(DEFAULT_SUFFIX, ''), isDefault: DEFAULT_SUFFIX.test(raw) });
  }
  return out;
}

/** `volume heal V info [summary|split-brain]` → per brick; counts are null where the brick was not reached. */
export function readHealInfo(root: XmlNode): GlusterHealBrick[] {
  return nodes(node(node(root['healInfo'])?.['bricks'])?.['brick']).map((b) => {
    const status = str(b['status']) ?? 'unknown';
    const uuid = str(b['@_hostUuid']);
    return {
      name: str(b['name']) ?? '',
      hostUuid: uuid === '-' ? null : uuid,
      status,
      connected: status === 'Connected',
      total: num(b['totalNumberOfEntries']),
      pending: num(b['numberOfEntriesInHealPending']),
      splitBrain: num(b['numberOfEntriesInSplitBrain']),
      possiblyHealing: num(b['numberOfEntriesPossiblyHealing']),
      entries: num(b['numberOfEntries']),
      files: nodes(b['file']).map((f) => ({ gfid: str(f['@_gfid']), path: str(f['#text']) ?? '' })),
    };
  });
}

/** `volume geo-replication status` → sessions; accepts the pre-10.0 master/slave names too. */
export function readGeoRep(root: XmlNode): GlusterGeoRepSession[] {
  const out: GlusterGeoRepSession[] = [];
  for (const v of nodes(node(root['geoRep'])?.['volume'])) {
    const primaryVolume = str(v['name']) ?? '';
    for (const s of nodes(node(v['sessions'])?.['session'])) {
      const pairs = nodes(s['pair']).map(readGeoRepPair);
      const sessionId = str(s['session_secondary']) ?? str(s['session_slave']);
      out.push({ primaryVolume, sessionId, secondary: pairs[0]?.secondary ?? secondaryFromSession(sessionId), pairs });
    }
  }
  return out;
}

function readGeoRepPair(p: XmlNode): GlusterGeoRepPair {
  const pick = (now: string, before: string): string | null => str(p[now]) ?? str(p[before]);
  const na = (v: string | null): string | null => (v === null || v === 'N/A' ? null : v);
  return {
    primaryNode: pick('primary_node', 'master_node') ?? '',
    primaryBrick: pick('primary_brick', 'master_brick') ?? '',
    secondaryUser: na(pick('secondary_user', 'slave_user')),
    secondary: (pick('secondary', 'slave') ?? '').replace(/^ssh:\/\//, ''),
    secondaryNode: na(pick('secondary_node', 'slave_node')),
    status: str(p['status']) ?? 'unknown',
    crawlStatus: na(str(p['crawl_status'])),
    lastSynced: na(str(p['last_synced'])),
    entry: num(p['entry']),
    data: num(p['data']),
    meta: num(p['meta']),
    failures: num(p['failures']),
    checkpointCompleted: na(str(p['checkpoint_completed'])),
    checkpointTime: na(str(p['checkpoint_time'])),
  };
}

/** "<uuid>:ssh://host::vol:<uuid>" → "host::vol". */
function secondaryFromSession(id: string | null): string {
  const m = id === null ? null : /ssh:\/\/([^:]+::[^:]+)/.exec(id);
  return m?.[1] ?? id ?? '';
}

/** `volume quota V list` → limits. */
export function readQuota(root: XmlNode): GlusterQuotaLimit[] {
  return nodes(node(root['volQuota'])?.['limit']).map((l) => ({
    path: str(l['path']) ?? '',
    hardLimit: num(l['hard_limit']),
    softLimitPercent: num((str(l['soft_limit_percent']) ?? '').replace('%', '')),
    used: num(l['used_space']),
    available: num(l['avail_space']),
    softExceeded: str(l['sl_exceeded']) === 'Yes',
    hardExceeded: str(l['hl_exceeded']) === 'Yes',
  }));
}
