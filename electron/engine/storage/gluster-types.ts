/** What the gluster CLI reports, parsed from its XML but not yet judged. Internal to the engine. */

export interface GlusterBrickInfo {
  /** `host:/path` */
  name: string;
  host: string;
  path: string;
  hostUuid: string | null;
  isArbiter: boolean;
}

export interface GlusterVolumeInfo {
  name: string;
  id: string;
  /** 0 Created, 1 Started, 2 Stopped. */
  status: number | null;
  statusStr: string;
  brickCount: number;
  distCount: number;
  replicaCount: number;
  arbiterCount: number;
  disperseCount: number;
  redundancyCount: number;
  typeStr: string;
  bricks: GlusterBrickInfo[];
  /** Options set on the volume (only those changed from their defaults). */
  options: Map<string, string>;
}

export interface GlusterStatusNode {
  /** A brick's host, or a daemon's name ("Self-heal Daemon"). */
  hostname: string;
  /** A brick's path, or the host a daemon runs on. */
  path: string;
  peerId: string | null;
  online: boolean;
  port: number | null;
  pid: number | null;
  sizeTotal: number | null;
  sizeFree: number | null;
  inodesTotal: number | null;
  inodesFree: number | null;
  device: string | null;
  fsName: string | null;
}

export interface GlusterVolumeStatus {
  name: string;
  nodes: GlusterStatusNode[];
  tasks: { type: string; id: string; statusStr: string }[];
}

export interface GlusterPeer {
  uuid: string;
  hostname: string;
  hostnames: string[];
  connected: boolean;
  state: number | null;
  stateStr: string;
}

export interface GlusterOption {
  value: string;
  /** The CLI appends " (DEFAULT)" to values that were never set. */
  isDefault: boolean;
}

export interface GlusterHealBrick {
  name: string;
  hostUuid: string | null;
  status: string;
  connected: boolean;
  total: number | null;
  pending: number | null;
  splitBrain: number | null;
  possiblyHealing: number | null;
  /** `numberOfEntries` of plain `info` / `info split-brain`. */
  entries: number | null;
  files: { gfid: string | null; path: string }[];
}

export interface GlusterGeoRepPair {
  primaryNode: string;
  primaryBrick: string;
  secondaryUser: string | null;
  secondary: string;
  secondaryNode: string | null;
  status: string;
  crawlStatus: string | null;
  lastSynced: string | null;
  entry: number | null;
  data: number | null;
  meta: number | null;
  failures: number | null;
  checkpointCompleted: string | null;
  checkpointTime: string | null;
}

export interface GlusterGeoRepSession {
  primaryVolume: string;
  sessionId: string | null;
  secondary: string;
  pairs: GlusterGeoRepPair[];
}

export interface GlusterQuotaLimit {
  path: string;
  hardLimit: number | null;
  softLimitPercent: number | null;
  used: number | null;
  available: number | null;
  softExceeded: boolean;
  hardExceeded: boolean;
}
