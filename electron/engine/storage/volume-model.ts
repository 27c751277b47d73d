import type { Brick, BrickHeal, Daemon, Peer, QuorumState, ReplicaSet, TargetStatus, VolumeOptions, VolumeQuorum } from '../../../shared/model';
import type { Part } from './collect';
import { isBrickNode } from './gluster-parse';
import type { GlusterHealBrick, GlusterOption, GlusterStatusNode, GlusterVolumeInfo, GlusterVolumeStatus } from './gluster-types';

/** The layout and state of one volume, built from `volume info`, `volume status [detail]`, options and heal info. */
export interface VolumeLayout {
  bricks: Brick[];
  replicaSets: ReplicaSet[];
  daemons: Daemon[];
  quorum: VolumeQuorum;
  options: VolumeOptions;
  /** Bricks per set: `brickCount / distCount` (3 for 2 × 3, 1 for plain distribute). */
  setSize: number;
}

/**
 * An option's value: as set on the volume (`volume info` lists those), else from `volume get`
 * (which also has the defaults). Both come from the same glusterd, so they agree where both exist.
 */
export function option(opts: Part<Map<string, GlusterOption>> | undefined, info: GlusterVolumeInfo, name: string): GlusterOption | null {
  const set = info.options.get(name);
  if (set !== undefined) return { value: set, isDefault: false };
  return opts?.ok ? (opts.value.get(name) ?? null) : null;
}

const numberOf = (o: GlusterOption | null): number | null => {
  if (o === null) return null;
  const n = Number.parseFloat(o.value);
  return Number.isFinite(n) ? n : null;
};
const onOff = (o: GlusterOption | null): boolean | null => (o === null ? null : ['on', 'yes', 'true', 'enable', '1'].includes(o.value.toLowerCase()));

