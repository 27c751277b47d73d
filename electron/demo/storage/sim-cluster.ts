import type { DemoFault } from '../../../shared/model/demo';
import type { StorageDemoCluster } from '../../../shared/model/demo-storage';
import { DemoInputError } from '../errors';
import type { Rng } from '../prng';
import type { SimClock } from '../sim-clock';
import { GLUSTERD_DOWN_TEXT, peerStatusXml, volumeGetXml, volumeStatusXml, type XmlStatusNode } from './gluster-xml-writer';
import { healInfoXml } from './gluster-xml-health';
import { brickCapacity, geoRepAnswer, quotaAnswer, volumeInfoAnswer } from './sim-cli-xml';
import { brickBacklog, healBricks, type SplitFile } from './sim-heal';
import { brickName, createServers, createVolumes, GLOBAL_OPTIONS, volumeOptions, type SimBrick, type SimServer, type SimVolume } from './sim-volumes';

export interface CliAnswer {
  stdout: string;
  stderr: string;
  code: number;
  /** How long the real command would take; heal info crawls every brick and is slow. */
  delayMs: number;
}

type StorageFault = Extract<DemoFault, { kind: `gluster-${string}` }>;

/**
 * How long the simulated gluster takes to answer a command it knows (words without options), by
 * design: a real `status … detail` reads every brick's file system, and `heal … info` crawls each
 * brick's index. The storage-poll bench builds its bound from these.
 */
export function answerDelayMs(cmd: string): number {
  if (cmd === 'volume status all detail') return 25;
  if (/^volume heal \S+ info (summary|split-brain)$/.test(cmd)) return 250;
  return 15;
}

/**
 * A simulated GlusterFS 10.3 cluster of three servers, polled through gluster1. It answers the
 * gluster CLI's commands with its XML, and changes as faults are switched and simulated time runs.
 */
export class SimCluster {
  readonly servers: SimServer[];
  readonly volumes: SimVolume[];
  readonly startedAt: number;
  private readonly backlogSince = new Map<string, number>();
  private readonly splitBrain = new Map<string, SplitFile[]>();
  private readonly diskFull = new Set<string>();
  private readonly inodesLow = new Set<string>();
  private readonly disconnected = new Set<string>();
  private readonly nodesDown = new Set<string>();
  private geoRepFaulty = false;
  private glusterdDown = false;

  constructor(
    readonly id: string,
    readonly name: string,
    private readonly rng: Rng,
    private readonly clock: SimClock,
  ) {
    this.servers = createServers(rng);
    this.volumes = createVolumes(rng, this.servers);
    this.startedAt = clock.now();
  }

  /** The server the engine polls: peer status lists the others, its own daemons show as "localhost". */
  get local(): SimServer {
    return this.servers[0]!;
  }

  state(): StorageDemoCluster {
    return {
      id: this.id,
      name: this.name,
      server: this.local.name,
      peers: this.servers.slice(1).map((s) => s.name),
      volumes: this.volumes.map((v) => ({ name: v.name, type: v.typeStr, bricks: v.bricks.map(brickName) })),
      faults: {
        bricksDown: this.volumes.flatMap((v) => v.bricks.filter((b) => !b.online).map((b) => ({ volume: v.name, brick: brickName(b) }))),
        healBacklog: [...this.backlogSince.keys()],
        splitBrain: [...this.splitBrain.keys()],
        diskFull: [...this.diskFull],
        inodesLow: [...this.inodesLow],
        peersDisconnected: [...this.disconnected],
        nodesDown: [...this.nodesDown],
        geoRepFaulty: this.geoRepFaulty,
        glusterdDown: this.glusterdDown,
      },
    };
  }

