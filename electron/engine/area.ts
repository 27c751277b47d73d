import type { RequestName } from '../../shared/contract';
import type { ActionResult, Primary, Snapshot } from '../../shared/model';
import type { Inventory } from './bitbucket/inventory-table';
import type { ActionPlan, ActionRequest } from './actions/action-pipeline';
import type { FleetConfig } from './config/fleet-config-schema';
import type { HandlersOf } from './handlers';
import type { BitbucketClient } from './http/bitbucket-client-contract';
import type { AreaName, TargetEntry } from './scheduler/target-registry';
import type { HistoryStore } from './store/history-store';

/** What the engine offers an area (primaries, SCM caches, mirror farms, storage) to poll and act with. */
export interface AreaContext {
  readonly config: FleetConfig;
  readonly store: HistoryStore;
  readonly now: () => number;
  /** Polls one target for this area on its own timer, with jitter and backoff. */
  schedule(entry: TargetEntry): void;
  /** A target found while polling another (a farm listed by its primary) and polled by that entry. */
  discovered(targetId: string, polledBy: { area: AreaName; targetId: string }): void;
  forget(targetId: string): void;
  /** Polls a target now: every area of it, or one. */
  pollNow(targetId: string, area?: AreaName): void;
  /** The client of a configured primary: its base URL, its read and admin credentials, its CA. */
  primaryClient(primaryId: string): BitbucketClient;
  /** One anonymous client per configured node of a primary, by node name. */
  nodeClients(primaryId: string): ReadonlyMap<string, BitbucketClient>;
  /**
   * A client for another base URL that presents a primary's credentials and CA — mirrors
   * authenticate each request against their upstream. One client per (primary, base URL).
   */
  clientFor(primaryId: string, baseUrl: string): BitbucketClient;
  /** The primary as last polled, or undefined for an unknown id. */
  primary(primaryId: string): Primary | undefined;
  /** The repositories of a primary's last inventory sweep (empty before the first), kept out of the snapshot. */
  inventory(primaryId: string): Inventory;
  /** The snapshot as it would be published now: what areas that join others' state read. */
  snapshot(): Snapshot;
  /** Told by the primaries area after every poll of a primary; the engine passes it to every area. */
  primaryPolled(primary: Primary): void;
  /** Publishes a new snapshot soon; calls within a few milliseconds coalesce into one. */
  publish(): void;
  /** The one action pipeline: read-only refusal, credential, audit, no retry, answer after the re-poll. */
  runAction(plan: ActionPlan, request: ActionRequest): Promise<ActionResult>;
}

/**
 * One area of the engine. Each adds its own targets, answers its own contract requests (all of
 * them: `handlers` is complete for its names) and writes its own part of the snapshot.
 */
export interface EngineArea<N extends RequestName = never> {
  readonly name: string;
  readonly handlers: HandlersOf<N>;
  /** Called once when the engine starts. */
  start(ctx: AreaContext): void;
  /** After every poll of a primary, e.g. to discover its mirrors. */
  onPrimaryPolled?(primary: Primary): void;
  /** Writes the area's part of a snapshot being built, in area order (primaries first). */
  contribute(snapshot: Snapshot): void;
  /** Resolves once every target of the area has finished one poll (used by `fleetscope check`). */
  firstPoll(): Promise<void>;
  stop(): Promise<void>;
}

/** Any area, whatever requests it answers: the engine only starts, polls and stops areas. */
export type AnyArea = Omit<EngineArea<RequestName>, 'handlers'>;
