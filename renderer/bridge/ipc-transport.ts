import { FleetApiError, apiErrorSchema, type Outcome, type PreloadApi } from '../../shared/contract';
import { apiFromCaller, type Bridge, type Caller } from './api';
import type { ConnectionStatus } from './connection';
import { validateEvent, validateResult, type BridgeLogger } from './validate';

const LIVE: ConnectionStatus = { state: 'live', message: null };

const unwrap = (name: string, outcome: Outcome<unknown> | undefined): unknown => {
  if (outcome?.ok === true) return outcome.value;
  if (outcome?.ok === false) {
    const error = apiErrorSchema.safeParse(outcome.error);
    if (error.success) throw new FleetApiError(error.data.code, error.data.message);
  }
  throw new FleetApiError('malformed', `The ${name} answer from the desktop shell is not an Outcome.`);
};

/**
 * The bridge over the Electron preload: unwraps each Outcome (errors do not cross contextBridge
 * with their fields) and validates results and pushed payloads like the HTTP side does.
 */
export const createIpcBridge = (fleet: PreloadApi, logger: BridgeLogger): Bridge => {
  const call: Caller = async (name, args) => {
    const method = fleet[name] as (a: typeof args) => Promise<Outcome<unknown>>;
    let outcome: Outcome<unknown>;
    try {
      outcome = await method.call(fleet, args);
    } catch (error) {
      throw new FleetApiError('internal', error instanceof Error ? error.message : String(error));
    }
    return validateResult(name, unwrap(name, outcome));
  };
  const unsubscribers = new Set<() => void>();
  return {
    ...apiFromCaller(call),
    transport: 'ipc',
    on(event, listener) {
      const off = fleet.on(event, (payload) => {
        const valid = validateEvent(event, payload, logger);
        if (valid) listener(valid);
      });
      unsubscribers.add(off);
      return () => {
        unsubscribers.delete(off);
        off();
      };
    },
    connection: () => LIVE,
    // The preload is in-process: there is no stream to lose, so the status never changes.
    onConnection: () => () => undefined,
    close() {
      for (const off of unsubscribers) off();
      unsubscribers.clear();
    },
  };
};