  applyFault(fault: StorageFault, enabled: boolean): void {
    const now = this.clock.now();
    switch (fault.kind) {
      case 'gluster-brick-down': {
        const b = this.brick(fault.volume, fault.brick);
        if (enabled) this.stopBrick(b, now);
        else this.startBrick(b, now);
        return;
      }
      case 'gluster-node-down': {
        // The whole server: glusterd (peer Disconnected) and every brick process on it.
        const peer = this.peer(fault.peer);
        toggle(this.nodesDown, peer.name, enabled);
        for (const b of this.volumes.flatMap((v) => v.bricks).filter((x) => x.server === peer)) {
          if (enabled) this.stopBrick(b, now);
          else this.startBrick(b, now);
        }
        return;
      }
      case 'gluster-heal-backlog':
        this.volume(fault.volume);
        if (enabled) this.backlogSince.set(fault.volume, now);
        else this.backlogSince.delete(fault.volume);
        return;
      case 'gluster-split-brain': {
        this.volume(fault.volume);
        if (!enabled) this.splitBrain.delete(fault.volume);
        else if (!this.splitBrain.has(fault.volume)) {
          const files = ['/data/repositories/412/objects/pack/pack-7a1c.idx', '/data/repositories/412/config', '/data/attachments/2291/a3f9e1'].map((path) => ({
            path,
            gfid: this.rng.uuid(),
            otherGfid: this.rng.uuid(),
          }));
          this.splitBrain.set(fault.volume, files);
        }
        return;
      }
      case 'gluster-disk-full':
        this.volume(fault.volume);
        toggle(this.diskFull, fault.volume, enabled);
        return;
      case 'gluster-inodes-low':
        this.volume(fault.volume);
        toggle(this.inodesLow, fault.volume, enabled);
        return;
      case 'gluster-peer-disconnected':
        toggle(this.disconnected, this.peer(fault.peer).name, enabled);
        return;
      case 'gluster-georep-faulty':
        this.geoRepFaulty = enabled;
        return;
      case 'gluster-glusterd-down':
        this.glusterdDown = enabled;
        return;
    }
  }

  /** Answers one `gluster …` command line (already split into words). */
  answer(words: readonly string[]): CliAnswer {
    const args = words.filter((w) => !w.startsWith('--'));
    const xml = words.includes('--xml');
    if (this.glusterdDown) return { stdout: GLUSTERD_DOWN_TEXT, stderr: '', code: 1, delayMs: 300 };
    if (!xml) return { stdout: '', stderr: 'This simulated gluster only answers --xml.\n', code: 1, delayMs: 5 };
    const cmd = args.join(' ');
    const ok = (stdout: string): CliAnswer => ({ stdout, stderr: '', code: 0, delayMs: answerDelayMs(cmd) });
    const now = this.clock.now();
    if (cmd === 'volume info' || cmd === 'volume info all') return ok(volumeInfoAnswer(this.volumes));
    if (cmd === 'volume status all') return ok(this.volumeStatus(now, false));
    if (cmd === 'volume status all detail') return ok(this.volumeStatus(now, true));
    if (cmd === 'peer status')
      return ok(peerStatusXml(this.servers.slice(1).map((s) => ({ uuid: s.uuid, hostname: s.name, connected: !this.isDisconnected(s) }))));
    if (cmd === 'volume get all all') return ok(volumeGetXml(GLOBAL_OPTIONS));
    if (cmd === 'volume geo-replication status') return ok(geoRepAnswer(this.volumes[0]!, this.local, this.geoRepFaulty, now));
    const [verb, v, ...rest] = args.slice(1);
    const volume = v === undefined ? undefined : this.volumes.find((x) => x.name === v);
    if (args[0] === 'volume' && volume) {
      const tail = rest.join(' ');
      if (verb === 'get' && tail === 'all') return ok(volumeGetXml(volumeOptions(volume, true)));
      if (verb === 'quota' && tail === 'list' && volume.quota.length > 0) return ok(quotaAnswer(volume, (now - this.startedAt) / 3_600_000));
      if (verb === 'heal' && (tail === 'info summary' || tail === 'info split-brain')) {
        const listing = tail === 'info split-brain';
        const bricks = healBricks(volume, {
          now,
          listSplitBrain: listing,
          splitFiles: this.splitBrain.get(volume.name) ?? [],
          reachable: (b) => this.reachable(b),
          faultSince: this.backlogSince.get(volume.name),
        });
        return ok(healInfoXml(bricks, listing ? 'split-brain' : 'summary'));
      }
    }
    if (args[0] === 'volume' && v !== undefined && !volume && ['get', 'heal', 'quota', 'status'].includes(verb ?? '')) {
      return { stdout: '', stderr: `Volume ${v} does not exist\n`, code: 1, delayMs: 10 };
    }
    return { stdout: '', stderr: `unrecognized command: ${cmd}\n`, code: 1, delayMs: 5 };
  }