export function buildLayout(
  info: GlusterVolumeInfo,
  status: GlusterVolumeStatus | undefined,
  detail: GlusterVolumeStatus | undefined,
  opts: Part<Map<string, GlusterOption>> | undefined,
  globalOpts: Part<Map<string, GlusterOption>>,
  heal: GlusterHealBrick[] | null,
  serverQuorum: QuorumState,
  /** Disconnected peers by uuid and by every host name they go by, to their name: their bricks drop out of status. */
  peersGone: ReadonlyMap<string, string> = new Map(),
  statusAnswered = false,
): VolumeLayout {
  const started = info.status === 1;
  const setSize = Math.max(1, info.distCount > 0 && info.brickCount % info.distCount === 0 ? info.brickCount / info.distCount : info.replicaCount);
  // `volume status all` answered, even if this volume is not in it (every brick it has may be on gone peers).
  const statusRead = status !== undefined || statusAnswered;
  const brickNodes = status?.nodes.filter(isBrickNode) ?? [];
  const detailNodes = detail?.nodes.filter(isBrickNode) ?? [];
  const healByName = new Map((heal ?? []).map((h) => [h.name, h]));

  const bricks: Brick[] = info.bricks.map((b, i) => {
    const s = findNode(brickNodes, b.host, b.path, b.hostUuid);
    const d = findNode(detailNodes, b.host, b.path, b.hostUuid);
    // `volume status` leaves out the bricks of a disconnected peer (reference §1, §2.4): they are down, and we say why.
    const goneWith = s === undefined && started && statusRead ? (peersGone.get(b.hostUuid ?? '') ?? peersGone.get(b.host.toLowerCase()) ?? null) : null;
    const brickStatus: TargetStatus = !started
      ? 'down'
      : !statusRead
        ? 'unknown'
        : s !== undefined
          ? s.online
            ? 'up'
            : 'down'
          : goneWith !== null
            ? 'down'
            : 'unknown';
    const sizeTotal = d?.sizeTotal ?? null;
    const sizeFree = d?.sizeFree ?? null;
    const inodesTotal = d?.inodesTotal ?? null;
    const inodesFree = d?.inodesFree ?? null;
    const h = healByName.get(b.name);
    return {
      name: b.name,
      host: b.host,
      path: b.path,
      replicaSet: Math.floor(i / setSize),
      arbiter: b.isArbiter,
      peerId: b.hostUuid,
      status: brickStatus,
      downBecause: goneWith === null ? null : `${goneWith} is disconnected`,
      pid: s?.online ? s.pid : null,
      port: s?.online ? s.port : null,
      sizeTotal,
      sizeFree,
      usedPercent: sizeTotal && sizeFree !== null ? round1(100 * (1 - sizeFree / sizeTotal)) : null,
      inodesTotal,
      inodesFree,
      inodesFreePercent: inodesTotal && inodesFree !== null ? round1((100 * inodesFree) / inodesTotal) : null,
      device: d?.device ?? null,
      fsName: d?.fsName ?? null,
      heal: h ? brickHeal(h) : null,
    };
  });

  const clientType = effectiveQuorumType(option(opts, info, 'cluster.quorum-type'), setSize);
  const quorumCount = numberOf(option(opts, info, 'cluster.quorum-count'));
  const replicaSets: ReplicaSet[] = [];
  for (let k = 0; k * setSize < bricks.length; k += 1) {
    const members = bricks.slice(k * setSize, (k + 1) * setSize);
    replicaSets.push(buildSet(info, k, members, setSize, clientType.type, quorumCount));
  }

  const serverType = option(opts, info, 'cluster.server-quorum-type');
  const ratio = globalOpts.ok ? globalOpts.value.get('cluster.server-quorum-ratio') : undefined;
  return {
    bricks,
    replicaSets,
    setSize,
    daemons: (status?.nodes ?? [])
      .filter((n) => !isBrickNode(n))
      .map((n) => ({ name: n.hostname, host: n.path, peerId: n.peerId, online: n.online, pid: n.online ? n.pid : null })),
    quorum: {
      clientType: setSize > 1 && info.disperseCount === 0 ? clientType.type : null,
      clientTypeDefault: clientType.isDefault,
      clientCount: quorumCount,
      serverType: serverType === null ? null : serverType.value === 'server' ? 'server' : 'off',
      serverRatio: ratio && !ratio.isDefault ? numberOf(ratio) : null,
      server: serverQuorum,
    },
    options: {
      selfHealDaemon: onOff(option(opts, info, 'cluster.self-heal-daemon')),
      healTimeoutSeconds: numberOf(option(opts, info, 'cluster.heal-timeout')),
      minFreeDiskPercent: numberOf(option(opts, info, 'cluster.min-free-disk')),
      minFreeInodesPercent: numberOf(option(opts, info, 'cluster.min-free-inodes')),
      storageReservePercent: numberOf(option(opts, info, 'storage.reserve')),
      favoriteChildPolicy: option(opts, info, 'cluster.favorite-child-policy')?.value ?? null,
      quota: info.options.get('features.quota') === 'on',
    },
  };
}

/** Disconnected peers, keyed by uuid and by each host name (lower case), to the name they are shown by. */
export function gonePeers(peers: readonly Peer[] | null): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of peers ?? []) {
    if (p.connected) continue;
    out.set(p.uuid, p.hostname);
    for (const h of [p.hostname, ...p.hostnames]) out.set(h.toLowerCase(), p.hostname);
  }
  return out;
}

function findNode(list: GlusterStatusNode[], host: string, path: string, uuid: string | null): GlusterStatusNode | undefined {
  return list.find((n) => n.hostname === host && n.path === path) ?? list.find((n) => n.path === path && uuid !== null && n.peerId === uuid);
}

function brickHeal(h: GlusterHealBrick): BrickHeal {
  // Partly processed bricks carry a stray "totalNumberOfEntries0" glued to the message.
  const status = h.status
    .replace(/totalNumberOfEntries\d*$/, '')
    .replace(/\)\s*Number of entries: \d+$/, ')')
    .trim();
  return { status, connected: h.connected, total: h.total ?? h.entries, pending: h.pending, splitBrain: h.splitBrain, possiblyHealing: h.possiblyHealing };
}

