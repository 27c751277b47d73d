// Apart from slow-clone-evidence.ts (which re-exports it): the access-log aggregator needs only this, and that module's
// imports reach zod's schemas, which the access-log reader's worker thread must not load.
import type { DurationStats } from '../model/access-log';

/** A node needs this many clones in the logs before its p95 is compared. */
export const MIN_NODE_CLONES = 5;
/** p95 this many times the other nodes' median p95 names a node. */
const SLOW_NODE_FACTOR = 3;

/** A node slow by the rule below: its p95 and the median p95 of the other nodes. */
export interface SlowCloneNode {
  node: string;
  p95Ms: number;
  othersP95Ms: number;
  ratio: number;
}

/**
 * Nodes whose p95 clone time is SLOW_NODE_FACTOR× or more the median p95 of the other nodes (each
 * with enough clones): over every repository (the Logs view, the timeline) or one repository's own
 * clones (its page and the `log-slow-node` rule), so a node slow for one large repository shows.
 */
export function slowCloneNodes(byNode: ReadonlyArray<{ node: string; durations: DurationStats }>): SlowCloneNode[] {
  const counted = byNode.filter(
    (n): n is { node: string; durations: DurationStats & { p95Ms: number } } => n.durations.count >= MIN_NODE_CLONES && n.durations.p95Ms !== null,
  );
  const sorted = Float64Array.from(counted, (n) => n.durations.p95Ms).sort();
  return counted.flatMap((n) => {
    const slow = slowAgainstOthers(n.durations.p95Ms, sorted, counted.length);
    return slow === null ? [] : [{ node: n.node, ...slow }];
  });
}

/**
 * The rule for one node: `p95Ms` is one of `sorted[0, n)` (every counted node's p95, ascending); the
 * median of the others, and the ratio when it is slow (null when not, or with no other node). Typed
 * arrays and no closures, so the access-log report runs it over thousands of repositories cheaply.
 */
export function slowAgainstOthers(p95Ms: number, sorted: ArrayLike<number>, n: number): Omit<SlowCloneNode, 'node'> | null {
  if (n < 2) return null;
  // The others, ascending: `sorted` without one entry equal to `p95Ms` (which one does not matter).
  let skip = 0;
  while (sorted[skip] !== p95Ms) skip++;
  const m = n - 1;
  const mid = Math.floor(m / 2);
  const median = m % 2 ? other(sorted, skip, mid) : (other(sorted, skip, mid - 1) + other(sorted, skip, mid)) / 2;
  const ratio = median > 0 ? p95Ms / median : 0;
  return ratio >= SLOW_NODE_FACTOR ? { p95Ms, othersP95Ms: median, ratio } : null;
}

/** Entry `j` of `sorted` with entry `skip` left out. */
const other = (sorted: ArrayLike<number>, skip: number, j: number): number => sorted[j < skip ? j : j + 1]!;
