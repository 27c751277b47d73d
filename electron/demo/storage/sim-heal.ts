import type { XmlHealBrick } from './gluster-xml-health';
import { brickName, type SimBrick, type SimVolume } from './sim-volumes';

/** How the simulated heal backlog moves: writes a brick misses while away, and the backlog fault. */

/**
 * Heal-backlog fault: a burst of entries at once (so the next heal read shows it), rising for 45
 * simulated seconds, then draining at 15 entries per second.
 */
const BURST_ENTRIES = 120;
const RISE_SECONDS = 45;
const RISE_PER_SECOND = 20;
const DRAIN_PER_SECOND = 15;
/** Writes that land while a brick is away and wait for it (per second), and how fast they heal back. */
const BRICK_DOWN_WRITES_PER_SECOND = 4;
const BRICK_HEAL_PER_SECOND = 10;

/** A file in split-brain: its path on the first brick, its gfid there and on the other brick. */
export interface SplitFile {
  path: string;
  gfid: string;
  otherGfid: string;
}

/** Entries a brick's replica partners hold for it: writes it missed while down, then healing back. */
export function brickBacklog(b: SimBrick, now: number): number {
  if (!b.online && b.downSince !== null) return Math.round(((now - b.downSince) / 1000) * BRICK_DOWN_WRITES_PER_SECOND);
  if (b.backAt !== null) return Math.max(0, Math.round(b.backlogAtReturn - ((now - b.backAt) / 1000) * BRICK_HEAL_PER_SECOND));
  return 0;
}

/** The backlog fault's curve: a burst, up for 45 s, then down to zero. */
export function faultBacklog(since: number | undefined, now: number): number {
  if (since === undefined) return 0;
  const s = (now - since) / 1000;
  if (s <= RISE_SECONDS) return Math.round(BURST_ENTRIES + s * RISE_PER_SECOND);
  return Math.max(0, Math.round(BURST_ENTRIES + RISE_SECONDS * RISE_PER_SECOND - (s - RISE_SECONDS) * DRAIN_PER_SECOND));
}

export interface HealQuery {
  now: number;
  /** `info split-brain` (files listed) rather than `info summary` (counts). */
  listSplitBrain: boolean;
  splitFiles: readonly SplitFile[];
  reachable: (b: SimBrick) => boolean;
  /** When the backlog fault was switched on for this volume. */
  faultSince: number | undefined;
}

/** Per brick, what `volume heal V info summary|split-brain` reports. */
export function healBricks(v: SimVolume, q: HealQuery): XmlHealBrick[] {
  const size = v.bricks.length / v.distCount;
  return v.bricks.map((b, i): XmlHealBrick => {
    const name = brickName(b);
    if (!b.online || !q.reachable(b)) return { name, connected: false };
    const set = Math.floor(i / size);
    const partners = v.bricks.slice(set * size, (set + 1) * size).filter((x) => x !== b);
    // A brick lists what its partners missed; the backlog fault lands on the first replica set.
    let pending = partners.reduce((n, p) => n + brickBacklog(p, q.now), 0);
    if (set === 0) pending += faultBacklog(q.faultSince, q.now);
    // Split-brain shows on the first two bricks of the first set; the second cannot resolve paths.
    const inSplit = set === 0 && i - set * size < 2 ? q.splitFiles : [];
    if (q.listSplitBrain) {
      const files = inSplit.map((f) => (i % size === 0 ? { gfid: f.gfid, path: f.path } : { gfid: f.otherGfid, path: `<gfid:${f.otherGfid}>` }));
      return { name, uuid: b.server.uuid, connected: true, total: files.length, pending: 0, splitBrain: files.length, possiblyHealing: 0, files };
    }
    const possiblyHealing = pending > 0 && pending % 7 === 0 ? 1 : 0;
    return {
      name,
      uuid: b.server.uuid,
      connected: true,
      total: pending + inSplit.length,
      pending: pending - possiblyHealing,
      splitBrain: inSplit.length,
      possiblyHealing,
    };
  });
}
