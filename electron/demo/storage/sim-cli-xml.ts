import { volumeInfoXml, type XmlStatusNode } from './gluster-xml-writer';
import { geoRepStatusXml, quotaListXml } from './gluster-xml-health';
import type { SimBrick, SimServer, SimVolume } from './sim-volumes';

/** `gluster volume info --xml` for the simulated volumes. */
export function volumeInfoAnswer(volumes: readonly SimVolume[]): string {
  return volumeInfoXml(
    volumes.map((v) => ({
      name: v.name,
      id: v.id,
      status: 1,
      brickCount: v.bricks.length,
      distCount: v.distCount,
      replicaCount: v.replicaCount,
      arbiterCount: v.arbiterCount,
      type: v.type,
      typeStr: v.typeStr,
      bricks: v.bricks.map((b) => ({ host: b.server.name, path: b.path, uuid: b.server.uuid, arbiter: b.arbiter })),
      options: v.options,
    })),
  );
}

/** A brick's `volume status detail` capacity after `minutes` of simulated time; the disk-full and inodes-low faults override its use. */
export function brickCapacity(b: SimBrick, minutes: number, diskFull: boolean, inodesLow: boolean): NonNullable<XmlStatusNode['detail']> {
  // Shared homes grow: about 0.02 % of the brick per simulated hour.
  let used = Math.min(b.sizeTotal, Math.round(b.usedAtStart + b.sizeTotal * 0.0002 * (minutes / 60)));
  let inodesUsed = b.inodesUsedAtStart;
  if (diskFull) used = Math.round(b.sizeTotal * 0.93);
  if (inodesLow) inodesUsed = Math.round(b.inodesTotal * 0.97);
  return {
    sizeTotal: b.sizeTotal,
    sizeFree: b.sizeTotal - used,
    device: b.device,
    blockSize: 4096,
    mntOptions: 'rw,noatime,attr2,inode64,logbufs=8,logbsize=32k,noquota',
    fsName: b.fsName,
    inodesTotal: b.inodesTotal,
    inodesFree: b.inodesTotal - inodesUsed,
  };
}

/** `volume geo-replication status --xml`: the volume's first brick is the active worker, or every pair is Faulty. */
export function geoRepAnswer(v: SimVolume, local: SimServer, faulty: boolean, now: number): string {
  const synced = new Date(now - 4_000).toISOString().replace('T', ' ').slice(0, 19);
  return geoRepStatusXml([
    {
      primaryVolume: v.name,
      sessionSecondary: `${local.uuid}:ssh://dr-gluster1::bbshared-dr:${v.id.replace(/^./, 'd')}`,
      pairs: v.bricks.map((b, i) => {
        const active = i === 0;
        const status = faulty ? 'Faulty' : active ? 'Active' : 'Passive';
        return {
          primaryNode: b.server.name,
          primaryBrick: b.path,
          secondaryUser: 'root',
          secondary: 'ssh://dr-gluster1::bbshared-dr',
          secondaryNode: status === 'Faulty' ? 'N/A' : `dr-gluster${i + 1}`,
          status,
          crawlStatus: status === 'Active' ? 'Changelog Crawl' : 'N/A',
          active: status === 'Active' ? { entry: 0, data: 0, meta: 0, failures: 0, lastSynced: synced } : null,
          primaryNodeUuid: b.server.uuid,
        };
      }),
    },
  ]);
}

/** `volume quota VOL list --xml` after `hours` of simulated time (use grows 0.1 % an hour). */
export function quotaAnswer(v: SimVolume, hours: number): string {
  return quotaListXml(
    v.quota.map((q) => ({
      path: q.path,
      hardLimit: q.hardLimit,
      softLimitPercent: q.softLimitPercent,
      used: Math.round(q.usedAtStart * (1 + 0.001 * hours)),
    })),
  );
}
