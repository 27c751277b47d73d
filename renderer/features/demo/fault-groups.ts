import type { DemoFault, DemoState } from '../../../shared/model';

/** One switchable fault of the simulated fleet, as the presenter drawer lists it. */
export interface FaultItem {
  /** Unique within its group: React's key. */
  key: string;
  targetId: string;
  fault: DemoFault;
  label: string;
  on: boolean;
  /** Kept from the per-area switches so tests and scripts find a fault by kind. */
  testId: string;
  /** The node, peer or brick the fault is about, when it is about one. */
  nodeName?: string;
}

export type FaultGroupKind = 'primary' | 'cache' | 'mirroring' | 'farm' | 'volume' | 'cluster';

/** The faults of one target: a primary, its SCM cache, a mirror farm, a volume… */
export interface FaultGroup {
  /** Unique across groups. */
  id: string;
  kind: FaultGroupKind;
  targetId: string;
  /** What the target is, as the audience knows it: `Production EU`, `bbshared (GlusterFS demo)`. */
  title: string;
  /** What kind of target, in words: `primary`, `SCM cache`, `mirror farm`, `volume`… */
  what: string;
  items: FaultItem[];
}

const item = (targetId: string, fault: DemoFault, label: string, on: boolean, testId: string, nodeName?: string): FaultItem => ({
  key: `${fault.kind}:${nodeName ?? ''}`,
  targetId,
  fault,
  label,
  on,
  testId,
  ...(nodeName !== undefined ? { nodeName } : {}),
});

const primaryGroups = (demo: DemoState): FaultGroup[] =>
  demo.primaries.map((p) => ({
    id: `primary:${p.id}`,
    kind: 'primary',
    targetId: p.id,
    title: p.name,
    what: 'primary',
    items: [
      ...p.nodes.map((node) => item(p.id, { kind: 'node-down', node }, `${node} down`, p.faults.nodesDown.includes(node), 'demo-node-down', node)),
      item(p.id, { kind: 'slow' }, 'Slow responses', p.faults.slowMs > 0, 'demo-slow'),
      item(p.id, { kind: 'server-error' }, '5xx errors', p.faults.serverError, 'demo-server-error'),
      item(p.id, { kind: 'html-login' }, 'HTML login page', p.faults.htmlLogin, 'demo-html-login'),
    ],
  }));

const cacheGroups = (demo: DemoState): FaultGroup[] =>
  (demo.cache?.primaries ?? []).map((p) => ({
    id: `cache:${p.id}`,
    kind: 'cache',
    targetId: p.id,
    title: `${p.name} (${p.version}${p.refsSupported ? ', ref-advertisement caching' : ''})`,
    what: 'SCM cache',
    items: [
      item(p.id, { kind: 'cache-disk-full' }, 'Disk nearly full', p.faults.diskFull, 'demo-cache-disk-full'),
      item(p.id, { kind: 'cache-push-storm' }, 'Push storm', p.faults.pushStorm, 'demo-cache-push-storm'),
      item(p.id, { kind: 'cache-odd-bodies' }, 'Odd answers', p.faults.oddBodies, 'demo-cache-odd-bodies'),
    ],
  }));

const mirrorGroups = (demo: DemoState): FaultGroup[] => {
  const mirrors = demo.mirrors;
  if (!mirrors) return [];
  const names = new Map(demo.primaries.map((p) => [p.id, p.name]));
  const mirroring = mirrors.primaries.map((p): FaultGroup => ({
    id: `mirroring:${p.primaryId}`,
    kind: 'mirroring',
    targetId: p.primaryId,
    title: names.get(p.primaryId) ?? p.primaryId,
    what: 'mirroring',
    items: [
      item(p.primaryId, { kind: 'mirror-request' }, 'A new mirror asks to be authorized', p.pendingRequests > 0, 'demo-mirror-request'),
      item(
        p.primaryId,
        { kind: 'mirroring-unavailable', reason: 'plugin-disabled' },
        `Mirroring unavailable${p.unavailable === 'no-licence' ? ' (409)' : ' (404)'}`,
        p.unavailable !== null,
        'demo-mirroring-unavailable',
      ),
    ],
  }));
  const farms = mirrors.farms
    .filter((f) => f.registration === 'accepted')
    .map((farm): FaultGroup => {
      const { faults } = farm;
      const last = farm.nodes.at(-1) ?? '';
      const failing = (node: string) => faults.failing.find((f) => f.node === node);
      const mismatch = faults.hashMismatch.find((m) => m.node === last);
      return {
        id: `farm:${farm.id}`,
        kind: 'farm',
        targetId: farm.id,
        title: `${farm.name} (${farm.api}, ${farm.mirrorType === 'FARM' ? `${farm.nodes.length} nodes` : 'single'})`,
        what: 'mirror farm',
        items: [
          ...farm.nodes.map((node) =>
            item(farm.id, { kind: 'mirror-node-offline', node }, `${node} offline`, faults.nodesOffline.includes(node), 'demo-mirror-node-offline', node),
          ),
          ...farm.nodes.map((node) => {
            const f = failing(node);
            return item(
              farm.id,
              { kind: 'mirror-repo-failing', node },
              f ? `${f.repo} failing on ${node}` : `A repository failing on ${node}`,
              f !== undefined,
              'demo-mirror-repo-failing',
              node,
            );
          }),
          item(farm.id, { kind: 'mirror-farm-behind' }, 'Falling behind (queue grows)', faults.behind, 'demo-mirror-behind'),
          item(
            farm.id,
            { kind: 'mirror-hash-mismatch', node: last },
            mismatch ? `Hash mismatch: ${mismatch.repo} on ${last}` : `Hash mismatch on ${last}`,
            mismatch !== undefined,
            'demo-mirror-hash-mismatch',
            last,
          ),
        ],
      };
    });
  return [...mirroring, ...farms];
};

