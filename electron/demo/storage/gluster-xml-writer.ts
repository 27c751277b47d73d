/**
 * Writes `gluster --xml` output exactly as GlusterFS 10.3 prints it: same elements, order,
 * two-space indentation and empty-element forms as the captures in shared/fixtures/gluster/
 * (and, for peers and multi-server status, as a three-glusterd capture made the same way).
 */

export const GLUSTERD_DOWN_TEXT = 'Connection failed. Please check if gluster daemon is operational.\n';
export const GEOREP_NONE_TEXT = 'geo-replication command failed\n';

const HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One element per line at `depth` (two spaces each); an empty value is written `<name/>`. */
const el = (depth: number, name: string, value: string | number): string => {
  const pad = '  '.repeat(depth);
  const text = String(value);
  return text === '' ? `${pad}<${name}/>` : `${pad}<${name}>${esc(text)}</${name}>`;
};
const open = (depth: number, name: string, attrs = ''): string => `${'  '.repeat(depth)}<${name}${attrs}>`;
const close = (depth: number, name: string): string => `${'  '.repeat(depth)}</${name}>`;

/** The envelope: opRet/opErrno/opErrstr first, as every command but heal info writes it. */
function document(body: string[], op: { ret?: number; errno?: number; errstr?: string } = {}): string {
  return [
    HEADER,
    '<cliOutput>',
    el(1, 'opRet', op.ret ?? 0),
    el(1, 'opErrno', op.errno ?? 0),
    el(1, 'opErrstr', op.errstr ?? ''),
    ...body,
    '</cliOutput>',
    '',
  ].join('\n');
}

export interface XmlBrickInfo {
  host: string;
  path: string;
  uuid: string;
  arbiter: boolean;
}

export interface XmlVolumeInfo {
  name: string;
  id: string;
  status: 0 | 1 | 2;
  brickCount: number;
  distCount: number;
  replicaCount: number;
  arbiterCount: number;
  type: number;
  typeStr: string;
  bricks: XmlBrickInfo[];
  options: Array<[string, string]>;
}

const STATUS_STR = ['Created', 'Started', 'Stopped'] as const;

export function volumeInfoXml(volumes: XmlVolumeInfo[]): string {
  const body = [open(1, 'volInfo'), open(2, 'volumes')];
  for (const v of volumes) {
    body.push(
      open(3, 'volume'),
      el(4, 'name', v.name),
      el(4, 'id', v.id),
      el(4, 'status', v.status),
      el(4, 'statusStr', STATUS_STR[v.status]),
      el(4, 'snapshotCount', 0),
      el(4, 'brickCount', v.brickCount),
      el(4, 'distCount', v.distCount),
      el(4, 'replicaCount', v.replicaCount),
      el(4, 'arbiterCount', v.arbiterCount),
      el(4, 'disperseCount', 0),
      el(4, 'redundancyCount', 0),
      el(4, 'type', v.type),
      el(4, 'typeStr', v.typeStr),
      el(4, 'transport', 0),
      open(4, 'bricks'),
    );
    for (const b of v.bricks) {
      // Mixed content, as gluster writes it: the name as text, then again as <name>.
      const name = esc(`${b.host}:${b.path}`);
      body.push(
        `${'  '.repeat(5)}<brick uuid="${b.uuid}">${name}<name>${name}</name><hostUuid>${b.uuid}</hostUuid><isArbiter>${b.arbiter ? 1 : 0}</isArbiter></brick>`,
      );
    }
    body.push(close(4, 'bricks'), el(4, 'optCount', v.options.length), open(4, 'options'));
    for (const [name, value] of v.options) body.push(open(5, 'option'), el(6, 'name', name), el(6, 'value', value), close(5, 'option'));
    body.push(close(4, 'options'), close(3, 'volume'));
  }
  body.push(el(3, 'count', volumes.length), close(2, 'volumes'), close(1, 'volInfo'));
  return document(body);
}

export interface XmlStatusNode {
  hostname: string;
  path: string;
  peerId: string;
  online: boolean;
  port: number | null;
  pid: number;
  detail?: {
    sizeTotal: number;
    sizeFree: number;
    device: string;
    blockSize: number;
    mntOptions: string;
    fsName: string;
    inodesTotal: number;
    inodesFree: number;
  };
}

export interface XmlVolumeStatus {
  name: string;
  nodes: XmlStatusNode[];
  /** Left out by `status … detail`, written `<tasks/>` when empty otherwise. */
  tasks: Array<{ type: string; id: string; status: number; statusStr: string }> | null;
}

