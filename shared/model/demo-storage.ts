import { z } from 'zod';

const name = z.string().min(1).max(200);

/**
 * Demo faults of the GlusterFS storage (issue #5) area; each is one z.object with a literal `kind`.
 * Their `targetId` is the simulated cluster's storage id (`DemoState.storage.clusters[].id`).
 */
export const storageDemoFaults = [
  /** One brick process dies: `volume status` shows it offline (pid -1, port N/A). */
  z.object({ kind: z.literal('gluster-brick-down'), volume: name, brick: name }),
  /** Writes land while a brick is away: the heal backlog rises for a while, then drains. */
  z.object({ kind: z.literal('gluster-heal-backlog'), volume: name }),
  /** A few files end up in split-brain on one replica set (off: an admin resolved them). */
  z.object({ kind: z.literal('gluster-split-brain'), volume: name }),
  /** One brick's filesystem fills to about 93 %. */
  z.object({ kind: z.literal('gluster-disk-full'), volume: name }),
  /** One brick's filesystem runs out of inodes (about 3 % free). */
  z.object({ kind: z.literal('gluster-inodes-low'), volume: name }),
  /** A peer's glusterd stops answering: `peer status` says Disconnected, its bricks vanish from status. */
  z.object({ kind: z.literal('gluster-peer-disconnected'), peer: name }),
  /**
   * A whole server is lost (powered off): its glusterd and every brick on it stop. `peer status`
   * says Disconnected, its bricks and daemons are absent from `volume status`, the heal crawl cannot
   * reach them, and writes pile up for healing; back on, its bricks return with new pids and ports.
   */
  z.object({ kind: z.literal('gluster-node-down'), peer: name }),
  /** The geo-replication workers of the shared home crash and restart: status Faulty. */
  z.object({ kind: z.literal('gluster-georep-faulty') }),
  /** glusterd on the polled server is down: the CLI prints "Connection failed" even with --xml. */
  z.object({ kind: z.literal('gluster-glusterd-down') }),
] as const;

export const storageDemoClusterSchema = z.object({
  /** The storage id in the fleet config: the `targetId` of this cluster's faults. */
  id: z.string(),
  name: z.string(),
  /** The server the engine polls over SSH. */
  server: z.string(),
  peers: z.array(z.string()),
  volumes: z.array(z.object({ name: z.string(), type: z.string(), bricks: z.array(z.string()) })),
  faults: z.object({
    bricksDown: z.array(z.object({ volume: z.string(), brick: z.string() })),
    healBacklog: z.array(z.string()),
    splitBrain: z.array(z.string()),
    diskFull: z.array(z.string()),
    inodesLow: z.array(z.string()),
    peersDisconnected: z.array(z.string()),
    /** Servers lost whole (glusterd and bricks), by `gluster-node-down`. */
    nodesDown: z.array(z.string()),
    geoRepFaulty: z.boolean(),
    glusterdDown: z.boolean(),
  }),
});
export type StorageDemoCluster = z.infer<typeof storageDemoClusterSchema>;

/** What the demo controls show of this area: which switches exist and which are on. */
export const storageDemoStateSchema = z.object({ clusters: z.array(storageDemoClusterSchema) });
export type StorageDemoState = z.infer<typeof storageDemoStateSchema>;
