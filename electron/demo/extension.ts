import type { NewFleetEvent, PastPoll } from '../../shared/model';
import type { DemoFault, DemoState } from '../../shared/model/demo';
import type { PastSpan } from './backfill/past-span';
import type { GitRepoStore } from './git/repo-store';
import type { ResolvedOptions } from './options';
import type { PrimaryModel } from './primary-model';
import type { SimClock } from './sim-clock';

/** What the fleet hands each extension when it starts. */
export interface DemoExtensionContext {
  readonly settings: ResolvedOptions;
  readonly clock: SimClock;
  /** The git repositories every simulated server answers clones from. */
  readonly git: GitRepoStore;
  /** The simulated primaries; an extension may add route groups to them (`addRouteGroup(primary, …)`). */
  readonly primaries: readonly PrimaryModel[];
  /** The next port for a listener of the extension: 0 (ephemeral) when the fleet has no portBase. */
  nextPort(): number;
  /** Tell the fleet the extension's demo state changed (the UI's demo controls follow). */
  notify(): void;
}

/**
 * A part of the simulated fleet beyond the primary clusters: the SCM cache plugin's model, the
 * mirror farms, the GlusterFS cluster. Each lives in its own folder under electron/demo/.
 */
export interface DemoExtension {
  readonly name: 'cache' | 'mirrors' | 'storage';
  start(ctx: DemoExtensionContext): Promise<void>;
  /** Applies a fault of one of its kinds and returns true; returns false for kinds it does not own. */
  applyFault(targetId: string, fault: DemoFault, enabled: boolean): Promise<boolean>;
  /** Its part of the demo state (`state.cache`, `state.mirrors` or `state.storage`), or undefined. */
  state(): DemoState[DemoExtension['name']];
  /** Files it writes that a user may open, e.g. the primaries' access logs. */
  files?(): Array<{ label: string; path: string }>;
  /** Its part of the fleet's past: polls and incidents over the span (issue 17's back-fill). */
  past?(span: PastSpan): { polls: PastPoll[]; events: NewFleetEvent[] };
  /** Entries it adds to the fleet config the demo prints, e.g. `{ storage: [...] }`. */
  config(): Record<string, unknown>;
  stop(): Promise<void>;
}
