import type { ParsedArgs, RequestName, RequestResult } from '../../shared/contract';

/**
 * Who is asking: the person at this Fleetscope (desktop, browser mode) or a token of a team
 * collector. Viewers may read; only admins may start actions. Audited by name.
 */
export interface Caller {
  name: string;
  role: 'admin' | 'viewer';
}

/** Why a viewer is refused `what`: the same words from the dispatch and the action pipeline. */
export const viewerRefusal = (caller: Caller, what: string): string =>
  `${caller.name} may only view this Fleetscope: ${what} need an admin token. Ask whoever runs the collector for one.`;

/**
 * One handler per contract request, arguments already validated against the contract. The
 * caller is given by the host's dispatch; a handler called directly (tests) runs for the host's
 * own user.
 */
export type FleetHandlers = {
  [N in RequestName]: (args: ParsedArgs<N>, caller?: Caller) => Promise<RequestResult<N>>;
};

/** The handlers of some requests, e.g. one area's: `HandlersOf<CacheRequestName>`. */
export type HandlersOf<N extends RequestName> = Pick<FleetHandlers, N>;