/** Short label of a brick: its server and the last part of its path. */
const brickLabel = (brick: string): string => {
  const [host = brick, path = ''] = brick.split(':');
  return `${host} ${path.split('/').at(-1) ?? ''}`;
};

const storageGroups = (demo: DemoState): FaultGroup[] =>
  (demo.storage?.clusters ?? []).flatMap((c) => {
    const f = c.faults;
    const volumes = c.volumes.map((v): FaultGroup => ({
      id: `volume:${c.id}:${v.name}`,
      kind: 'volume',
      targetId: c.id,
      title: `${v.name} (${c.name})`,
      what: 'volume',
      items: [
        ...v.bricks.map((brick) =>
          item(
            c.id,
            { kind: 'gluster-brick-down', volume: v.name, brick },
            `${brickLabel(brick)} down`,
            f.bricksDown.some((d) => d.volume === v.name && d.brick === brick),
            'demo-gluster-brick-down',
            brick,
          ),
        ),
        item(c.id, { kind: 'gluster-heal-backlog', volume: v.name }, 'Heal backlog', f.healBacklog.includes(v.name), 'demo-gluster-heal-backlog'),
        item(c.id, { kind: 'gluster-split-brain', volume: v.name }, 'Split-brain', f.splitBrain.includes(v.name), 'demo-gluster-split-brain'),
        item(c.id, { kind: 'gluster-disk-full', volume: v.name }, 'Disk nearly full', f.diskFull.includes(v.name), 'demo-gluster-disk-full'),
        item(c.id, { kind: 'gluster-inodes-low', volume: v.name }, 'Inodes nearly out', f.inodesLow.includes(v.name), 'demo-gluster-inodes-low'),
      ],
    }));
    const cluster: FaultGroup = {
      id: `cluster:${c.id}`,
      kind: 'cluster',
      targetId: c.id,
      title: c.name,
      what: 'storage cluster',
      items: [
        ...c.peers.map((peer) =>
          item(
            c.id,
            { kind: 'gluster-peer-disconnected', peer },
            `${peer} disconnected`,
            f.peersDisconnected.includes(peer),
            'demo-gluster-peer-disconnected',
            peer,
          ),
        ),
        ...c.peers.map((peer) =>
          item(c.id, { kind: 'gluster-node-down', peer }, `${peer} lost (glusterd and bricks)`, f.nodesDown.includes(peer), 'demo-gluster-node-down', peer),
        ),
        item(c.id, { kind: 'gluster-georep-faulty' }, 'Geo-replication Faulty', f.geoRepFaulty, 'demo-gluster-georep-faulty'),
        item(c.id, { kind: 'gluster-glusterd-down' }, `glusterd down on ${c.server}`, f.glusterdDown, 'demo-gluster-glusterd-down'),
      ],
    };
    return [...volumes, cluster];
  });

/** Every fault of the simulated fleet, one group per target, in the order of the views: primaries, caches, mirrors, storage. */
export const faultGroups = (demo: DemoState): FaultGroup[] => [...primaryGroups(demo), ...cacheGroups(demo), ...mirrorGroups(demo), ...storageGroups(demo)];

/**
 * The groups a search leaves: every word of the query must appear in the fault's label, its
 * target's name or id, or the kind of target (`cache`, `volume`); a group whose target matches keeps all its faults.
 */
export const searchFaultGroups = (groups: readonly FaultGroup[], query: string): FaultGroup[] => {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...groups];
  return groups.flatMap((g) => {
    const about = `${g.title} ${g.targetId} ${g.what}`.toLowerCase();
    const items = g.items.filter((i) => {
      const text = `${about} ${i.label} ${i.nodeName ?? ''}`.toLowerCase();
      return words.every((w) => text.includes(w));
    });
    return items.length > 0 ? [{ ...g, items }] : [];
  });
};

/** How many faults are switched on, for the header button's badge. */
export const faultsOn = (groups: readonly FaultGroup[]): number => groups.reduce((n, g) => n + g.items.filter((i) => i.on).length, 0);
