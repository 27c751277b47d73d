import { z } from 'zod';
import {
  ACTION_REQUEST_NAMES,
  FleetApiError,
  isRequestName,
  REQUEST_NAMES,
  requestSchemas,
  viewerMayAsk,
  viewerRefusal,
  type ApiError,
  type Outcome,
  type RequestName,
} from '../../shared/contract';
import type { Caller, FleetHandlers } from '../engine/handlers';

export type DispatchLog = Pick<Console, 'warn' | 'error'>;

/** Validates, runs and answers one contract request; never throws. Both transports adapt it. */
export type Dispatch = (name: string, rawArgs: unknown, caller?: Caller) => Promise<Outcome<unknown>>;

const actions = new Set<string>(ACTION_REQUEST_NAMES);

/**
 * The one dispatch of the contract: the request name checked, the arguments validated against
 * its schema (a missing argument object counts as `{}`), the handler run, and every error mapped
 * to an ApiError in one format. A viewer caller gets only the requests `viewerMayAsk` allows. IPC answers the Outcome as it is; HTTP carries the same split in
 * its status code.
 */
export function createDispatch(handlers: FleetHandlers, log: DispatchLog = console): Dispatch {
  return async (name, rawArgs, caller) => {
    if (!isRequestName(name)) {
      return fail('not-found', `No such request "${name}". Known: ${REQUEST_NAMES.join(', ')}.`);
    }
    // A viewer (a team collector's read-only token) is refused before its arguments are even read.
    if (caller?.role === 'viewer' && !viewerMayAsk(name)) {
      return fail('forbidden', viewerRefusal(caller, actions.has(name) ? 'actions' : `requests like ${name}`));
    }
    const parsed = (requestSchemas[name].args as z.ZodType).safeParse(rawArgs === undefined || rawArgs === null ? {} : rawArgs);
    if (!parsed.success) {
      const message = `Invalid arguments for ${name}: ${describeIssues(parsed.error)}`;
      log.warn(`[fleetscope] ${message}`);
      return fail('invalid-argument', message);
    }
    try {
      // The schema of N is what makes its output the handler's ParsedArgs<N>; TS cannot correlate two lookups by one key.
      const handler = handlers[name] as (args: unknown, caller?: Caller) => Promise<unknown>;
      return { ok: true, value: await (caller === undefined ? handler(parsed.data) : handler(parsed.data, caller)) };
    } catch (err) {
      return { ok: false, error: toApiError(name, err, log) };
    }
  };
}

/** One line per problem, each naming the argument: `seconds: Too big: expected number to be <=2592000`. */
function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : 'arguments'}: ${i.message}`).join('; ');
}

function fail(code: ApiError['code'], message: string): Outcome<never> {
  return { ok: false, error: { code, message } };
}

function toApiError(name: RequestName, err: unknown, log: DispatchLog): ApiError {
  if (err instanceof FleetApiError) return { code: err.code, message: err.message };
  // Not an error the engine meant to report: the stack goes to the log, the caller gets what happened.
  log.error(`[fleetscope] ${name} failed:`, err);
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}
