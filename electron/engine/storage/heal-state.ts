import type { Brick, SplitBrainEntry, VolumeHeal } from '../../../shared/model';
import type { HealReading, Part } from './collect';

/** Most split-brain entries kept per volume: enough to act on, small enough for every snapshot. */
export const MAX_SPLIT_BRAIN_ENTRIES = 200;
const HISTORY = 20;

/** What the engine remembers of one volume's heal info between its (slow, separate) reads. */
export class HealState {
  reading: HealReading | null = null;
  /** Why the last attempt failed, while it is the latest attempt. */
  error: { message: string; at: number } | null = null;
  /** Brick pids when the last reading was taken, to tell whether a brick it could not reach is the same process now. */
  private pids = new Map<string, number | null>();
  private history: Array<{ at: number; pending: number }> = [];
  /** When the backlog last fell, or became non-zero. */
  private movedAt: number | null = null;

  /** Takes one heal attempt's result; `bricks` are the bricks as this same poll saw them. */
  record(part: Part<HealReading>, bricks: readonly Brick[], setSize: number, at: number): void {
    if (!part.ok) {
      this.error = { message: part.message, at };
      return;
    }
    this.error = null;
    this.reading = part.value;
    this.pids = new Map(bricks.map((b) => [b.name, b.pid]));
    const pending = aggregate(part.value, setSize).pending;
    if (pending === null) return;
    const previous = this.history.at(-1)?.pending ?? 0;
    if (pending < previous || (pending > 0 && previous === 0)) this.movedAt = part.value.at;
    this.history.push({ at: part.value.at, pending });
    if (this.history.length > HISTORY) this.history.shift();
  }

  /** The volume's heal summary for the snapshot. */
  model(setSize: number, applicable: boolean): VolumeHeal {
    if (!applicable) return emptyHeal(false, null);
    const r = this.reading;
    if (!r) return emptyHeal(true, this.error?.message ?? null);
    const agg = aggregate(r, setSize);
    const [a, b] = this.history.slice(-2);
    const trend = a === undefined || b === undefined ? 'unknown' : b.pending > a.pending ? 'rising' : b.pending < a.pending ? 'falling' : 'steady';
    const files = r.splitBrainFiles?.ok ? r.splitBrainFiles.value : [];
    const entries: SplitBrainEntry[] = files.flatMap((brick) => brick.files.map((f) => ({ brick: brick.name, path: f.path, gfid: f.gfid })));
    return {
      applicable: true,
      at: r.at,
      pending: agg.pending,
      splitBrain: agg.splitBrain,
      possiblyHealing: agg.possiblyHealing,
      trend,
      error: this.error?.message ?? (r.splitBrainFiles && !r.splitBrainFiles.ok ? r.splitBrainFiles.message : null),
      splitBrainEntries: entries.slice(0, MAX_SPLIT_BRAIN_ENTRIES),
      splitBrainEntriesTruncated: entries.length > MAX_SPLIT_BRAIN_ENTRIES,
    };
  }

  /** Seconds the backlog has gone without falling, when there is one. */
  stuckSeconds(now: number): number | null {
    const last = this.history.at(-1);
    if (!last || last.pending === 0 || this.movedAt === null) return null;
    return Math.max(0, (now - this.movedAt) / 1000);
  }

  /** Bricks the last crawl could not reach that are still the same, online process. */
  unreachable(bricks: readonly Brick[]): string[] {
    if (!this.reading) return [];
    const current = new Map(bricks.map((b) => [b.name, b]));
    return this.reading.bricks
      .filter((h) => !h.connected)
      .map((h) => h.name)
      .filter((name) => {
        const b = current.get(name);
        return b !== undefined && b.status === 'up' && b.pid !== null && this.pids.get(name) === b.pid;
      });
  }
}

const emptyHeal = (applicable: boolean, error: string | null): VolumeHeal => ({
  applicable,
  at: null,
  pending: null,
  splitBrain: null,
  possiblyHealing: null,
  trend: 'unknown',
  error,
  splitBrainEntries: [],
  splitBrainEntriesTruncated: false,
});

/**
 * Volume totals from per-brick counts. The same entry is listed on every good brick of its
 * replica set, so a set counts its largest brick; sets are summed. Null when no brick answered.
 */
export function aggregate(r: HealReading, setSize: number): { pending: number | null; splitBrain: number | null; possiblyHealing: number | null } {
  const sum = (pick: (b: HealReading['bricks'][number]) => number | null): number | null => {
    let total: number | null = null;
    for (let k = 0; k * setSize < r.bricks.length; k += 1) {
      const values = r.bricks
        .slice(k * setSize, (k + 1) * setSize)
        .map(pick)
        .filter((n): n is number => n !== null);
      if (values.length > 0) total = (total ?? 0) + Math.max(...values);
    }
    return total;
  };
  return { pending: sum((b) => b.pending ?? b.entries), splitBrain: sum((b) => b.splitBrain), possiblyHealing: sum((b) => b.possiblyHealing) };
}
