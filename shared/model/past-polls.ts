import type { CacheSeriesName } from './cache';
import type { NewFleetEvent } from './fleet-event';
import type { MirrorRepoCounts } from './mirror';
import type { TargetStatus } from './status';

/**
 * What polls in the past found, in the terms of the fleet rather than of the history store: the
 * simulated fleet describes its last days this way (issue 17), and the engine turns each into the
 * rows a poll of that area writes, through the same figures a live poll uses.
 */
export interface PastPrimaryPoll {
  area: 'primary';
  primaryId: string;
  at: number;
  status: TargetStatus;
  durationMs: number;
  nodesUp: number;
  nodesTotal: number;
  reposTotal: number;
}

export interface PastCachePoll {
  area: 'cache';
  primaryId: string;
  at: number;
  durationMs: number;
  /** The interval the counts cover (since the previous poll). */
  seconds: number;
  /** Hits and misses counted in the interval, per series of the hit-rate chart the statistics break down. */
  counts: Partial<Record<CacheSeriesName, { hits: number; misses: number }>>;
  sizeBytes: number;
  /** The busiest repositories' lookups in the interval (others had none worth keeping). */
  repositories: ReadonlyArray<{ projectKey: string; repoSlug: string; hits: number; misses: number }>;
}

export interface PastFarmPoll {
  area: 'farm';
  /** The farm's id as the engine names it (the mirror's id on its primary). */
  farmId: string;
  at: number;
  status: TargetStatus;
  durationMs: number;
  lagSeconds: number | null;
  queue: number | null;
  repos: MirrorRepoCounts;
  nodesUp: number;
}

export interface PastStoragePoll {
  area: 'storage';
  storageId: string;
  at: number;
  status: TargetStatus;
  durationMs: number;
  volumes: ReadonlyArray<{ name: string; bricksUp: number; maxUsedPercent: number; healPending: number | null; splitBrain: number | null }>;
}

export type PastPoll = PastPrimaryPoll | PastCachePoll | PastFarmPoll | PastStoragePoll;

/** A span of past polls, oldest first, and the events of that span (incidents as the Timeline shows them). */
export interface PastHistory {
  from: number;
  to: number;
  polls: PastPoll[];
  events: NewFleetEvent[];
}
