import { FleetApiError, PUSH_EVENT_NAMES, apiErrorSchema, type Outcome, type PreloadApi } from '../../shared/contract';
import { apiFromCaller, createEmitter, type Bridge, type Caller } from './api';
import type { ConnectionStatus } from './connection';
import { createPushRouter } from './snapshot-pushes';
import { validateResult, type BridgeLogger } from './validate';

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
  const api = apiFromCaller(call);
  let unsubscribers: Array<() => void> = [];
  const emitter = createEmitter(() => {
    unsubscribers = PUSH_EVENT_NAMES.map((event) => fleet.on(event, (payload: unknown) => router.receive(event, payload)));
  });
  // Main sends a window its full copy before any patch, in order, so a gap means a bug: the page
  // then shows the snapshot it asks for, and keeps asking at each patch until a full copy comes.
  const router = createPushRouter(emitter, logger, () => {
    api.getSnapshot({}).then(
      (snapshot) => emitter.emit('snapshot', snapshot),
      (error: unknown) => logger.warn('could not load the snapshot after a missed push', error instanceof Error ? error.message : String(error)),
    );
  });
  return {
    ...api,
    transport: 'ipc',
    on: emitter.on,
    connection: () => LIVE,
    // The preload is in-process: there is no stream to lose, so the status never changes.
    onConnection: () => () => undefined,
    close() {
      for (const off of unsubscribers) off();
      unsubscribers = [];
      emitter.clear();
    },
  };
};
