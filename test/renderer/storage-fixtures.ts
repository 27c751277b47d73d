import { storageSourceSchema, type Brick, type StorageFinding, type StorageSource, type Volume } from '../../shared/model';
import { storageDemoStateSchema, type StorageDemoState } from '../../shared/model/demo-storage';
import { T0 } from '../helpers/snapshot-fixtures';

// Every fixture goes through the model's schema, like the other renderer fixtures.

export const makeBrick = (over: Partial<Brick> = {}): Brick => ({
  name: 'gluster1:/data/glusterfs/bbshared/brick1',
  host: 'gluster1',
  path: '/data/glusterfs/bbshared/brick1',
  replicaSet: 0,
  arbiter: false,
  peerId: 'u1',
  status: 'up',
  pid: 4242,
  port: 49152,
  sizeTotal: 2 * 1024 ** 4,
  sizeFree: 1024 ** 4,
  usedPercent: 50,
  inodesTotal: 134_217_728,
  inodesFree: 100_000_000,
  inodesFreePercent: 74.5,
  device: '/dev/mapper/vg-bbshared',
  fsName: 'xfs',
  heal: { status: 'Connected', connected: true, total: 0, pending: 0, splitBrain: 0, possiblyHealing: 0 },
  ...over,
});

export const makeFinding = (over: Partial<StorageFinding> = {}): StorageFinding => ({
  id: 'brick-down:bbshared:gluster2:/data/glusterfs/bbshared/brick1',
  rule: 'brick-down',
  severity: 'warning',
  title: 'Brick gluster2:/data/glusterfs/bbshared/brick1 is down',
  explanation: 'One copy of bbshared’s data is offline.',
  detail: 'volume status: online 0 (pid -1, port N/A)',
  volume: 'bbshared',
  state: 'raised',
  since: T0 - 30_000,
  ...over,
});

export const makeVolume = (over: Partial<Volume> = {}): Volume => {
  const bricks = over.bricks ?? [1, 2, 3].map((n) => makeBrick({ name: `gluster${n}:/data/glusterfs/bbshared/brick1`, host: `gluster${n}`, peerId: `u${n}` }));
  return {
    name: 'bbshared',
    id: 'v-1',
    type: 'Replicate',
    state: 'Started',
    status: 'up',
    verdict: 'ok',
    verdictReason: 'All bricks up, nothing to heal',
    brickCount: bricks.length,
    distCount: 1,
    replicaCount: 3,
    arbiterCount: 0,
    replicaSets: [
      {
        index: 0,
        name: 'bbshared-replicate-0',
        bricks: bricks.map((b) => b.name),
        up: 3,
        down: 0,
        unknown: 0,
        status: 'up',
        quorum: 'met',
        quorumRule: 'auto: at least 2 of 3 bricks up',
      },
    ],
    bricks,
    daemons: [{ name: 'Self-heal Daemon', host: 'localhost', peerId: 'u1', online: true, pid: 99 }],
    heal: {
      applicable: true,
      at: T0 - 10_000,
      pending: 0,
      splitBrain: 0,
      possiblyHealing: 0,
      trend: 'steady',
      error: null,
      splitBrainEntries: [],
      splitBrainEntriesTruncated: false,
    },
    quorum: { clientType: 'auto', clientTypeDefault: false, clientCount: null, serverType: 'off', serverRatio: null, server: 'not-applicable' },
    options: {
      selfHealDaemon: true,
      healTimeoutSeconds: 600,
      minFreeDiskPercent: 10,
      minFreeInodesPercent: 5,
      storageReservePercent: 1,
      favoriteChildPolicy: 'none',
      quota: false,
    },
    quota: null,
    tasks: [],
    findings: [],
    ...over,
  };
};

export const makeStorage = (over: Partial<StorageSource> = {}): StorageSource =>
  storageSourceSchema.parse({
    id: 'gluster-demo',
    name: 'Demo GlusterFS',
    status: 'up',
    statusMessage: 'All 1 volume(s) healthy',
    transport: 'ssh',
    endpoint: 'root@gluster1:22',
    lastPollAt: T0 - 5_000,
    lastSuccessAt: T0 - 5_000,
    stale: false,
    lastError: null,
    pollIntervalSeconds: 15,
    healIntervalSeconds: 60,
    pollDurationMs: 420,
    commandsLastPoll: 13,
    opVersion: 100000,
    maxOpVersion: 100000,
    peers: [
      { uuid: 'u2', hostname: 'gluster2', hostnames: ['gluster2'], connected: true, state: 3, stateStr: 'Peer in Cluster' },
      { uuid: 'u3', hostname: 'gluster3', hostnames: ['gluster3'], connected: false, state: 3, stateStr: 'Peer in Cluster' },
    ],
    geoReplication: [],
    volumes: [makeVolume()],
    findings: [],
    ...over,
  });

export const makeStorageDemo = (): StorageDemoState =>
  storageDemoStateSchema.parse({
    clusters: [
      {
        id: 'gluster-demo',
        name: 'Demo GlusterFS',
        server: 'gluster1',
        peers: ['gluster2', 'gluster3'],
        volumes: [{ name: 'bbshared', type: 'Replicate', bricks: ['gluster1:/b/1', 'gluster2:/b/1', 'gluster3:/b/1'] }],
        faults: {
          bricksDown: [{ volume: 'bbshared', brick: 'gluster2:/b/1' }],
          healBacklog: [],
          splitBrain: ['bbshared'],
          diskFull: [],
          inodesLow: [],
          peersDisconnected: [],
          nodesDown: [],
          geoRepFaulty: false,
          glusterdDown: false,
        },
      },
    ],
  });
