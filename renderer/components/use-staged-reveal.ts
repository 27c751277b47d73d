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

/**
 * How many of a view's `stages` are mounted: the first at once, then one more after each paint.
 * A large view (the Overview at 10 primaries, ≈ 2,000 boxes) then lays out in a few short tasks
 * instead of one long one (issue 13 goal 5); what is above the fold comes first. Stages added
 * later (more primaries) are revealed the same way; a stage once shown stays.
 */
export function useStagedReveal(stages: number, next: AfterPaint | null = afterPaint): number {
  const [shown, setShown] = useState(next === null ? Number.POSITIVE_INFINITY : 1);
  useEffect(() => {
    if (next === null || shown >= stages) return undefined;
    return next(() => setShown((s) => s + 1));
  }, [next, shown, stages]);
  return shown;
}
