import type { ActionResult, Primary, Snapshot } from '../../shared/model';
import type { ActionSpec } from './audit/run-action';
import type { FleetConfig } from './config/fleet-config-schema';
import type { FleetHandlers } from './host-types';
import type { BitbucketClient } from './http/bitbucket-client';
import type { Scheduler } from './scheduler/scheduler';
import type { HistoryStore } from './store/history-store';

/** What the engine offers an area (SCM caches, mirror farms, storage) to poll and act with. */
export interface AreaContext {
  readonly config: FleetConfig;
  readonly store: HistoryStore;
  /** Add the area's own targets here; each runs on its own timer with jitter and backoff. */
  readonly scheduler: Scheduler;
  now(): number;
  /** The client of a configured primary: its base URL, its read and admin credentials, its CA. */
  primaryClient(primaryId: string): BitbucketClient;
  /**
   * A client for another base URL that presents a primary's credentials and CA — mirrors
   * authenticate each request against their upstream. One client per (primary, base URL).
   */
  clientFor(primaryId: string, baseUrl: string): BitbucketClient;
  /** The primary as last polled, or undefined for an unknown id. */
  primary(primaryId: string): Primary | undefined;
  /** Polls a primary again at once (after an action that changed it). */
  pollPrimary(primaryId: string): void;
  /** Publishes a new snapshot soon; calls within a few milliseconds coalesce into one. */
  publish(): void;
  /**
   * Runs an admin action: audited before and after, never retried, `afterwards` (a re-poll) run
   * whatever the outcome. `perform` returns a short detail for the audit entry, or null.
   */
  runAction(spec: ActionSpec, perform: () => Promise<string | null>, afterwards: () => void): Promise<ActionResult>;
}

/**
 * One area of the engine. The engine polls primaries itself; an area adds its own targets,
 * answers its own contract requests and writes its own part of the snapshot.
 */
export interface EngineArea {
  readonly name: string;
  /** The contract requests this area answers (by name, arguments already validated). */
  readonly handlers: Partial<FleetHandlers>;
  /** Called once when the engine starts. */
  start(ctx: AreaContext): void;
  /** After every poll of a primary, e.g. to discover its mirrors. */
  onPrimaryPolled?(primary: Primary): void;
  /** Writes the area's part of a snapshot being built: `primaries[].cache`, `mirrorFarms`, `storage`, alerts. */
  contribute(snapshot: Snapshot): void;
  /** Resolves once every target of the area has finished one poll (used by `fleetscope check`). */
  firstPoll(): Promise<void>;
  stop(): Promise<void>;
}
