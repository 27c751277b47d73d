import { describe, expect, it } from 'vitest';
import { peerStatusXml, volumeGetXml, volumeInfoXml, volumeStatusXml, type XmlBrickInfo } from '../../../../electron/demo/storage/gluster-xml-writer';
import { healInfoXml, type XmlHealBrick } from '../../../../electron/demo/storage/gluster-xml-health';
import { findingKeys, runScenario, type Scenario } from './gluster-scenario';

/**
 * A server of a three-server pool gone (issue 11 item 5): `peer status` says Disconnected and
 * `volume status` no longer lists its bricks at all (glusterfs.md §1, §2.4; HOW-CAPTURED Part B).
 * The answers are written in the exact XML of the real captures by the demo's writer.
 */
const SERVERS = [
  { host: 'gluster1', uuid: '11111111-1111-4111-8111-111111111111' },
  { host: 'gluster2', uuid: '22222222-2222-4222-8222-222222222222' },
  { host: 'gluster3', uuid: '33333333-3333-4333-8333-333333333333' },
];
type Layout = { name: string; type: number; typeStr: string; distCount: number; replicaCount: number; arbiterCount: number; bricks: XmlBrickInfo[] };
const brick = (server: number, path: string, arbiter = false): XmlBrickInfo => ({ host: SERVERS[server]!.host, path, uuid: SERVERS[server]!.uuid, arbiter });
const REPLICA3: Layout = {
  name: 'bbshared',
  type: 2,
  typeStr: 'Replicate',
  distCount: 1,
  replicaCount: 3,
  arbiterCount: 0,
  bricks: [0, 1, 2].map((s) => brick(s, '/bricks/shared')),
};
const DISTREP: Layout = {
  name: 'bbartifacts',
  type: 7,
  typeStr: 'Distributed-Replicate',
  distCount: 2,
  replicaCount: 3,
  arbiterCount: 0,
  bricks: [0, 1, 2, 0, 1, 2].map((s, i) => brick(s, `/bricks/artifacts${i < 3 ? 'a' : 'b'}`)),
};
const ARBITER: Layout = {
  name: 'bbarbiter',
  type: 2,
  typeStr: 'Replicate',
  distCount: 1,
  replicaCount: 3,
  arbiterCount: 1,
  bricks: [brick(0, '/bricks/arb'), brick(1, '/bricks/arb'), brick(2, '/bricks/arb', true)],
};

function scenario(layout: Layout, gone: number[], o: { serverQuorum?: boolean; peers?: Scenario['peers'] } = {}): Scenario {
  const up = layout.bricks.filter((b) => !gone.some((g) => SERVERS[g]!.uuid === b.uuid));
  const options: Array<[string, string]> = o.serverQuorum ? [['cluster.server-quorum-type', 'server']] : [];
  const info = volumeInfoXml([{ ...layout, id: 'aaaaaaaa-0000-4000-8000-000000000001', status: 1, brickCount: layout.bricks.length, options }]);
  const nodes = up.map((b, i) => ({ hostname: b.host, path: b.path, peerId: b.uuid, online: true, port: 49152 + i, pid: 4000 + i }));
  const shd = SERVERS.filter((_, i) => !gone.includes(i)).map((s, i) => ({
    hostname: 'Self-heal Daemon',
    path: i === 0 ? 'localhost' : s.host,
    peerId: s.uuid,
    online: true,
    port: null,
    pid: 5000 + i,
  }));
  const detail = up.map((b, i) => ({
    ...nodes[i]!,
    detail: { sizeTotal: 1e11, sizeFree: 6e10, device: '/dev/sdb', blockSize: 4096, mntOptions: 'rw', fsName: 'xfs', inodesTotal: 1e6, inodesFree: 9e5 },
  }));
  const heal: XmlHealBrick[] = layout.bricks.map((b) =>
    up.includes(b)
      ? { name: `${b.host}:${b.path}`, uuid: b.uuid, connected: true, total: 0, pending: 0, splitBrain: 0, possiblyHealing: 0 }
      : { name: `${b.host}:${b.path}`, connected: false },
  );
  return {
    volume: layout.name,
    info: { text: info },
    status: { text: volumeStatusXml([{ name: layout.name, nodes: [...nodes, ...shd], tasks: [] }]) },
    detail: { text: volumeStatusXml([{ name: layout.name, nodes: detail, tasks: null }]) },
    peers: o.peers ?? { text: peerStatusXml(SERVERS.slice(1).map((s, i) => ({ uuid: s.uuid, hostname: s.host, connected: !gone.includes(i + 1) }))) },
    get: { text: volumeGetXml([['cluster.quorum-type', 'auto (DEFAULT)'], ['cluster.self-heal-daemon', 'on (DEFAULT)'], ...options]) },
    global: {
      text: volumeGetXml([
        ['cluster.server-quorum-ratio', '51 (DEFAULT)'],
        ['cluster.op-version', '100000'],
        ['cluster.max-op-version', '100000'],
      ]),
    },
    heal: { [layout.name]: { text: healInfoXml(heal, 'summary') } },
  };
}

const run = async (sc: Scenario) => {
  const { source } = await runScenario(sc);
  const v = source.volumes.find((x) => x.name === sc.volume)!;
  return { source, v, keys: findingKeys(v.findings) };
};

