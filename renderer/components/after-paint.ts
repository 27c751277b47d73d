import { useEffect, useState } from 'react';

/** Calls back once the browser has painted the current frame; returns a cancel. */
export type AfterPaint = (run: () => void) => () => void;

/**
 * After the next frame: a timeout queued from requestAnimationFrame runs in the task after that
 * frame's paint. Null where there is no layout to spread (jsdom has no ResizeObserver, like the
 * width hooks assume): then everything is shown at once.
 */
export const afterPaint: AfterPaint | null =
  typeof requestAnimationFrame === 'undefined' || typeof ResizeObserver === 'undefined'
    ? null
    : (run) => {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const frame = requestAnimationFrame(() => {
          timer = setTimeout(run, 0);
        });
        return () => {
          cancelAnimationFrame(frame);
          clearTimeout(timer);
        };
      };

/** A page not shown (a background tab, a hidden window) paints no frame: work waits this long at most. */
export const PAINT_AT_THE_LATEST_MS = 250;

/**
 * After the next frame, once the page is idle: the tasks already queued then (the frame's own
 * timeouts, input) run first. `afterPaint` where there are no idle callbacks.
 */
export const idleAfterPaint: AfterPaint | null =
  afterPaint === null || typeof requestIdleCallback === 'undefined'
    ? afterPaint
    : (run) => {
        let idle: number | undefined;
        const frame = requestAnimationFrame(() => {
          idle = requestIdleCallback(run, { timeout: PAINT_AT_THE_LATEST_MS });
        });
        return () => {
          cancelAnimationFrame(frame);
          if (idle !== undefined) cancelIdleCallback(idle);
        };
      };

/**
 * `run` once, after the next paint once the page is idle, or PAINT_AT_THE_LATEST_MS, whichever
 * comes first (in a task of its own where nothing paints). For work that a store update starts but
 * that is not what the update shows: React flushes the effects of a store's update (a sync-lane
 * render) at the end of its commit, before the browser paints it, so work started there delays the
 * very frame it follows (issue 13 item 7: the first count's frame). Returns a cancel.
 */
export function afterNextPaint(run: () => void, paint: AfterPaint | null = idleAfterPaint): () => void {
  let done = false;
  // Whichever comes first stops the other.
  const fire = (): void => {
    if (done) return;
    cancel();
    run();
  };
  const stopPaint = paint?.(fire);
  const latest = setTimeout(fire, paint === null ? 0 : PAINT_AT_THE_LATEST_MS);
  function cancel(): void {
    done = true;
    stopPaint?.();
    clearTimeout(latest);
  }
  return cancel;
}

/** False until `flag` has first been true through a painted frame (`afterNextPaint`); from then on, `flag` itself. */
export function useTrueAfterNextPaint(flag: boolean, paint: AfterPaint | null = idleAfterPaint): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => (flag && !painted ? afterNextPaint(() => setPainted(true), paint) : undefined), [flag, painted, paint]);
  return flag && painted;
}
