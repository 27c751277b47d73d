import type { Catalog, DemoRepo } from './catalog';
import type { Rng } from './prng';

const MINUTE = 60_000;
/** Simulated time a new repository spends INITIALISING. */
export const INITIALISATION_MS = MINUTE;
const MIN_GAP_MS = 2 * MINUTE;
const MAX_GAP_MS = 6 * MINUTE;
/** Bounds memory when a fast demo runs for days. */
const MAX_LIVE_REPOS = 5_000;

/**
 * Repositories being created while the demo runs. Nothing is scheduled: the feed catches up with
 * simulated time whenever the fleet is read, so it costs no timer, and the outcome depends only
 * on the seed and the simulated time, not on when or how often anyone looked.
 */
export class LiveFeed {
  private nextCreateAt: number;
  private created = 0;
  private readonly pending: { repo: DemoRepo; readyAt: number }[] = [];

  constructor(
    private readonly catalog: Catalog,
    private readonly rng: Rng,
    startAt: number,
  ) {
    this.nextCreateAt = startAt + this.gap();
  }

  advance(now: number): void {
    while (this.nextCreateAt <= now && this.created < MAX_LIVE_REPOS) {
      const repo = this.catalog.addRepo(this.rng, 'INITIALISING');
      this.pending.push({ repo, readyAt: this.nextCreateAt + INITIALISATION_MS });
      this.created += 1;
      this.nextCreateAt += this.gap();
    }
    // Creation order equals readiness order, so the queue stays sorted.
    for (let head = this.pending[0]; head !== undefined && head.readyAt <= now; head = this.pending[0]) {
      this.catalog.setState(head.repo, 'AVAILABLE');
      this.pending.shift();
    }
  }

  private gap(): number {
    return this.rng.int(MIN_GAP_MS, MAX_GAP_MS);
  }
}
