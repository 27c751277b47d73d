import type { IncomingMessage, ServerResponse } from 'node:http';
import { EVENT_NAMES, type EventName, type EventPayload } from '../../shared/contract';

export interface EventSource {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export interface FanOutOptions {
  /** Concurrent clients; the next one is answered 503. */
  maxClients?: number;
  /** Bytes a client may leave unread before it is dropped. */
  maxBufferedBytes?: number;
  heartbeatMs?: number;
  log?: (line: string) => void;
}

export const DEFAULT_MAX_CLIENTS = 64;
export const DEFAULT_MAX_BUFFERED_BYTES = 1024 * 1024;

/**
 * Server-sent events to every browser-mode client: one subscription to the host per event kind
 * (however many clients, so no listener piles up), each event serialised once, and bounded cost
 * per client. A client that stops reading is dropped once `maxBufferedBytes` wait for it (with
 * a log line); above `maxClients` a new client is answered 503. An EventSource reconnects by
 * itself, so a dropped client that reads again gets the next snapshot.
 */
export function createEventFanOut(source: EventSource, opts: FanOutOptions = {}) {
  const maxClients = opts.maxClients ?? DEFAULT_MAX_CLIENTS;
  const maxBuffered = opts.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
  const clients = new Set<ServerResponse>();
  let offs: Array<() => void> = [];
  let beat: NodeJS.Timeout | null = null;

  const send = (res: ServerResponse, text: string): void => {
    if (res.writableLength + text.length > maxBuffered) {
      opts.log?.(
        `Dropped a server-sent events client that stopped reading (${res.writableLength} bytes waiting, limit ${maxBuffered}); it reconnects when it reads again.`,
      );
      drop(res);
      res.destroy();
      return;
    }
    res.write(text);
  };
  const broadcast = (text: string): void => {
    for (const res of [...clients]) send(res, text);
  };
  const subscribe = (): void => {
    offs = EVENT_NAMES.map((event) => source.on(event, (payload) => broadcast(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`)));
    beat = setInterval(() => broadcast(': heartbeat\n\n'), opts.heartbeatMs ?? 15_000);
    beat.unref();
  };
  const unsubscribe = (): void => {
    offs.forEach((off) => off());
    offs = [];
    if (beat) clearInterval(beat);
    beat = null;
  };
  const drop = (res: ServerResponse): void => {
    if (!clients.delete(res)) return;
    if (clients.size === 0) unsubscribe();
  };

  return {
    get size() {
      return clients.size;
    },
    /** Answers an `/api/events` request: the stream, or 503 when there are too many. */
    open(req: IncomingMessage, res: ServerResponse): void {
      if (clients.size >= maxClients) {
        const text = JSON.stringify({
          error: { code: 'rate-limited', message: `Too many event streams open (${maxClients}); close other Fleetscope tabs, or try again shortly.` },
        });
        res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'retry-after': '10', 'cache-control': 'no-store' });
        res.end(text);
        opts.log?.(`Refused a server-sent events client: ${maxClients} are open already.`);
        return;
      }
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write(': connected\n\n');
      if (clients.size === 0) subscribe();
      clients.add(res);
      const close = (): void => drop(res);
      req.once('close', close);
      res.once('close', close);
    },
    close(): void {
      for (const res of clients) res.end();
      clients.clear();
      unsubscribe();
    },
  };
}
