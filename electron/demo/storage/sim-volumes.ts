import type { Rng } from '../prng';

/** The layout of the simulated GlusterFS cluster: three servers, a shared home, artifacts and an arbiter volume. */

export interface SimServer {
  name: string;
  uuid: string;
}

export interface SimBrick {
  server: SimServer;
  path: string;
  arbiter: boolean;
  online: boolean;
  pid: number;
  port: number;
  sizeTotal: number;
  /** Bytes used when the fleet started; grows slowly with simulated time. */
  usedAtStart: number;
  inodesTotal: number;
  inodesUsedAtStart: number;
  device: string;
  fsName: 'xfs' | 'ext4';
  /** Brick-down fault timeline: when it went down, when it came back, and the backlog it left. */
  downSince: number | null;
  backAt: number | null;
  backlogAtReturn: number;
}

export interface SimVolume {
  name: string;
  id: string;
  type: number;
  typeStr: string;
  replicaCount: number;
  arbiterCount: number;
  distCount: number;
  bricks: SimBrick[];
  /** Options set on the volume (`volume info` lists only these). */
  options: Array<[string, string]>;
  quota: Array<{ path: string; hardLimit: number; softLimitPercent: number; usedAtStart: number }>;
}

const GiB = 1024 ** 3;
const TiB = 1024 ** 4;

const BASE_OPTIONS: Array<[string, string]> = [
  ['cluster.granular-entry-heal', 'on'],
  ['storage.fips-mode-rchecksum', 'on'],
  ['transport.address-family', 'inet'],
  ['nfs.disable', 'on'],
  ['performance.client-io-threads', 'off'],
];

export function createServers(rng: Rng): SimServer[] {
  return [1, 2, 3].map((n) => ({ name: `gluster${n}`, uuid: rng.uuid() }));
}

export function createVolumes(rng: Rng, servers: SimServer[]): SimVolume[] {
  const brick = (server: SimServer, path: string, size: number, fill: number, arbiter = false): SimBrick => {
    const inodesTotal = arbiter ? 64 * 1024 * 1024 : Math.round(size / 16_384);
    return {
      server,
      path,
      arbiter,
      online: true,
      pid: rng.int(2_000, 60_000),
      port: rng.int(49_152, 60_999),
      sizeTotal: size,
      usedAtStart: Math.round(size * (fill + rng.next() * 0.04)),
      inodesTotal,
      inodesUsedAtStart: Math.round(inodesTotal * (arbiter ? 0.3 : fill * 0.6)),
      device: arbiter ? '/dev/mapper/vg_gluster-arbiter' : `/dev/mapper/vg_gluster-${path.split('/')[3] ?? 'brick'}`,
      fsName: 'xfs',
      downSince: null,
      backAt: null,
      backlogAtReturn: 0,
    };
  };
  const [a, b, c] = servers as [SimServer, SimServer, SimServer];
  return [
    {
      name: 'bbshared',
      id: rng.uuid(),
      type: 2,
      typeStr: 'Replicate',
      replicaCount: 3,
      arbiterCount: 0,
      distCount: 1,
      bricks: [a, b, c].map((s) => brick(s, '/data/glusterfs/bbshared/brick1', 2 * TiB, 0.52)),
      options: [['features.quota-deem-statfs', 'on'], ['features.inode-quota', 'on'], ['features.quota', 'on'], ...BASE_OPTIONS],
      quota: [
        { path: '/', hardLimit: 1800 * GiB, softLimitPercent: 80, usedAtStart: Math.round(1060 * GiB) },
        { path: '/data/attachments', hardLimit: 200 * GiB, softLimitPercent: 80, usedAtStart: Math.round(91 * GiB) },
      ],
    },
    {
      name: 'bbartifacts',
      id: rng.uuid(),
      type: 7,
      typeStr: 'Distributed-Replicate',
      replicaCount: 3,
      arbiterCount: 0,
      distCount: 2,
      bricks: [1, 2].flatMap((n) => [a, b, c].map((s) => brick(s, `/data/glusterfs/bbartifacts/brick${n}`, 4 * TiB, 0.61))),
      options: BASE_OPTIONS,
      quota: [],
    },
    {
      name: 'bbarbiter',
      id: rng.uuid(),
      type: 2,
      typeStr: 'Replicate',
      replicaCount: 3,
      arbiterCount: 1,
      distCount: 1,
      bricks: [
        brick(a, '/data/glusterfs/bbarbiter/brick1', 500 * GiB, 0.34),
        brick(b, '/data/glusterfs/bbarbiter/brick1', 500 * GiB, 0.34),
        brick(c, '/data/glusterfs/bbarbiter/arbiter1', 20 * GiB, 0.05, true),
      ],
      options: BASE_OPTIONS,
      quota: [],
    },
  ];
}

export const brickName = (b: SimBrick): string => `${b.server.name}:${b.path}`;

/** `volume get V all`: the options that matter to health, in the CLI's form (unset ones marked DEFAULT). */
export function volumeOptions(v: SimVolume, selfHealDaemon: boolean): Array<[string, string]> {
  return [
    ['cluster.lookup-unhashed', 'on (DEFAULT)'],
    ['cluster.lookup-optimize', 'on (DEFAULT)'],
    ['cluster.min-free-disk', '10% (DEFAULT)'],
    ['cluster.min-free-inodes', '5% (DEFAULT)'],
    ['cluster.data-self-heal', 'on (DEFAULT)'],
    ['cluster.metadata-self-heal', 'on (DEFAULT)'],
    ['cluster.entry-self-heal', 'on (DEFAULT)'],
    ['cluster.self-heal-daemon', selfHealDaemon ? 'on (DEFAULT)' : 'off'],
    ['cluster.heal-timeout', '600 (DEFAULT)'],
    ['cluster.self-heal-window-size', '8 (DEFAULT)'],
    ['cluster.quorum-type', 'auto'],
    ['cluster.quorum-count', '(null) (DEFAULT)'],
    ['cluster.favorite-child-policy', 'none (DEFAULT)'],
    ['network.ping-timeout', '42 (DEFAULT)'],
    ['performance.client-io-threads', 'off'],
    ['features.quota', v.quota.length > 0 ? 'on' : 'off (DEFAULT)'],
    ['storage.reserve', '1 (DEFAULT)'],
    ['cluster.server-quorum-type', 'off'],
    ['cluster.server-quorum-ratio', '51'],
    ['cluster.granular-entry-heal', 'on'],
  ];
}

/** `volume get all all`, as GlusterFS 10.3 answers it. */
export const GLOBAL_OPTIONS: Array<[string, string]> = [
  ['cluster.server-quorum-ratio', '51 (DEFAULT)'],
  ['cluster.enable-shared-storage', 'disable (DEFAULT)'],
  ['cluster.op-version', '100000'],
  ['cluster.max-op-version', '100000'],
  ['cluster.brick-multiplex', 'disable (DEFAULT)'],
  ['cluster.max-bricks-per-process', '250 (DEFAULT)'],
  ['glusterd.vol_count_per_thread', '100 (DEFAULT)'],
  ['cluster.localtime-logging', 'disable (DEFAULT)'],
  ['cluster.daemon-log-level', 'INFO (DEFAULT)'],
  ['cluster.brick-graceful-cleanup', 'disable (DEFAULT)'],
];