/** `cluster.quorum-type`; unset means auto for odd replica counts (replica 3, arbiter) and none otherwise. */
function effectiveQuorumType(o: GlusterOption | null, setSize: number): { type: 'auto' | 'fixed' | 'none'; isDefault: boolean } {
  const v = o?.value.toLowerCase();
  if (v === 'auto' || v === 'fixed' || v === 'none') return { type: v, isDefault: o?.isDefault ?? false };
  return { type: setSize % 2 === 1 ? 'auto' : 'none', isDefault: true };
}

function buildSet(info: GlusterVolumeInfo, index: number, members: Brick[], size: number, type: 'auto' | 'fixed' | 'none', count: number | null): ReplicaSet {
  const up = members.filter((b) => b.status === 'up').length;
  const down = members.filter((b) => b.status === 'down').length;
  const unknown = members.length - up - down;
  const kind = info.disperseCount > 0 ? 'disperse' : size > 1 ? 'replicate' : 'client';
  const name = `${info.name}-${kind}-${index}`;
  let quorum: QuorumState = 'not-applicable';
  let quorumRule = 'single brick: no replication';
  if (kind === 'disperse') {
    const need = size - info.redundancyCount;
    quorumRule = `disperse: at least ${need} of ${size} bricks up`;
    quorum = judge((u) => u >= need, up, unknown);
  } else if (kind === 'replicate') {
    const firstUp = (assumeUnknownUp: boolean): boolean => members[0]?.status === 'up' || (assumeUnknownUp && members[0]?.status === 'unknown');
    if (type === 'auto') {
      quorumRule =
        size % 2 === 1
          ? `auto: at least ${Math.floor(size / 2) + 1} of ${size} bricks up`
          : `auto: at least ${size / 2 + 1} of ${size} bricks up, or ${size / 2} including the first brick`;
      quorum = judge((u, optimistic) => u * 2 > size || (u * 2 === size && firstUp(optimistic)), up, unknown);
    } else if (type === 'fixed') {
      quorumRule = count === null ? 'fixed, but cluster.quorum-count is not set' : `fixed: at least ${count} of ${size} bricks up`;
      quorum = count === null ? 'unknown' : judge((u) => u >= count, up, unknown);
    } else {
      quorumRule = 'none: writable while one brick is up (split-brain risk)';
      quorum = judge((u) => u >= 1, up, unknown);
    }
  }
  const allDown = down === members.length;
  let status: TargetStatus;
  if (info.status !== 1 || allDown || quorum === 'lost') status = 'down';
  else if (up === members.length) status = 'up';
  else if (quorum === 'unknown' || (kind === 'client' && unknown > 0)) status = 'unknown';
  else status = 'degraded';
  return { index, name, bricks: members.map((b) => b.name), up, down, unknown, status, quorum: info.status === 1 ? quorum : 'not-applicable', quorumRule };
}

/** Quorum with some bricks unknown: met if met even when they are down, lost if lost even when they are up. */
function judge(rule: (up: number, optimistic: boolean) => boolean, up: number, unknown: number): QuorumState {
  if (rule(up, false)) return 'met';
  if (!rule(up + unknown, true)) return 'lost';
  return 'unknown';
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

/** A volume's availability: down if not started or every set is down, degraded if some set is, else the worst of its sets. */
export function volumeStatus(started: boolean, sets: readonly ReplicaSet[], statusRead: boolean): TargetStatus {
  if (!started) return 'down';
  if (!statusRead) return 'unknown';
  if (sets.length > 0 && sets.every((s) => s.status === 'down')) return 'down';
  // Part of the namespace is gone or read-only; the rest still serves (the verdict says how bad).
  if (sets.some((s) => s.status === 'down' || s.status === 'degraded')) return 'degraded';
  if (sets.some((s) => s.status === 'unknown')) return 'unknown';
  return 'up';
}
