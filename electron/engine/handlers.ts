import type { ParsedArgs, RequestName, RequestResult } from '../../shared/contract';

/**
 * Who is asking: the person at this Fleetscope (desktop, browser mode) or a token of a team
 * collector. Viewers may read; only admins may start actions. Audited by name.
 */
export interface Caller {
  name: string;
  role: 'admin' | 'viewer';
}

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
