import type { MirrorsDemoState } from '../../../shared/model/demo-mirrors';
import type { DemoRepo } from '../catalog';
import type { DemoListener } from '../http-listener';
import type { Rng } from '../prng';
import type { PushFeed } from './push-feed';

/** The simulated mirror's shapes: its nodes, what a node knows of a repository, and how a mirror is made (mirror-model.ts). */
export type FarmDemoState = MirrorsDemoState['farms'][number];
export type Registration = FarmDemoState['registration'];
export type SyncMode = 'ALL_PROJECTS' | 'SELECTED_PROJECTS';

export interface MirrorNode {
  readonly name: string;
  readonly id: string;
  /** Loopback address the node listens on (a farm's nodes share the farm's port). */
  readonly host: string;
  listener: DemoListener | null;
  /** Why the node's listener could not start, if it could not. */
  bindProblem: string | null;
}

export interface SyncEntry {
  initialSyncAt: number;
  lastSyncAt: number;
  failedSyncCount: number;
  contentHash: string;
  metadataHash: string;
  /** The primary's push count the node has applied (its git history is this many pushes long). */
  version: number;
  /** True when the node holds the primary's latest version. */
  current: boolean;
  /** When the oldest push the node has not applied was made; null when it has them all. */
  pendingSince: number | null;
}

/** The repositories a node holds, in catalog order, as one pass over the catalog found them. */
export interface HeldRepos {
  readonly repos: readonly DemoRepo[];
  /** How many repositories the mirror mirrors, held or not. */
  readonly mirrored: number;
}

export interface HeldPass extends HeldRepos {
  /** What the pass depended on besides time (see heldKey). */
  key: string;
  /** The pass holds for times in [from, until): until is when the next repository's initial synchronization lands. */
  from: number;
  until: number;
}

export interface PendingChange {
  repo: DemoRepo;
  /** When the oldest push not yet applied on every node was made. */
  since: number;
  attempts: number;
}

export interface DemoMirrorOptions {
  mirrorId: string;
  upstreamId: string;
  name: string;
  api: '9.x' | '8.x';
  mirrorType: 'SINGLE' | 'FARM';
  productVersion: string;
  nodes: MirrorNode[];
  registration: Registration;
  mode: SyncMode;
  projectIds: readonly string[];
  /** True for mirrors that existed, fully synchronized, before the demo started. */
  synchronizedAtStart: boolean;
  feed: PushFeed;
  rng: Rng;
}