describe('a GlusterFS server gone takes its bricks with it', () => {
  it('replica 3, gluster3 disconnected: its brick is down and says why; quorum met; degraded', async () => {
    const { source, v, keys } = await run(scenario(REPLICA3, [2]));
    expect(v.bricks.map((b) => [b.name, b.status, b.downBecause])).toEqual([
      ['gluster1:/bricks/shared', 'up', null],
      ['gluster2:/bricks/shared', 'up', null],
      ['gluster3:/bricks/shared', 'down', 'gluster3 is disconnected'],
    ]);
    expect(v.replicaSets[0]).toMatchObject({ up: 2, down: 1, unknown: 0, quorum: 'met', status: 'degraded' });
    expect(keys).toEqual(['brick-down:warning']);
    expect(v.findings[0]!.title).toBe('gluster3 is disconnected, so its brick gluster3:/bricks/shared is down');
    expect(v).toMatchObject({ verdict: 'degraded', status: 'degraded' });
    expect(findingKeys(source.findings)).toEqual(['peer-disconnected:warning']);
  });

  it('replica 3, two servers gone: client quorum (auto) lost, critical — the shared home turns read-only', async () => {
    const { v, keys } = await run(scenario(REPLICA3, [1, 2]));
    expect(v.replicaSets[0]).toMatchObject({ up: 1, down: 2, quorum: 'lost', status: 'down' });
    expect(keys).toEqual(['brick-down:warning', 'brick-down:warning', 'client-quorum-lost:critical']);
    expect(v.verdict).toBe('critical');
    expect(v.verdictReason).toMatch(/client quorum lost/);
  });

  it('server quorum from the peers and cluster.server-quorum-ratio when the volume enforces it', async () => {
    const one = await run(scenario(REPLICA3, [2], { serverQuorum: true }));
    // 2 of 3 servers active, more than half needed: met.
    expect(one.v.quorum).toMatchObject({ serverType: 'server', server: 'met' });
    expect(one.keys).not.toContain('server-quorum-lost:critical');
    const two = await run(scenario(REPLICA3, [1, 2], { serverQuorum: true }));
    expect(two.v.quorum).toMatchObject({ serverType: 'server', server: 'lost' });
    expect(two.keys).toContain('server-quorum-lost:critical');
    expect(findingKeys(two.source.findings)).toEqual(['peer-disconnected:critical', 'peer-disconnected:critical']);
  });

  it('distributed-replicate 2 × 3: one server gone degrades both sets, two servers gone lose quorum in both', async () => {
    const one = await run(scenario(DISTREP, [2]));
    expect(one.v.replicaSets.map((s) => [s.up, s.down, s.quorum, s.status])).toEqual([
      [2, 1, 'met', 'degraded'],
      [2, 1, 'met', 'degraded'],
    ]);
    expect(one.v.verdict).toBe('degraded');
    const two = await run(scenario(DISTREP, [1, 2]));
    expect(two.v.replicaSets.map((s) => s.quorum)).toEqual(['lost', 'lost']);
    expect(two.keys.filter((k) => k === 'client-quorum-lost:critical')).toHaveLength(2);
    expect(two.v.verdict).toBe('critical');
  });

  it('arbiter: the arbiter server gone is degraded (named as arbiter); with a data server too, quorum is lost', async () => {
    const arb = await run(scenario(ARBITER, [2]));
    expect(arb.v.bricks[2]).toMatchObject({ arbiter: true, status: 'down', downBecause: 'gluster3 is disconnected' });
    expect(arb.v.findings.find((f) => f.rule === 'brick-down')!.title).toBe('gluster3 is disconnected, so its brick gluster3:/bricks/arb (arbiter) is down');
    expect(arb.v.verdict).toBe('degraded');
    const both = await run(scenario(ARBITER, [1, 2]));
    expect(both.v.replicaSets[0]).toMatchObject({ up: 1, quorum: 'lost' });
    expect(both.v.verdict).toBe('critical');
  });

  it('peer status unreadable: an absent brick stays unknown, never invented down or up', async () => {
    const { v } = await run(scenario(REPLICA3, [2], { peers: { text: 'Connection failed. Please check if gluster daemon is operational.\n' } }));
    expect(v.bricks[2]).toMatchObject({ status: 'unknown', downBecause: null });
    expect(v.replicaSets[0]!.unknown).toBe(1);
  });
});

describe('`volume status all detail` failing while the rest answers (issue 11 item 6)', () => {
  const failedDetail = {
    text: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cliOutput>\n  <opRet>-1</opRet>\n  <opErrno>30800</opErrno>\n  <opErrstr>Commit failed on gluster2. Please check log file for details.</opErrstr>\n</cliOutput>\n',
  };
  it('capacity unknown, the verdict follows what is known, and a finding says what is missing', async () => {
    const healthy = await run({ ...scenario(REPLICA3, []), detail: failedDetail });
    expect(healthy.v.verdict).toBe('ok');
    expect(healthy.keys).toEqual(['capacity-unknown:info']);
    expect(healthy.v.findings[0]!.detail).toMatch(/`volume status all detail` failed: .*Commit failed on gluster2/);
    expect(healthy.v.bricks.every((b) => b.status === 'up' && b.sizeTotal === null)).toBe(true);
    const gone = await run({ ...scenario(REPLICA3, [1, 2]), detail: failedDetail });
    expect(gone.v.verdict).toBe('critical');
    expect(gone.keys).toContain('capacity-unknown:info');
  });
});
