// Apart from slow-clone-evidence.ts (which re-exports it): the access-log aggregator needs only this, and that module's
// imports reach zod's schemas, which the access-log reader's worker thread must not load.
import type { DurationStats } from '../model/access-log';

/** A node needs this many clones in the logs before its p95 is compared. */
export const MIN_NODE_CLONES = 5;
/** p95 this many times the other nodes' median p95 names a node. */
const SLOW_NODE_FACTOR = 3;

/**
 * Nodes whose p95 clone time is SLOW_NODE_FACTOR× or more the median p95 of the other nodes (each
 * with enough clones): over every repository (the Logs view, the timeline) or one repository's own
 * clones (its page and the `log-slow-node` rule), so a node slow for one large repository shows.
 */
export function slowCloneNodes(
  byNode: ReadonlyArray<{ node: string; durations: DurationStats }>,
): Array<{ node: string; p95Ms: number; othersP95Ms: number; ratio: number }> {
  const counted = byNode.filter(
    (n): n is { node: string; durations: DurationStats & { p95Ms: number } } => n.durations.count >= MIN_NODE_CLONES && n.durations.p95Ms !== null,
  );
  return counted.flatMap((n) => {
    const others = counted
      .filter((o) => o !== n)
      .map((o) => o.durations.p95Ms)
      .sort((a, b) => a - b);
    if (others.length === 0) return [];
    const mid = Math.floor(others.length / 2);
    const median = others.length % 2 ? others[mid]! : (others[mid - 1]! + others[mid]!) / 2;
    const ratio = median > 0 ? n.durations.p95Ms / median : 0;
    return ratio >= SLOW_NODE_FACTOR ? [{ node: n.node, p95Ms: n.durations.p95Ms, othersP95Ms: median, ratio }] : [];
  });
}
