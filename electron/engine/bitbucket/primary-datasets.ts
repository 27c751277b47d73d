import type { DatasetState, Primary, PrimaryDatasets, TargetError } from '../../../shared/model';
import { pendingDataset } from '../../../shared/model/primary-datasets';

/** What one poll learnt about one dataset: read, failed, refused by design, or not tried. */
export type DatasetOutcome = { ok: true } | { ok: false; error: TargetError } | { notPermitted: string } | null;

export const initialDatasets = (): PrimaryDatasets => ({
  version: pendingDataset(),
  nodes: pendingDataset(),
  inventory: pendingDataset(),
  cache: pendingDataset(),
  mirrors: pendingDataset(),
});

/** The dataset after one poll's outcome; `null` (not tried this poll) keeps it as it was. */
export function recordDataset(prev: DatasetState, outcome: DatasetOutcome, at: number): DatasetState {
  if (outcome === null) return prev;
  if ('notPermitted' in outcome)
    return { state: 'not-permitted', lastAttemptAt: at, lastSuccessAt: prev.lastSuccessAt, stale: false, message: outcome.notPermitted, code: null };
  if (outcome.ok) return { state: 'ok', lastAttemptAt: at, lastSuccessAt: at, stale: false, message: null, code: null };
  return { state: 'failed', lastAttemptAt: at, lastSuccessAt: prev.lastSuccessAt, stale: prev.stale, message: outcome.error.message, code: outcome.error.code };
}

/** Stale: tried, not refused by design, and no success within `maxAgeMs`. */
export function withStaleness(d: DatasetState, now: number, maxAgeMs: number): DatasetState {
  const stale = d.state !== 'not-permitted' && d.state !== 'pending' && (d.lastSuccessAt === null || now - d.lastSuccessAt > maxAgeMs);
  return stale === d.stale ? d : { ...d, stale };
}

/**
 * The primary's own datasets judged at `now`, each by its own schedule (the inventory is read on a
 * slower one), and `stale` for the primary as a whole: any of version, nodes, inventory stale.
 */
export function primaryFreshness(p: Primary, now: number, inventoryIntervalSeconds: number): Primary {
  const poll = 2 * p.pollIntervalSeconds * 1000;
  // The inventory is due every inventoryInterval, and read on the first poll after that.
  const inventory = 2 * Math.max(inventoryIntervalSeconds, p.pollIntervalSeconds) * 1000 + p.pollIntervalSeconds * 1000;
  const datasets: PrimaryDatasets = {
    ...p.datasets,
    version: withStaleness(p.datasets.version, now, poll),
    nodes: withStaleness(p.datasets.nodes, now, poll),
    inventory: withStaleness(p.datasets.inventory, now, inventory),
  };
  return { ...p, datasets, stale: datasets.version.stale || datasets.nodes.stale || datasets.inventory.stale };
}

/** A dataset that another area polls (the SCM cache, the mirroring resources), from its own timestamps. */
export function areaDataset(
  o: { lastAttemptAt: number | null; lastSuccessAt: number | null; failed: boolean; message: string | null; code: TargetError['code'] | null },
  now: number,
  maxAgeMs: number,
): DatasetState {
  const state: DatasetState['state'] = o.lastAttemptAt === null ? 'pending' : o.failed ? 'failed' : 'ok';
  return withStaleness(
    {
      state,
      lastAttemptAt: o.lastAttemptAt,
      lastSuccessAt: o.lastSuccessAt,
      stale: false,
      message: o.failed ? o.message : null,
      code: o.failed ? o.code : null,
    },
    now,
    maxAgeMs,
  );
}
