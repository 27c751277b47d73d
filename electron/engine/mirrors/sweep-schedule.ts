/**
 * The slower sweep of per-repository mirror detail (issue #13): the primary's repository hashes and
 * each mirror node's `repoSyncStatus` cost a request per 1,000 repositories and hundreds of KB a
 * page, so they are read on their own period and paced to a bytes-per-second budget, while the
 * regular cycle reads only what the mirror API already narrows.
 */

/** When the sweep of one primary's mirrors last ran, and whether it is due. Clock injected. */
export class SweepSchedule {
  startedAt: number | null = null;
  endedAt: number | null = null;
  durationMs: number | null = null;
  /** Why the last sweep failed; null after a sweep that completed. */
  error: string | null = null;
  running = false;

  /**
   * Due when none ran yet, when the last one failed (retried at the next cycle: the budget still
   * bounds its bytes a second), or when a period has passed since the last one started. Never
   * while one runs: a sweep slower than its period delays the next, it does not stack.
   */
  due(now: number, periodMs: number): boolean {
    if (this.running) return false;
    if (this.startedAt === null || this.error !== null) return true;
    return now - this.startedAt >= periodMs;
  }

  begin(now: number): void {
    this.running = true;
    this.startedAt = now;
  }

  end(now: number, error: string | null): void {
    this.running = false;
    this.endedAt = now;
    this.durationMs = this.startedAt === null ? null : now - this.startedAt;
    this.error = error;
  }
}

export interface PaceClock {
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason once it aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

/**
 * Spreads a sweep's reads over time: after each page, waits until the bytes read since `start`
 * fit the budget. A page is read whole, so the average holds from the second page on.
 */
export function pacer(budgetBytesPerSecond: number, clock: PaceClock, signal: AbortSignal): (bytes: number) => Promise<void> {
  const start = clock.now();
  const budget = Math.max(1, budgetBytesPerSecond);
  let total = 0;
  return async (bytes) => {
    total += bytes;
    const wait = start + (total / budget) * 1000 - clock.now();
    if (wait > 0) await clock.sleep(wait, signal);
  };
}

/** The real clock's abortable sleep. */
export const realPaceClock: PaceClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason as Error);
        return;
      }
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal.addEventListener('abort', onAbort, { once: true });
    }),
};
