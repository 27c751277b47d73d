import type { DemoBackfillProgress, PastHistory } from '../../shared/model';
import { writePastHistory, type PastWriteProgress } from '../engine/history/past-polls';
import type { HistoryStore } from '../engine/store/history-store';
import { startMark } from '../engine/start-marks';

const DAY_MS = 86_400_000;

export interface DemoBackfill {
  /** Resolves when the past is written (or the host stopped it). */
  readonly done: Promise<PastWriteProgress>;
  stop(): Promise<void>;
}

/**
 * The simulated fleet's history from the first second (issue 17): the demo describes its past,
 * the engine writes it as live polls are written. Only the time the history does not hold yet is
 * filled: after a restart, the gap since the last poll of the first primary.
 */
export function startDemoBackfill(opts: {
  store: HistoryStore;
  pastHistory: (from: number, to: number) => PastHistory;
  /** A target every start polls: its newest poll is where the kept history ends. */
  anchorTarget: string | undefined;
  now: number;
  /** Settles when the first poll is done: the past waits for it, so the first screen and its timings are the live fleet's. */
  after: Promise<unknown>;
  /** Told when the writing starts and at each further 5 % of it; not after it ends (then `done` settles). */
  onProgress?: (p: DemoBackfillProgress) => void;
  warn?: (message: string) => void;
}): DemoBackfill {
  let stopped = false;
  let stopWaiting = (): void => undefined;
  // A host stopped before its first poll ends (a Settings switch, a quick quit) must not wait for a poll that never comes.
  const stopSignal = new Promise<void>((resolve) => (stopWaiting = resolve));
  const newest = opts.anchorTarget === undefined ? undefined : opts.store.polls(opts.anchorTarget, 1)[0]?.at;
  const done = (async () => {
    // Live polls come first: the past is written once the first one is in.
    await Promise.race([opts.after.catch(() => undefined), stopSignal]);
    if (stopped) return { written: 0, total: 0, rows: 0 };
    startMark('back-fill started');
    const history = opts.pastHistory(newest ?? 0, opts.now);
    const days = Math.max(1 / 24, (history.to - history.from) / DAY_MS);
    let told = -1;
    const tell = (written: number, total: number): void => {
      const percent = total === 0 ? 100 : Math.floor((100 * written) / total);
      // Every 5 % (and the end): each tell is a push to every client, and 5 % steps read as moving.
      if (told >= 0 && percent < 100 && percent - told < 5) return;
      told = percent;
      opts.onProgress?.({ days, percent });
    };
    tell(0, history.polls.length);
    return writePastHistory(opts.store, history, { stopped: () => stopped, onProgress: (p) => tell(p.written, p.total) });
  })().catch((err: unknown) => {
    opts.warn?.(`The simulated fleet's past week could not be written to the history (${(err as Error).message}); its charts start now instead.`);
    return { written: 0, total: 0, rows: 0 };
  });
  return {
    done,
    stop: async () => {
      stopped = true;
      stopWaiting();
      await done;
    },
  };
}
