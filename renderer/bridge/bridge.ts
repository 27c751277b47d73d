import type { PreloadApi } from '../../shared/contract';
import { apiFromCaller, createEmitter, type Bridge } from './api';
import { createConnectionCell, UNAUTHORIZED_MESSAGE } from './connection';
import { createHttpCaller, type FetchLike } from './http-transport';
import { createIpcBridge } from './ipc-transport';
import { createPushRouter } from './snapshot-pushes';
import { createSseClient, type SseOptions } from './sse';
import { takeToken, type TokenEnv } from './token';
import { consoleLogger, isPushEventName, type BridgeLogger } from './validate';

export type { Bridge } from './api';

/** Everything the bridge takes from its surroundings; defaults are the browser's own. */
export type BridgeEnv = {
  /** The preload API; defaults to `window.fleet`. Pass `undefined` to force HTTP. */
  fleet?: PreloadApi | undefined;
  fetch?: FetchLike;
  tokenEnv?: TokenEnv;
  apiBase?: string;
  logger?: BridgeLogger;
  sse?: SseOptions;
};

const browserTokenEnv = (): TokenEnv => {
  let storage: Storage | null = null;
  try {
    storage = window.sessionStorage;
  } catch {
    // Some embedders deny storage; the token then lives only in memory.
  }
  return { location: window.location, history: window.history, storage };
};

/** The HTTP + SSE bridge used in browser mode (`fleetscope serve`). */
export const createHttpBridge = (env: BridgeEnv, logger: BridgeLogger): Bridge => {
  // Bound lazily: calling a detached `window.fetch` throws "Illegal invocation".
  const fetchImpl: FetchLike = env.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const apiBase = env.apiBase ?? '/api/';
  const token = takeToken(env.tokenEnv ?? browserTokenEnv());
  const connection = createConnectionCell({ state: 'connecting', message: null });
  const emitter = createEmitter(() => sse.start());
  // The server sends a full copy first on every connection: a fresh one is the way back.
  const router = createPushRouter(emitter, logger, () => sse.reconnect());
  const sse = createSseClient({
    fetch: fetchImpl,
    url: `${apiBase}events`,
    token: () => token,
    connection,
    logger,
    ...(env.sse ? { options: env.sse } : {}),
    onMessage(event, data) {
      if (!isPushEventName(event)) {
        logger.warn(`ignored an event of unknown type "${event ?? '(none)'}"`);
        return;
      }
      let payload: unknown;
      try {
        payload = JSON.parse(data);
      } catch {
        logger.warn(`dropped a "${event}" event whose data is not JSON`);
        return;
      }
      router.receive(event, payload);
    },
  });
  const call = createHttpCaller({
    fetch: fetchImpl,
    apiBase,
    token: () => token,
    onUnauthorized() {
      sse.stop();
      connection.set({ state: 'unauthorized', message: UNAUTHORIZED_MESSAGE });
    },
  });
  return {
    ...apiFromCaller(call),
    transport: 'http',
    on: emitter.on,
    connection: connection.get,
    onConnection: connection.subscribe,
    close() {
      sse.stop();
      emitter.clear();
    },
  };
};

/**
 * Creates the one bridge of this page: IPC when the Electron preload is present, HTTP + SSE
 * against the page's own origin otherwise.
 */
export const createBridge = (env: BridgeEnv = {}): Bridge => {
  const logger = env.logger ?? consoleLogger;
  const fleet = 'fleet' in env ? env.fleet : window.fleet;
  return fleet ? createIpcBridge(fleet, logger) : createHttpBridge(env, logger);
};
