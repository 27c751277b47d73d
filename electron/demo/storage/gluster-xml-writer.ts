/**
 * Writes `gluster --xml` output exactly as GlusterFS 10.3 prints it: same elements, order,
 * two-space indentation and empty-element forms as the captures in shared/fixtures/gluster/
 * (and, for peers and multi-server status, as a three-glusterd capture made the same way).
 */

import { close, document, el, esc, open } from './gluster-xml-document';

export const GLUSTERD_DOWN_TEXT = 'Connection failed. Please check if gluster daemon is operational.\n';

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
