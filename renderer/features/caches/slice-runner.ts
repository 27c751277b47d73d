/** Lets the browser run input, rendering and painting before the next slice. */
export type YieldToBrowser = () => Promise<void>;

const channelYield = (): YieldToBrowser => {
  // A message, not setTimeout(0): nested timeouts are clamped to 4 ms each.
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.addEventListener('message', () => waiting.shift()?.());
  channel.port1.start();
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(null);
    });
};

let shared: YieldToBrowser | null = null;
/** One message channel for the page, made when first needed. */
export const yieldToBrowser: YieldToBrowser = () => (shared ??= channelYield())();

export interface SliceOptions {
  /** Longest run of work between two yields, in ms of the clock below. */
  budgetMs: number;
  now(): number;
  yieldNow: YieldToBrowser;
  /** True once the answer is no longer wanted: the run stops at the next slice. */
  cancelled(): boolean;
}

/**
 * Runs a generator of small steps in slices of at most about `budgetMs`, yielding to the browser
 * between slices, so long work (ordering 10,000 rows) never makes a long task. Null if cancelled.
 */
export async function runSliced<T>(steps: Generator<void, T>, options: SliceOptions): Promise<T | null> {
  for (;;) {
    const started = options.now();
    let step = steps.next();
    while (!step.done && options.now() - started < options.budgetMs) step = steps.next();
    if (step.done) return step.value;
    await options.yieldNow();
    if (options.cancelled()) return null;
  }
}
