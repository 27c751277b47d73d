import type { ScheduledTarget, Scheduler } from './scheduler';

/** The longest a primary's other areas wait for its first poll at start. */
const PRIMARY_FIRST_WAIT_MS = 2_000;

/** The parts of the engine that poll: each keeps its own scheduler entries per target. */
export type AreaName = 'primary' | 'inventory' | 'cache' | 'mirrors' | 'storage' | 'storage-status';

/** The one place a scheduler id is built from an area and a target id. */
export const schedulerId = (area: AreaName, targetId: string): string => `${area}:${targetId}`;

export interface TargetEntry extends Omit<ScheduledTarget, 'id'> {
  area: AreaName;
  targetId: string;
}

/**
 * Maps each target of the fleet — a primary and everything polled on its behalf (its cache, its
 * mirroring), a farm discovered from it, a storage source — to its scheduler entries, so that
 * "poll this target now" and "wait for this target's next poll" mean the same thing everywhere.
 */
export class TargetRegistry {
  private readonly own = new Map<string, Set<string>>();
  /** Discovered targets (mirror farms) that are polled by an entry of another target. */
  private readonly via = new Map<string, string>();
  /** Each primary's first poll at start (at most PRIMARY_FIRST_WAIT_MS), once asked for. */
  private readonly firstPolls = new Map<string, Promise<void>>();

  constructor(private readonly scheduler: Scheduler) {}

  schedule(entry: TargetEntry): void {
    const id = schedulerId(entry.area, entry.targetId);
    // A primary's own reads go first at start, so its status shows before the slower areas queue on
    // its host: its other areas' first polls wait for its first poll (issue 13: its requests had
    // queued ≈ 190 ms behind cache and mirror reads), at most PRIMARY_FIRST_WAIT_MS. The inventory
    // walk starts with the poll, as when it ran inside it: the repository count on a primary's card
    // is the walk's, and waiting for the poll first put the count ≈ 0.9 s later. A storage source
    // does not wait: waiting for every primary moved its first SSH poll (ssh2's import, the key
    // exchange) to just after the first count, where the page waits for it (first-data +350 ms).
    const first = entry.area === 'primary' || entry.area === 'inventory';
    const after = first ? undefined : this.primaryFirstPoll(entry.targetId);
    this.scheduler.add({
      id,
      intervalMs: entry.intervalMs,
      run: entry.run,
      ...(first ? { firstRunDelayMs: 0 } : {}),
      ...(after ? { firstRunAfter: after } : {}),
    });
    const set = this.own.get(entry.targetId) ?? new Set<string>();
    set.add(id);
    this.own.set(entry.targetId, set);
  }

  private primaryFirstPoll(targetId: string): Promise<void> | undefined {
    const primary = schedulerId('primary', targetId);
    if (!this.own.get(targetId)?.has(primary)) return undefined;
    // One wait per primary, however many entries wait on it: each runSoon would ask for a run.
    const known = this.firstPolls.get(targetId);
    if (known) return known;
    const wait = new Promise<void>((resolve) => {
      // A primary that does not answer at once does not hold its cache and mirrors back for long.
      const timer = setTimeout(resolve, PRIMARY_FIRST_WAIT_MS);
      timer.unref?.();
      void this.scheduler.runSoon(primary).then(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.firstPolls.set(targetId, wait);
    return wait;
  }

  /** A target found while polling another (a farm listed by its primary), polled by that entry. */
  discovered(targetId: string, polledBy: { area: AreaName; targetId: string }): void {
    this.via.set(targetId, schedulerId(polledBy.area, polledBy.targetId));
  }

  forget(targetId: string): void {
    this.via.delete(targetId);
  }

  has(targetId: string): boolean {
    return this.own.has(targetId) || this.via.has(targetId);
  }

  /** Every scheduler entry that polls this target, or only its entry of one area. */
  entries(targetId: string, area?: AreaName): string[] {
    if (area !== undefined) {
      const id = schedulerId(area, targetId);
      if (this.own.get(targetId)?.has(id)) return [id];
    } else {
      const own = this.own.get(targetId);
      if (own) return [...own];
    }
    const via = this.via.get(targetId);
    return via === undefined ? [] : [via];
  }

  /** Polls a target (every area of it) now; with no id, every target of the fleet. */
  pollNow(targetId?: string, area?: AreaName): void {
    if (targetId === undefined) return this.pollEverything();
    const ids = this.entries(targetId, area);
    const primary = area === undefined ? ids.find((id) => id === schedulerId('primary', targetId)) : undefined;
    if (primary === undefined) {
      for (const id of ids) this.scheduler.triggerNow(id);
      return;
    }
    // The primary's own reads first, its areas right after: they share its host's request slots,
    // and the primary's response times must measure Bitbucket, not our own queue.
    const rest = ids.filter((id) => id !== primary);
    void this.scheduler.runSoon(primary).then(() => rest.forEach((id) => this.scheduler.triggerNow(id)));
  }

  /**
   * Every entry of the fleet now, the inventory walks first. A walk is a chain of pages, each asked
   * when the one before is in; the other areas' reads are one or two round trips. Started after the
   * polls, the walks' first pages queued behind the polls' reads for the fleet-wide slots (at 10 × 2k
   * the polls' 50 reads filled the 48 slots, so the walks ended a round trip after the bound);
   * started first, each first page takes a slot before the polls' reads ask, and "poll everything"
   * ends when the longest chain does (docs/scale.md, session 21). Scheduled timers are not affected:
   * this is the order of one trigger.
   */
  private pollEverything(): void {
    const ids = [...this.own.values()].flatMap((set) => [...set]);
    const walk = (id: string): boolean => id.startsWith(schedulerId('inventory', ''));
    for (const id of [...ids.filter(walk), ...ids.filter((id) => !walk(id))]) this.scheduler.triggerNow(id);
  }

  /**
   * Polls a target now and resolves true once every poll that started after this call has ended,
   * or false when that took longer than `timeoutMs`.
   */
  async repoll(targetId: string, area: AreaName | undefined, timeoutMs: number): Promise<boolean> {
    const done = Promise.all(this.entries(targetId, area).map((id) => this.scheduler.runSoon(id))).then(() => true);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    try {
      return await Promise.race([done, late]);
    } finally {
      clearTimeout(timer);
    }
  }
}
