import type { EventName, EventPayload, ParsedArgs, RequestName, RequestResult } from '../../shared/contract';

/**
 * The engine as both shells host it: one handler per contract request (arguments already
 * validated by the transport), pushed events, and a clean stop.
 */
export type FleetHandlers = {
  [N in RequestName]: (args: ParsedArgs<N>) => Promise<RequestResult<N>>;
};

export interface FleetHost {
  readonly handlers: FleetHandlers;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  stop(): Promise<void>;
}
