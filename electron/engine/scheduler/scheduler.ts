import { fullJitterBackoff, startOffset } from '../../../shared/logic/backoff';

/** A unit of periodic work: typically one poll of one target. */
export interface ScheduledTarget {
  id: string;
  intervalMs: number;
  /** One run; rejects on failure. Must stop promptly when `signal` aborts. */
  run: (signal: AbortSignal) => Promise<void>;
  /** Delay of the first run instead of the per-target spread (0: at once, before the others). */
  firstRunDelayMs?: number;
  /** The first run's delay counts from when this settles (another target's first poll going first); a trigger meanwhile still runs it at once. */
  firstRunAfter?: Promise<unknown>;
}

/** What happened in one run, for a watchdog or a log; never needed for scheduling itself. */
export interface RunReport {
  id: string;
  ok: boolean;
  error: unknown;
  startedAt: number;
  durationMs: number;
  consecutiveFailures: number;
  /** Delay until the next run (ms), or null when none is planned (stopped, removed). */
  nextDelayMs: number | null;
}

export interface Scheduler {
  add(target: ScheduledTarget): void;
  remove(id: string): Promise<void>;
  /** Run now (all targets if no id); a target already running gets one run right after it. */
  triggerNow(id?: string): void;
  /**
   * Like triggerNow for one target, and resolves once a run that started after this call has
   * ended (at once for an unknown target; when the scheduler stops or the target is removed).
   */
  runSoon(id: string): Promise<void>;
  /** Abort in-flight runs, await them, and leave no timer behind. */
  stop(): Promise<void>;
}

export interface SchedulerOptions {
  /** Per-cycle jitter of the interval, ± this ratio. Default 0.1. */
  jitterRatio?: number;
  /** Backoff base after failures; default half the target's interval. */
  backoffBaseMs?: number;
  /** Backoff cap after failures; default four times the target's interval. */
  backoffCapMs?: number;
  now?: () => number;
  random?: () => number;
  /** Default true: first run after a small per-target offset (see firstRunSpreadMs) so data shows fast. */
  firstRunImmediate?: boolean;
  /** With firstRunImmediate: first runs spread over at most this long (default 250 ms) — enough to
   * de-synchronise targets, short enough that data shows at once. */
  firstRunSpreadMs?: number;
  onRunEnd?: (report: RunReport) => void;
}

interface Entry {
  target: ScheduledTarget;
  timer: ReturnType<typeof setTimeout> | undefined;
  inFlight: Promise<void> | undefined;
  controller: AbortController | undefined;
  failures: number;
  rerun: boolean;
  removed: boolean;
  started: boolean;
  /** Resolvers of runSoon callers waiting for a run that has not started yet. */
  waiting: Array<() => void>;
}

/**
 * Runs each target on its own `setTimeout` chain — never `setInterval`, so a slow run can never
 * pile up behind itself — with jitter, full-jitter backoff after failures, and a clean stop.
 *
 * The interval is measured start to start so data keeps its cadence, but at least half a delay
 * separates the end of one run from the start of the next, so a target whose runs take longer
 * than its interval is not polled back to back.
 */
