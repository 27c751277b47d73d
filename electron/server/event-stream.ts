import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PushEventName } from '../../shared/contract';
import type { HostCore } from '../host/host-types';
import { createSnapshotFeed, type SnapshotFeed, type SnapshotFeedOptions } from '../host/snapshot-feed';

export type EventSource = Pick<HostCore, 'on' | 'dispatch'>;

export interface FanOutOptions {
  /** Concurrent clients; the next one is answered 503. */
  maxClients?: number;
  /** Bytes a client may leave unread before it is dropped. */
  maxBufferedBytes?: number;
  heartbeatMs?: number;
  log?: (line: string) => void;
  /** How snapshot pushes are coalesced (at most one a second by default). */
  feed?: Omit<SnapshotFeedOptions, 'log'>;
}

export const DEFAULT_MAX_CLIENTS = 64;
export const DEFAULT_MAX_BUFFERED_BYTES = 1024 * 1024;

const frame = (event: PushEventName, payload: unknown): string => `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;

/**
 * Server-sent events to every browser-mode client: one subscription to the host per event kind
 * (however many clients, so no listener piles up), each event serialised once, and bounded cost
 * per client. The snapshot goes out through one snapshot feed: each client first gets the full
 * copy, then the feed's patches (at most one a second, only what changed). A client that stops
 * reading is dropped once `maxBufferedBytes` wait for it (with a log line); above `maxClients` a
 * new client is answered 503. A client reconnects by itself and starts again from a full copy.
 */
export function createEventFanOut(source: EventSource, opts: FanOutOptions = {}) {
  const maxClients = opts.maxClients ?? DEFAULT_MAX_CLIENTS;
  const maxBuffered = opts.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
  const clients = new Set<ServerResponse>();
  // Clients waiting for their first full copy: they hold the subscription open too.
  let joining = 0;
  let offs: Array<() => void> = [];
  let beat: NodeJS.Timeout | null = null;
  let feed: SnapshotFeed | null = null;

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
  const subscribe = (): SnapshotFeed => {
    const started = createSnapshotFeed(source, { ...opts.feed, ...(opts.log ? { log: opts.log } : {}) });
    offs = [
      started.onPush((push) => broadcast(frame('snapshotPush', push))),
      source.on('demo', (payload) => broadcast(frame('demo', payload))),
      source.on('hostLink', (payload) => broadcast(frame('hostLink', payload))),
    ];
    feed = started;
    beat = setInterval(() => broadcast(': heartbeat\n\n'), opts.heartbeatMs ?? 15_000);
    beat.unref();
    return started;
  };
  const unsubscribe = (): void => {
    offs.forEach((off) => off());
    offs = [];
    feed?.stop();
    feed = null;
    if (beat) clearInterval(beat);
    beat = null;
  };
  const unsubscribeWhenIdle = (): void => {
    if (clients.size === 0 && joining === 0) unsubscribe();
  };
  const drop = (res: ServerResponse): void => {
    if (!clients.delete(res)) return;
    unsubscribeWhenIdle();
  };
  /** Sends the full copy, then adds the client to the broadcast: no patch can fall in between. */
  const join = async (res: ServerResponse, current: SnapshotFeed): Promise<void> => {
    joining += 1;
    let closed = false;
    res.once('close', () => {
      closed = true;
    });
    try {
      const full = await current.current();
      if (closed || res.destroyed || feed !== current) return;
      if (full) res.write(frame('snapshotPush', full));
      clients.add(res);
    } finally {
      joining -= 1;
      unsubscribeWhenIdle();
    }
  };

  return {
    get size() {
      return clients.size;
    },
    /** Answers an `/api/events` request: the stream, or 503 when there are too many. */
    open(req: IncomingMessage, res: ServerResponse): void {
      if (clients.size + joining >= maxClients) {
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
      const close = (): void => drop(res);
      req.once('close', close);
      res.once('close', close);
      void join(res, feed ?? subscribe());
    },
    close(): void {
      for (const res of clients) res.end();
      clients.clear();
      unsubscribe();
    },
  };
}
