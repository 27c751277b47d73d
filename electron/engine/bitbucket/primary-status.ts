import type { Primary } from '../../../shared/model';
import type { WalkOutcome } from './inventory-walk';
import { composePrimary, withInventory, type PrimaryPollContext, type RegularReads } from './primary-poller';

type ComposeContext = Pick<PrimaryPollContext, 'config' | 'pollIntervalSeconds' | 'slowThresholdMs'>;

/**
 * A primary's status from two jobs that end in any order: its regular polls and its inventory
 * walks. A poll composes its reads with the last walk's outcome; a walk that ends between two
 * polls composes the last poll's reads again with its own, so search, alerts and the push feed see
 * the walk at once, and the next poll with the same reads says the same.
 */
export interface PrimaryStatus {
  current(): Primary;
  /** A regular poll ended with these reads; the primary it makes (history records it). */
  polled(reads: RegularReads): Primary;
  /** A walk ended; the primary it makes (not a poll: lastPollAt and the poll's duration stay). */
  walked(outcome: WalkOutcome): Primary;
}

export function createPrimaryStatus(ctx: ComposeContext, initial: Primary): PrimaryStatus {
  let current = initial;
  // The primary before the last poll composed, and that poll's reads.
  let basis: { previous: Primary; reads: RegularReads } | null = null;
  let lastWalk: WalkOutcome | null = null;
  return {
    current: () => current,
    polled(reads) {
      basis = { previous: current, reads };
      current = composePrimary(ctx, current, reads, lastWalk);
      return current;
    },
    walked(outcome) {
      lastWalk = outcome;
      if (basis === null) {
        // No poll has ended yet: the status comes with the first; the counts show now.
        current = withInventory(current, outcome);
        return current;
      }
      basis = { ...basis, previous: withInventory(basis.previous, outcome) };
      current = composePrimary(ctx, basis.previous, basis.reads, outcome);
      return current;
    },
  };
}