export function volumeStatusXml(volumes: XmlVolumeStatus[]): string {
  const body = [open(1, 'volStatus')];
  if (volumes.length === 0) {
    body.push(`${'  '.repeat(2)}<volumes/>`);
  } else {
    body.push(open(2, 'volumes'));
    for (const v of volumes) {
      body.push(open(3, 'volume'), el(4, 'volName', v.name), el(4, 'nodeCount', v.nodes.length));
      for (const n of v.nodes) {
        const port = n.online && n.port !== null ? String(n.port) : 'N/A';
        body.push(
          open(4, 'node'),
          el(5, 'hostname', n.hostname),
          el(5, 'path', n.path),
          el(5, 'peerid', n.peerId),
          el(5, 'status', n.online ? 1 : 0),
          el(5, 'port', port),
          open(5, 'ports'),
          el(6, 'tcp', port),
          el(6, 'rdma', 'N/A'),
          close(5, 'ports'),
          el(5, 'pid', n.online ? n.pid : -1),
        );
        if (n.detail) {
          const d = n.detail;
          body.push(
            el(5, 'sizeTotal', d.sizeTotal),
            el(5, 'sizeFree', d.sizeFree),
            el(5, 'device', d.device),
            el(5, 'blockSize', d.blockSize),
            el(5, 'mntOptions', d.mntOptions),
            el(5, 'fsName', d.fsName),
            el(5, 'inodesTotal', d.inodesTotal),
            el(5, 'inodesFree', d.inodesFree),
          );
        }
        body.push(close(4, 'node'));
      }
      if (v.tasks !== null) {
        if (v.tasks.length === 0) body.push(`${'  '.repeat(4)}<tasks/>`);
        else {
          body.push(open(4, 'tasks'));
          for (const t of v.tasks)
            body.push(open(5, 'task'), el(6, 'type', t.type), el(6, 'id', t.id), el(6, 'status', t.status), el(6, 'statusStr', t.statusStr), close(5, 'task'));
          body.push(close(4, 'tasks'));
        }
      }
      body.push(close(3, 'volume'));
    }
    body.push(close(2, 'volumes'));
  }
  body.push(close(1, 'volStatus'));
  return document(body);
}

export interface XmlPeer {
  uuid: string;
  hostname: string;
  connected: boolean;
}

export function peerStatusXml(peers: XmlPeer[]): string {
  if (peers.length === 0) return document([`${'  '.repeat(1)}<peerStatus/>`]);
  const body = [open(1, 'peerStatus')];
  for (const p of peers) {
    body.push(
      open(2, 'peer'),
      el(3, 'uuid', p.uuid),
      el(3, 'hostname', p.hostname),
      open(3, 'hostnames'),
      el(4, 'hostname', p.hostname),
      close(3, 'hostnames'),
      el(3, 'connected', p.connected ? 1 : 0),
      el(3, 'state', 3),
      el(3, 'stateStr', 'Peer in Cluster'),
      close(2, 'peer'),
    );
  }
  body.push(close(1, 'peerStatus'));
  return document(body);
}

export function volumeGetXml(options: Array<[string, string]>): string {
  const body = [open(1, 'volGetopts'), el(2, 'count', options.length)];
  for (const [name, value] of options) body.push(open(2, 'Opt'), el(3, 'Option', name), el(3, 'Value', value), close(2, 'Opt'));
  body.push(close(1, 'volGetopts'));
  return document(body);
}

export type XmlHealBrick =
  | {
      name: string;
      uuid: string;
      connected: true;
      total: number;
      pending: number;
      splitBrain: number;
      possiblyHealing: number;
      files?: Array<{ gfid: string; path: string }>;
    }
  | { name: string; connected: false };