export function createScheduler(opts: SchedulerOptions = {}): Scheduler {
  const jitterRatio = Math.min(Math.max(opts.jitterRatio ?? 0.1, 0), 1);
  const now = opts.now ?? Date.now;
  const random = opts.random ?? Math.random;
  const firstRunImmediate = opts.firstRunImmediate ?? true;
  const firstRunSpreadMs = opts.firstRunSpreadMs ?? 250;
  const entries = new Map<string, Entry>();
  let stopped = false;
  const due: Entry[] = [];
  let turn: ReturnType<typeof setImmediate> | undefined;

  function plannedDelay(entry: Entry): number {
    const interval = entry.target.intervalMs;
    if (entry.failures > 0) {
      const backoff = { baseMs: opts.backoffBaseMs ?? interval / 2, capMs: opts.backoffCapMs ?? 4 * interval };
      return interval + fullJitterBackoff(entry.failures - 1, backoff, random);
    }
    return interval * (1 + (2 * random() - 1) * jitterRatio);
  }

  function schedule(entry: Entry, delayMs: number): void {
    if (stopped || entry.removed) return;
    // Already due: it keeps its place in the queue.
    if (delayMs <= 0 && due.includes(entry)) return;
    unschedule(entry);
    if (delayMs <= 0) {
      due.push(entry);
      turn ??= setImmediate(startDue);
      return;
    }
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      start(entry);
    }, Math.round(delayMs));
  }

  function unschedule(entry: Entry): void {
    if (entry.timer !== undefined) clearTimeout(entry.timer);
    entry.timer = undefined;
    const at = due.indexOf(entry);
    if (at >= 0) due.splice(at, 1);
  }

  /**
   * Starts the entries due now one per turn of the event loop, not all in one go. undici writes a
   * request on a reused keep-alive socket only at the loop's next check phase (it first lets the
   * socket show what the server sent while it was idle, GHSA-35p6-xmwp-9g52): when a "poll now"
   * started every target in one phase, the first target's requests left only once the last target
   * had built its own, 4–13 ms later at 10 primaries (docs/scale.md, session 30). Started one a
   * turn, each target's requests leave while the next target builds its own.
   */
  function startDue(): void {
    turn = undefined;
    const entry = due.shift();
    if (due.length > 0) turn = setImmediate(startDue);
    if (entry !== undefined) start(entry);
  }

  function start(entry: Entry): void {
    if (stopped || entry.removed || entry.inFlight) return;
    entry.started = true;
    const controller = new AbortController();
    const startedAt = now();
    entry.controller = controller;
    const waiters = entry.waiting;
    entry.waiting = [];
    entry.inFlight = (async () => {
      let ok = true;
      let error: unknown = null;
      try {
        await entry.target.run(controller.signal);
      } catch (err) {
        ok = false;
        error = err;
      }
      entry.inFlight = undefined;
      entry.controller = undefined;
      waiters.forEach((resolve) => resolve());
      // An aborted run says nothing about the target's health; leave the failure count alone.
      if (!controller.signal.aborted) entry.failures = ok ? 0 : entry.failures + 1;
      const durationMs = Math.max(0, now() - startedAt);
      const live = !stopped && !entry.removed;
      let nextDelayMs: number | null = null;
      if (live) {
        const planned = plannedDelay(entry);
        nextDelayMs = entry.rerun ? 0 : Math.max(planned - durationMs, planned / 2);
        entry.rerun = false;
        schedule(entry, nextDelayMs);
      }
      try {
        opts.onRunEnd?.({ id: entry.target.id, ok, error, startedAt, durationMs, consecutiveFailures: entry.failures, nextDelayMs });
      } catch (hookError) {
        // A broken observer must not stop the polling it observes; say so loudly instead.
        console.error(`Scheduler: onRunEnd for "${entry.target.id}" threw`, hookError);
      }
    })();
  }

  function triggerNow(id?: string): void {
    if (stopped) return;
    const targets = id === undefined ? [...entries.values()] : [entries.get(id)].filter((e): e is Entry => e !== undefined);
    for (const entry of targets) {
      if (entry.inFlight) entry.rerun = true;
      else schedule(entry, 0);
    }
  }

  return {
    add(target) {
      if (stopped) throw new Error(`Scheduler is stopped; cannot add "${target.id}".`);
      if (entries.has(target.id)) throw new Error(`Scheduler already has a target "${target.id}"; remove it first.`);
      if (!Number.isFinite(target.intervalMs) || target.intervalMs <= 0) {
        throw new RangeError(`Scheduler: interval of "${target.id}" must be a positive number of ms, got ${target.intervalMs}.`);
      }
      const entry: Entry = {
        target,
        timer: undefined,
        inFlight: undefined,
        controller: undefined,
        failures: 0,
        rerun: false,
        removed: false,
        started: false,
        waiting: [],
      };
      entries.set(target.id, entry);
      const spread = firstRunImmediate ? Math.min(target.intervalMs, firstRunSpreadMs) : target.intervalMs;
      const firstDelay = target.firstRunDelayMs ?? (firstRunImmediate ? 1 : 0) + startOffset(target.id, spread);
      if (target.firstRunAfter === undefined) schedule(entry, firstDelay);
      else {
        // Triggered meanwhile: it has run, and its own next run is planned already.
        const first = (): void => (entry.started ? undefined : schedule(entry, firstDelay));
        void target.firstRunAfter.then(first, first);
      }
    },

    async remove(id) {
      const entry = entries.get(id);
      if (!entry) return;
      entries.delete(id);
      entry.removed = true;
      unschedule(entry);
      entry.controller?.abort(cancelled(`Target "${id}" was removed.`));
      releaseWaiters(entry);
      await entry.inFlight;
    },

    triggerNow,

    runSoon(id) {
      const entry = entries.get(id);
      if (stopped || !entry) return Promise.resolve();
      const done = new Promise<void>((resolve) => entry.waiting.push(resolve));
      triggerNow(id);
      return done;
    },

    async stop() {
      stopped = true;
      if (turn !== undefined) clearImmediate(turn);
      turn = undefined;
      const running: Promise<void>[] = [];
      for (const entry of entries.values()) {
        unschedule(entry);
        entry.controller?.abort(cancelled('The scheduler is stopping.'));
        releaseWaiters(entry);
        if (entry.inFlight) running.push(entry.inFlight);
      }
      await Promise.all(running);
    },
  };
}

function releaseWaiters(entry: Entry): void {
  const waiters = entry.waiting;
  entry.waiting = [];
  waiters.forEach((resolve) => resolve());
}

/** An AbortError, so whoever classifies the failure of an aborted run sees a cancellation, not a bug. */
function cancelled(message: string): DOMException {
  return new DOMException(message, 'AbortError');
}
