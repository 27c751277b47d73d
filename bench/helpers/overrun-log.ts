import type { Snapshot } from '../../shared/model/snapshot';

/** One overrun: a poll longer than the interval, or a gap between two polls of a target longer than twice it. */
export interface Overrun {
  targetId: string;
  kind: 'primary' | 'farm';
  primaryId: string;
  what: 'poll' | 'gap';
  /** The poll's duration or the gap (ms). */
  ms: number;
  /** The window it covers (engine epoch ms): the poll's start to end, or the two polls' ends. */
  from: number;
  to: number;
}

interface Mark {
  primaryId: string;
  at: number;
}

/**
 * What the engine was doing around each overrun, from the snapshots it published: which primaries'
 * mirror sweeps ran, which inventory walks and SCM cache statistics reads ended in the window
 * (each a walk or body that grows with repositories). Evidence for issue 13's "no overrun".
 */
export function overrunLog(engineStartedAt: number): { see(s: Snapshot): void; add(o: Overrun): void; count(): number; lines(): string[] } {
  const overruns: Overrun[] = [];
  // Sweep state changes per primary: [at, running].
  const sweeping = new Map<string, Array<[number, boolean]>>();
  const inventories: Mark[] = [];
  const statistics: Mark[] = [];
  const lastInventory = new Map<string, number | null>();
  const lastStatistics = new Map<string, number | null>();

  const sweptIn = (from: number, to: number): string[] => {
    const out: string[] = [];
    for (const [primaryId, changes] of sweeping) {
      // Running at the window's start, or started within it.
      let before = false;
      let during = false;
      for (const [at, running] of changes) {
        if (at <= from) before = running;
        else if (at <= to && running) during = true;
      }
      if (before || during) out.push(primaryId);
    }
    return out;
  };
  const endedIn = (marks: Mark[], from: number, to: number): string[] => [...new Set(marks.filter((m) => m.at >= from && m.at <= to).map((m) => m.primaryId))];
  const list = (ids: string[]): string => (ids.length === 0 ? 'none' : ids.join(' '));

  return {
    see: (s) => {
      const running = new Map<string, boolean>();
      for (const f of s.mirrorFarms) running.set(f.primaryId, (running.get(f.primaryId) ?? false) || f.detailSweep?.running === true);
      for (const [primaryId, now] of running) {
        const changes = sweeping.get(primaryId) ?? [];
        if (changes.length === 0 || changes[changes.length - 1]![1] !== now) changes.push([s.generatedAt, now]);
        sweeping.set(primaryId, changes);
      }
      for (const p of s.primaries) {
        if (p.inventoryAt !== null && lastInventory.get(p.id) !== p.inventoryAt) inventories.push({ primaryId: p.id, at: p.inventoryAt });
        lastInventory.set(p.id, p.inventoryAt);
        const readAt = p.cache?.statistics?.readAt ?? null;
        if (readAt !== null && lastStatistics.get(p.id) !== readAt) statistics.push({ primaryId: p.id, at: readAt });
        lastStatistics.set(p.id, readAt);
      }
    },
    add: (o) => overruns.push(o),
    count: () => overruns.length,
    lines: () =>
      overruns.map((o) => {
        // From the engine process's start (same clock): a first poll starts before the first
        // snapshot the bench sees, so that was no base.
        const at = `+${((o.from - engineStartedAt) / 1000).toFixed(1)}`;
        const span = `${o.what} ${(o.ms / 1000).toFixed(1)} s`;
        return (
          `  overrun at ${at} s (from the engine's start): ${o.kind} ${o.targetId} (of ${o.primaryId}), ${span}; meanwhile mirror sweeps of ${list(sweptIn(o.from, o.to))}, ` +
          `inventory walks ended ${list(endedIn(inventories, o.from, o.to))}, cache statistics read ${list(endedIn(statistics, o.from, o.to))}\n`
        );
      }),
  };
}
