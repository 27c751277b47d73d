import type { EventName, EventPayload } from '../../shared/contract';
import type { FleetConfig } from '../engine/config/fleet-config-schema';
import type { Engine } from '../engine/engine';
import type { FleetHandlers } from '../engine/handlers';
import type { Dispatch } from './dispatch';

/**
 * The engine as both shells host it: the one dispatch both transports adapt, the handlers it
 * runs (typed, for the host's own callers and tests), pushed events and a clean stop.
 */
export interface FleetHost {
  readonly dispatch: Dispatch;
  readonly handlers: FleetHandlers;
  /** The engine running now (Settings may replace it). */
  readonly engine: Engine;
  /** The fleet config in force (Settings may replace it), as loaded: unsharded. */
  readonly config: FleetConfig;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Keeps a line of the shell's own log (the server's, say) with the host's, for the support bundle. */
  log(line: string): void;
  stop(): Promise<void>;
}

/** What a shell needs of any host, local or a team collector's client: the dispatch, events, a stop. */
export type HostCore = Pick<FleetHost, 'dispatch' | 'on' | 'stop'>;
