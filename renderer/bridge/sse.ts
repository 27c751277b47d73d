import { createParser } from 'eventsource-parser';
import { UNAUTHORIZED_MESSAGE, type ConnectionCell } from './connection';
import { authHeaders, type FetchLike } from './http-transport';
import type { BridgeLogger } from './validate';

export type SseOptions = {
  /** First reconnect delay; the server's `retry:` field replaces it. */
  minDelayMs?: number;
  maxDelayMs?: number;
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

export type SseClient = { start(): void; stop(): void };

/** Exponential backoff with half jitter, so many tabs do not reconnect in lockstep. */
export const backoffDelay = (attempt: number, baseMs: number, maxMs: number, random: () => number): number => {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 16));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
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
 * Reconnects with backoff whenever the stream fails or ends; stops for good on a 401, since
 * retrying a wrong token only fills the server's log.
 */
export const createSseClient = (deps: SseDeps): SseClient => {
  const minDelayMs = deps.options?.minDelayMs ?? 500;
  const maxDelayMs = deps.options?.maxDelayMs ?? 15_000;
  const random = deps.options?.random ?? Math.random;
  const controller = new AbortController();
  let retryBaseMs = minDelayMs;
  let started = false;

  const readStream = async (body: ReadableStream<Uint8Array>): Promise<Attempt> => {
    const parser = createParser({
      onEvent: (message) => deps.onMessage(message.event, message.data),
      onRetry: (ms) => {
        retryBaseMs = Math.min(Math.max(ms, 100), maxDelayMs);
      },
      onError: (error) => deps.logger.warn('malformed event-stream line', error.message),
    });
    const reader = body.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parser.feed(decoder.decode(value, { stream: true }));
      }
      return { kind: 'retry', reason: 'The server closed the event stream', wasLive: true };
    } catch {
      return { kind: 'retry', reason: 'The event stream dropped', wasLive: true };
    } finally {
      reader.cancel().catch(() => undefined);
    }
  };

  const connectOnce = async (): Promise<Attempt> => {
    let response: Response;
    try {
      response = await deps.fetch(deps.url, {
        headers: { Accept: 'text/event-stream', ...authHeaders(deps.token()) },
        cache: 'no-store',
        signal: controller.signal,
      });
    } catch {
      return { kind: 'retry', reason: 'Cannot reach the Fleetscope server', wasLive: false };
    }
    if (response.status === 401) return { kind: 'unauthorized' };
    if (!response.ok || !response.body) {
      return { kind: 'retry', reason: `The event stream was refused (HTTP ${response.status})`, wasLive: false };
    }
    deps.connection.set({ state: 'live', message: null });
    return readStream(response.body);
  };

  const run = async (): Promise<void> => {
    let attempt = 0;
    while (!controller.signal.aborted) {
      const result = await connectOnce();
      if (controller.signal.aborted) return;
      if (result.kind === 'unauthorized') {
        controller.abort();
        deps.connection.set({ state: 'unauthorized', message: UNAUTHORIZED_MESSAGE });
        return;
      }
      if (result.wasLive) attempt = 0;
      const delay = backoffDelay(attempt, retryBaseMs, maxDelayMs, random);
      attempt += 1;
      deps.connection.set({
        state: 'reconnecting',
        message: `${result.reason}; retrying in ${Math.max(1, Math.round(delay / 1000))} s.`,
      });
      await sleep(delay, controller.signal);
    }
  };

  return {
    start() {
      if (started) return;
      started = true;
      void run();
    },
    stop: () => controller.abort(),
  };
};
