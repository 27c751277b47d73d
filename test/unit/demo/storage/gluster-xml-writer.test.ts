import { describe, expect, it } from 'vitest';
import { GLUSTERD_DOWN_TEXT, peerStatusXml, volumeGetXml, volumeInfoXml, volumeStatusXml } from '../../../../electron/demo/storage/gluster-xml-writer';
import { GEOREP_NONE_TEXT, geoRepStatusXml, healInfoXml, quotaListXml, type XmlHealBrick } from '../../../../electron/demo/storage/gluster-xml-health';
import { readGeoRep, readHealInfo, readQuota, readVolumeInfo, readVolumeStatus } from '../../../../electron/engine/storage/gluster-parse';
import { parseCliOutput, type XmlNode } from '../../../../electron/engine/storage/gluster-xml';
import { fixture } from '../../engine/storage/gluster-scenario';

/**
 * The simulated cluster must answer in exactly the real format: each writer, fed what the engine
 * parsed from a real capture, reproduces that capture byte for byte.
 */
const root = (name: string): XmlNode => {
  const o = parseCliOutput(fixture(name));
  if (o.kind !== 'ok') throw new Error(`${name}: ${o.kind}`);
  return o.root;
};

describe('the demo writes gluster XML exactly as GlusterFS 10.3', () => {
  it('volume info (mixed-content bricks, options, count)', () => {
    for (const name of ['volume-info.bbshared.replica3.xml', 'volume-info.bbarbiter.replica3-arbiter1.xml', 'volume-info.all.started.xml']) {
      const text = fixture(name);
      const volumes = readVolumeInfo(root(name)).map((v) => ({
        name: v.name,
        id: v.id,
        status: v.status as 0 | 1 | 2,
        brickCount: v.brickCount,
        distCount: v.distCount,
        replicaCount: v.replicaCount,
        arbiterCount: v.arbiterCount,
        type: Number(/<name>[^<]*<\/name>[\s\S]*?<type>(\d+)<\/type>/.exec(text.slice(text.indexOf(`<name>${v.name}</name>`)))![1]),
        typeStr: v.typeStr,
        bricks: v.bricks.map((b) => ({ host: b.host, path: b.path, uuid: b.hostUuid!, arbiter: b.isArbiter })),
        options: [...v.options.entries()],
      }));
      expect(volumeInfoXml(volumes)).toBe(text);
    }
  });

  it('volume status with daemons and tasks, and status detail with capacity', () => {
    const plain = 'volume-status.bbshared.with-quotad.xml';
    const [v] = readVolumeStatus(root(plain));
    expect(
      volumeStatusXml([
        {
          name: v!.name,
          nodes: v!.nodes.map((n) => ({ hostname: n.hostname, path: n.path, peerId: n.peerId!, online: n.online, port: n.port, pid: n.pid ?? -1 })),
          tasks: [],
        },
      ]),
    ).toBe(fixture(plain));

    const detail = 'volume-status-detail.bbshared.one-brick-down.xml';
    const [d] = readVolumeStatus(root(detail));
    const extra = (i: number): { blockSize: number; mntOptions: string } => {
      const node = fixture(detail).split('<node>')[i + 1]!;
      return { blockSize: Number(/<blockSize>(\d+)/.exec(node)![1]), mntOptions: /<mntOptions>([^<]*)/.exec(node)![1]! };
    };
    expect(
      volumeStatusXml([
        {
          name: d!.name,
          nodes: d!.nodes.map((n, i) => ({
            hostname: n.hostname,
            path: n.path,
            peerId: n.peerId!,
            online: n.online,
            port: n.port,
            pid: n.pid ?? -1,
            detail: {
              sizeTotal: n.sizeTotal!,
              sizeFree: n.sizeFree!,
              device: n.device!,
              fsName: n.fsName!,
              inodesTotal: n.inodesTotal!,
              inodesFree: n.inodesFree!,
              ...extra(i),
            },
          })),
          tasks: null,
        },
      ]),
    ).toBe(fixture(detail));
  });

  it('heal info summary, with a brick the crawl could not reach', () => {
    const name = 'heal-info-summary.bbshared.brick-down-pending.xml';
    const bricks: XmlHealBrick[] = readHealInfo(root(name)).map((b) =>
      b.connected
        ? {
            name: b.name,
            uuid: b.hostUuid!,
            connected: true,
            total: b.total!,
            pending: b.pending!,
            splitBrain: b.splitBrain!,
            possiblyHealing: b.possiblyHealing!,
          }
        : { name: b.name, connected: false },
    );
    expect(healInfoXml(bricks, 'summary')).toBe(fixture(name));
  });

  it('heal info split-brain, with file entries (escaped <gfid:…>) and with a brick down', () => {
    for (const name of ['heal-info-split-brain.bbsplit.split-brain.xml', 'heal-info-split-brain.bbshared.brick-down.xml']) {
      const bricks: XmlHealBrick[] = readHealInfo(root(name)).map((b) =>
        b.connected
          ? {
              name: b.name,
              uuid: b.hostUuid!,
              connected: true,
              total: 0,
              pending: 0,
              splitBrain: 0,
              possiblyHealing: 0,
              files: b.files.map((f) => ({ gfid: f.gfid!, path: f.path })),
            }
          : { name: b.name, connected: false },
      );
      expect(healInfoXml(bricks, 'split-brain')).toBe(fixture(name));
    }
  });

  it('peer status of a one-server pool, and volume get', () => {
    expect(peerStatusXml([])).toBe(fixture('peer-status.single-node.xml'));
    expect(volumeGetXml([['cluster.quorum-type', 'auto']])).toBe(fixture('volume-get.bbshared.cluster.quorum-type.xml'));
    expect(volumeGetXml([['cluster.quorum-count', '(null) (DEFAULT)']])).toBe(fixture('volume-get.bbshared.cluster.quorum-count.xml'));
  });

  it('peer status with peers parses back to what was written', () => {
    const xml = peerStatusXml([{ uuid: 'u-2', hostname: 'gluster2', connected: false }]);
    const o = parseCliOutput(xml);
    expect(o.kind).toBe('ok');
    expect(xml).toContain('<hostnames>\n        <hostname>gluster2</hostname>\n      </hostnames>');
  });

  it('geo-replication status with Active workers', () => {
    const name = 'georep-status.all.running.xml';
    // This capture carries opErrstr "primary not found" with opRet 0; the writer leaves it empty.
    const text = fixture(name).replace('<opErrstr>primary not found</opErrstr>', '<opErrstr/>');
    const [s] = readGeoRep(root(name));
    expect(
      geoRepStatusXml([
        {
          primaryVolume: s!.primaryVolume,
          sessionSecondary: s!.sessionId!,
          pairs: s!.pairs.map((p) => ({
            primaryNode: p.primaryNode,
            primaryBrick: p.primaryBrick,
            secondaryUser: p.secondaryUser!,
            secondary: `ssh://${p.secondary}`,
            secondaryNode: '',
            status: p.status,
            crawlStatus: p.crawlStatus!,
            active: { entry: p.entry!, data: p.data!, meta: p.meta!, failures: p.failures!, lastSynced: p.lastSynced! },
            primaryNodeUuid: /<primary_node_uuid>([^<]+)/.exec(text)![1]!,
          })),
        },
      ]),
    ).toBe(text);
  });

  it('quota list, with a soft limit exceeded', () => {
    const name = 'volume-quota-list.bbshared.soft-limit-exceeded.xml';
    const limits = readQuota(root(name)).map((l) => ({ path: l.path, hardLimit: l.hardLimit!, softLimitPercent: l.softLimitPercent!, used: l.used! }));
    expect(quotaListXml(limits)).toBe(fixture(name));
  });

  it('plain-text errors as the CLI prints them', () => {
    expect(GLUSTERD_DOWN_TEXT.trim()).toBe(fixture('cli-error.glusterd-down.volume-status.xml').trim());
    expect(GEOREP_NONE_TEXT.trim()).toBe(fixture('georep-status.none.xml').trim());
  });
});
