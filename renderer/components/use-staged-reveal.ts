import { useEffect, useState } from 'react';
import { afterPaint, type AfterPaint } from './after-paint';

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
