import { z } from 'zod';
import { FleetApiError, requestSchemas, type Outcome, type ParsedArgs, type RequestName, type RequestResult } from '../../../shared/contract';
import type { FleetHandlers } from '../../engine/host-types';

export type IpcLog = Pick<Console, 'warn' | 'error'>;

/**
 * Validates a request's arguments, runs its handler and answers an Outcome; never throws.
 *
 * An Outcome rather than a thrown error because `invoke` carries a rejection across as a bare
 * message, losing the code the renderer needs. A missing argument object counts as `{}` so a
 * no-argument request may be invoked without one, as it may over HTTP with an empty body.
 */
export async function runRequest<N extends RequestName>(
  name: N,
  rawArgs: unknown,
  handlers: FleetHandlers,
  log: IpcLog = console,
): Promise<Outcome<RequestResult<N>>> {
  const schema: z.ZodType = requestSchemas[name].args;
  // requestSchemas and handlers are indexed by the same name, but TS cannot correlate two
  // lookups through a generic key; the schema for N is what makes its output ParsedArgs<N>.
  const handler = handlers[name] as (args: ParsedArgs<N>) => Promise<RequestResult<N>>;

  const parsed = schema.safeParse(rawArgs === undefined ? {} : rawArgs);
  if (!parsed.success) {
    const message = z.prettifyError(parsed.error);
    log.warn(`[fleetscope] ${name}: invalid arguments: ${message}`);
    return { ok: false, error: { code: 'invalid-argument', message } };
  }
  try {
    return { ok: true, value: await handler(parsed.data as ParsedArgs<N>) };
  } catch (err) {
    return { ok: false, error: toApiError(name, err, log) };
  }
}

function toApiError(name: RequestName, err: unknown, log: IpcLog): { code: FleetApiError['code']; message: string } {
  if (err instanceof FleetApiError) return { code: err.code, message: err.message };
  // Not an error the engine meant to report: keep the stack in the log, give the UI the message.
  log.error(`[fleetscope] ${name} failed:`, err);
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}
