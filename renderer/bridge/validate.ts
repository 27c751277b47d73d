import {
  PUSH_EVENT_NAMES,
  FleetApiError,
  eventSchemas,
  requestSchemas,
  type EventName,
  type EventPayload,
  type PushEventName,
  type RequestName,
  type RequestResult,
} from '../../shared/contract';
import { z } from 'zod';

// Zod's JIT probes `new Function`; our CSP forbids eval, and Chromium reports the probe as a
// violation even though zod catches it. Validate without the JIT.
z.config({ jitless: true });

/** Logs what the bridge drops; injectable so tests stay quiet and can assert on it. */
export type BridgeLogger = { warn(message: string, detail?: unknown): void };

export const consoleLogger: BridgeLogger = {
  warn: (message, detail) => console.warn(`[fleetscope bridge] ${message}`, detail ?? ''),
};

/**
 * Checks a request's result against the contract, so a drifted or broken engine shows up as a
 * `malformed` error instead of a view that renders nonsense.
 */
export const validateResult = <N extends RequestName>(name: N, value: unknown): RequestResult<N> => {
  const parsed = requestSchemas[name].result.safeParse(value);
  if (!parsed.success) {
    throw new FleetApiError('malformed', `The ${name} answer does not match the contract: ${parsed.error.message}`);
  }
  return parsed.data as RequestResult<N>;
};

export const isPushEventName = (name: string | undefined): name is PushEventName => (PUSH_EVENT_NAMES as readonly string[]).includes(name ?? '');

/** Validates a pushed payload; invalid ones are logged and dropped (null). */
export const validateEvent = <E extends EventName>(name: E, payload: unknown, logger: BridgeLogger): EventPayload<E> | null => {
  const parsed = eventSchemas[name].safeParse(payload);
  if (!parsed.success) {
    logger.warn(`dropped an invalid "${name}" event`, parsed.error.issues);
    return null;
  }
  return parsed.data as EventPayload<E>;
};
