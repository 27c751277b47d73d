import { createParser } from 'eventsource-parser';
import { fullJitterBackoff } from '../../shared/logic/backoff';
import { UNAUTHORIZED_MESSAGE, type ConnectionCell } from './connection';
import { authHeaders, type FetchLike } from './http-transport';
import type { BridgeLogger } from './validate';

export type SseOptions = {
  /** Ceiling of the first reconnect delay; the server's `retry:` field replaces it. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /**
   * Reconnect when nothing (not even a heartbeat comment) arrived for this long. The server
   * sends a heartbeat every 15 s; a half-open connection (laptop asleep, network switched)
   * otherwise looks live forever.
   */
  idleTimeoutMs?: number;
  /** Jitter source, injectable for tests. */
  random?: () => number;
};

export type SseDeps = {
  fetch: FetchLike;
  url: string;
  token: () => string | null;
  connection: ConnectionCell;
  onMessage: (event: string | undefined, data: string) => void;
  logger: BridgeLogger;
  options?: SseOptions;
};

export type SseClient = {
  start(): void;
  stop(): void;
  /** Drops the open connection and opens a fresh one (the server starts each with a full snapshot). */
  reconnect(): void;
};

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });

type Attempt = { kind: 'unauthorized' } | { kind: 'retry'; reason: string; wasLive: boolean };

/**
 * Server-sent events over `fetch`, because EventSource cannot send an Authorization header.
 * Reconnects with backoff whenever the stream fails, ends or goes quiet; stops for good on a
 * 401, since retrying a wrong token only fills the server's log.
 */
export const createSseClient = (deps: SseDeps): SseClient => {
  const minDelayMs = deps.options?.minDelayMs ?? 1000;
  const maxDelayMs = deps.options?.maxDelayMs ?? 15_000;
  const idleTimeoutMs = deps.options?.idleTimeoutMs ?? 45_000;
  const random = deps.options?.random ?? Math.random;
  const stopped = new AbortController();
  let retryBaseMs = minDelayMs;
  let started = false;
  let open: AbortController | null = null;

  const readStream = async (body: ReadableStream<Uint8Array>, connection: AbortController): Promise<Attempt> => {
    const parser = createParser({
      onEvent: (message) => deps.onMessage(message.event, message.data),
      onRetry: (ms) => {
        retryBaseMs = Math.min(Math.max(ms, 100), maxDelayMs);
      },
      onError: (error) => deps.logger.warn('malformed event-stream line', error.message),
    });
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let idle = false;
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    const arm = (): void => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        idle = true;
        connection.abort();
      }, idleTimeoutMs);
    };
    connection.signal.addEventListener('abort', () => void reader.cancel().catch(() => undefined), { once: true });
    let reason = 'The server closed the event stream';
    try {
      arm();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        arm();
        parser.feed(decoder.decode(value, { stream: true }));
      }
    } catch {
      reason = 'The event stream dropped';
    } finally {
      clearTimeout(watchdog);
    }
    if (idle) reason = `No data from the server for ${Math.round(idleTimeoutMs / 1000)} s`;
    return { kind: 'retry', reason, wasLive: true };
  };

  const connectOnce = async (): Promise<Attempt> => {
    // One controller per connection, so the watchdog can drop this one without stopping the client.
    const connection = new AbortController();
    open = connection;
    const abortConnection = (): void => connection.abort();
    stopped.signal.addEventListener('abort', abortConnection, { once: true });
    try {
      let response: Response;
      try {
        response = await deps.fetch(deps.url, {
          headers: { Accept: 'text/event-stream', ...authHeaders(deps.token()) },
          cache: 'no-store',
          signal: connection.signal,
        });
      } catch {
        return { kind: 'retry', reason: 'Cannot reach the Fleetscope server', wasLive: false };
      }
      if (response.status === 401) return { kind: 'unauthorized' };
      if (!response.ok || !response.body) {
        return { kind: 'retry', reason: `The event stream was refused (HTTP ${response.status})`, wasLive: false };
      }
      deps.connection.set({ state: 'live', message: null });
      return await readStream(response.body, connection);
    } finally {
      stopped.signal.removeEventListener('abort', abortConnection);
      connection.abort();
    }
  };

  const run = async (): Promise<void> => {
    let attempt = 0;
    while (!stopped.signal.aborted) {
      const result = await connectOnce();
      if (stopped.signal.aborted) return;
      if (result.kind === 'unauthorized') {
        stopped.abort();
        deps.connection.set({ state: 'unauthorized', message: UNAUTHORIZED_MESSAGE });
        return;
      }
      if (result.wasLive) attempt = 0;
      const delay = fullJitterBackoff(attempt, { baseMs: retryBaseMs, capMs: maxDelayMs }, random);
      attempt += 1;
      deps.connection.set({
        state: 'reconnecting',
        message: `${result.reason}; retrying in ${Math.max(1, Math.round(delay / 1000))} s.`,
      });
      await sleep(delay, stopped.signal);
    }
  };

  return {
    start() {
      if (started) return;
      started = true;
      void run();
    },
    stop: () => stopped.abort(),
    reconnect: () => open?.abort(),
  };
};