/** `heal V info summary`, or with `listFiles` the `info split-brain` form. Heal info writes its opRet last. */
export function healInfoXml(bricks: XmlHealBrick[], mode: 'summary' | 'split-brain'): string {
  const body = [HEADER, '<cliOutput>', open(1, 'healInfo'), open(2, 'bricks')];
  for (const b of bricks) {
    body.push(open(3, 'brick', ` hostUuid="${b.connected ? b.uuid : '-'}"`), el(4, 'name', b.name));
    if (!b.connected) {
      body.push(
        mode === 'summary'
          ? el(4, 'status', 'Failed to process entries completely. (Transport endpoint is not connected)totalNumberOfEntries0')
          : el(4, 'status', 'Transport endpoint is not connected'),
      );
      if (mode === 'split-brain') body.push(el(4, 'numberOfEntries', '-'));
    } else if (mode === 'summary') {
      body.push(
        el(4, 'status', 'Connected'),
        el(4, 'totalNumberOfEntries', b.total),
        el(4, 'numberOfEntriesInHealPending', b.pending),
        el(4, 'numberOfEntriesInSplitBrain', b.splitBrain),
        el(4, 'numberOfEntriesPossiblyHealing', b.possiblyHealing),
      );
    } else {
      const files = b.files ?? [];
      for (const f of files) body.push(`${'  '.repeat(4)}<file gfid="${f.gfid}">${esc(f.path)}</file>`);
      body.push(el(4, 'status', 'Connected'), el(4, 'numberOfEntries', files.length));
    }
    body.push(close(3, 'brick'));
  }
  body.push(close(2, 'bricks'), close(1, 'healInfo'), el(1, 'opRet', 0), el(1, 'opErrno', 0), el(1, 'opErrstr', ''), '</cliOutput>', '');
  return body.join('\n');
}

export interface XmlGeoRepPair {
  primaryNode: string;
  primaryBrick: string;
  secondaryUser: string;
  secondary: string;
  secondaryNode: string;
  status: string;
  crawlStatus: string;
  /** null: the counters and times are N/A (any state but Active). */
  active: { entry: number; data: number; meta: number; failures: number; lastSynced: string } | null;
  primaryNodeUuid: string;
}

export interface XmlGeoRepSession {
  primaryVolume: string;
  sessionSecondary: string;
  pairs: XmlGeoRepPair[];
}

export function geoRepStatusXml(sessions: XmlGeoRepSession[]): string {
  const body = [open(1, 'geoRep')];
  for (const s of sessions) {
    body.push(open(2, 'volume'), el(3, 'name', s.primaryVolume), open(3, 'sessions'), open(4, 'session'), el(5, 'session_secondary', s.sessionSecondary));
    for (const p of s.pairs) {
      const a = p.active;
      body.push(
        open(5, 'pair'),
        el(6, 'primary_node', p.primaryNode),
        el(6, 'primary_brick', p.primaryBrick),
        el(6, 'secondary_user', p.secondaryUser),
        el(6, 'secondary', p.secondary),
        el(6, 'secondary_node', p.secondaryNode),
        el(6, 'status', p.status),
        el(6, 'crawl_status', p.crawlStatus),
        el(6, 'entry', a ? a.entry : 'N/A'),
        el(6, 'data', a ? a.data : 'N/A'),
        el(6, 'meta', a ? a.meta : 'N/A'),
        el(6, 'failures', a ? a.failures : 'N/A'),
        el(6, 'checkpoint_completed', 'N/A'),
        el(6, 'primary_node_uuid', p.primaryNodeUuid),
        el(6, 'last_synced', a ? a.lastSynced : 'N/A'),
        el(6, 'checkpoint_time', 'N/A'),
        el(6, 'checkpoint_completion_time', 'N/A'),
        close(5, 'pair'),
      );
    }
    body.push(close(4, 'session'), close(3, 'sessions'), close(2, 'volume'));
  }
  body.push(close(1, 'geoRep'));
  return document(body);
}

export interface XmlQuotaLimit {
  path: string;
  hardLimit: number;
  softLimitPercent: number;
  used: number;
}

export function quotaListXml(limits: XmlQuotaLimit[]): string {
  const body = [open(1, 'volQuota')];
  for (const l of limits) {
    const soft = Math.floor((l.hardLimit * l.softLimitPercent) / 100);
    body.push(
      open(2, 'limit'),
      el(3, 'path', l.path),
      el(3, 'hard_limit', l.hardLimit),
      el(3, 'soft_limit_percent', `${l.softLimitPercent}%`),
      el(3, 'soft_limit_value', soft),
      el(3, 'used_space', l.used),
      el(3, 'avail_space', Math.max(0, l.hardLimit - l.used)),
      el(3, 'sl_exceeded', l.used > soft ? 'Yes' : 'No'),
      el(3, 'hl_exceeded', l.used >= l.hardLimit ? 'Yes' : 'No'),
      close(2, 'limit'),
    );
  }
  body.push(close(1, 'volQuota'));
  return document(body);
}
