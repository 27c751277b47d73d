/**
 * Slower sweeps of per-repository detail (issue #13), read on their own period and paced to a
 * bytes-per-second budget while the regular cycle reads only what does not grow with repositories:
 * the mirrors' detail (the primary's repository hashes, each node's `repoSyncStatus`: a request per
 * 1,000 repositories, hundreds of KB a page) and the SCM cache statistics (one body listing every
 * repository).
 */

/** When a sweep last ran, and whether it is due. Clock injected. */
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

/**
 * The period after a sweep that read `bytes` in one body: `periodMs`, or longer when the body
 * needs it to stay within the budget (a single body cannot be paced page by page).
 */
export const budgetedPeriodMs = (periodMs: number, bytes: number | null, budgetBytesPerSecond: number): number =>
  Math.max(periodMs, ((bytes ?? 0) / Math.max(1, budgetBytesPerSecond)) * 1000);

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