  private peer(name: string): SimServer {
    const peer = this.servers.slice(1).find((s) => s.name === name);
    if (!peer)
      throw new DemoInputError(
        `The demo cluster has no peer "${name}". Its peers are: ${this.servers
          .slice(1)
          .map((s) => s.name)
          .join(', ')}.`,
      );
    return peer;
  }

  private stopBrick(b: SimBrick, now: number): void {
    if (!b.online) return;
    b.online = false;
    b.downSince = now;
    b.backAt = null;
  }

  private startBrick(b: SimBrick, now: number): void {
    if (b.online) return;
    // A restarted brick (`start force`) gets a new pid and a new port; writes it missed heal back.
    b.backlogAtReturn = brickBacklog(b, now);
    b.online = true;
    b.backAt = now;
    b.downSince = null;
    b.pid = this.rng.int(2_000, 60_000);
    b.port = this.rng.int(49_152, 60_999);
  }

  /** Its glusterd does not answer the polled server: only the peer disconnected, or the whole node down. */
  private isDisconnected(s: SimServer): boolean {
    return this.disconnected.has(s.name) || this.nodesDown.has(s.name);
  }

  private volume(name: string): SimVolume {
    const v = this.volumes.find((x) => x.name === name);
    if (!v) throw new DemoInputError(`The demo cluster has no volume "${name}". Its volumes are: ${this.volumes.map((x) => x.name).join(', ')}.`);
    return v;
  }

  private brick(volume: string, name: string): SimBrick {
    const v = this.volume(volume);
    const b = v.bricks.find((x) => brickName(x) === name);
    if (!b) throw new DemoInputError(`Volume "${volume}" has no brick "${name}". Its bricks are: ${v.bricks.map(brickName).join(', ')}.`);
    return b;
  }

  private reachable(b: SimBrick): boolean {
    return !this.isDisconnected(b.server);
  }

  /** A disconnected peer's bricks and daemons vanish from `volume status` (they are not shown offline). */
  private volumeStatus(now: number, detail: boolean): string {
    const minutes = (now - this.startedAt) / 60_000;
    return volumeStatusXml(
      this.volumes.map((v) => {
        const nodes: XmlStatusNode[] = v.bricks
          .filter((b) => this.reachable(b))
          .map((b, i) => ({
            hostname: b.server.name,
            path: b.path,
            peerId: b.server.uuid,
            online: b.online,
            port: b.port,
            pid: b.pid,
            ...(detail ? { detail: brickCapacity(b, minutes, i === 0 && this.diskFull.has(v.name), i === 0 && this.inodesLow.has(v.name)) } : {}),
          }));
        if (!detail) {
          const servers = this.servers.filter((s) => !this.isDisconnected(s));
          const daemon = (name: string, s: SimServer, pid: number): XmlStatusNode => ({
            hostname: name,
            path: s === this.local ? 'localhost' : s.name,
            peerId: s.uuid,
            online: true,
            port: null,
            pid,
          });
          nodes.push(...servers.map((s, i) => daemon('Self-heal Daemon', s, 3_100 + i)));
          if (v.quota.length > 0) nodes.push(...servers.map((s, i) => daemon('Quota Daemon', s, 3_200 + i)));
        }
        return { name: v.name, nodes, tasks: detail ? null : [] };
      }),
    );
  }
}

function toggle(set: Set<string>, key: string, on: boolean): void {
  if (on) set.add(key);
  else set.delete(key);
}
