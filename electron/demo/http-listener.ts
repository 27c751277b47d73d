import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { encodedFor } from './gzip-response';
import type { DemoResponse } from './responses';
import type { ResponseDelay } from './types';

/** Clients keep connections open between polls; Bitbucket's Tomcat does not drop them quickly either. */
const KEEP_ALIVE_MS = 120_000;
const HEADERS_TIMEOUT_MS = KEEP_ALIVE_MS + 5_000;
const REQUEST_TIMEOUT_MS = 300_000;

/**
 * One loopback HTTP listener that can be closed (connections are then refused, as for a dead
 * node) and opened again on the same port. Operations run one after another, so a quick
 * down-up-down ends in the state last asked for.
 */
export class DemoListener {
  private server: Server | undefined;
  private boundPort = 0;
  private disposed = false;
  private queue: Promise<void> = Promise.resolve();
  private pending = 0;

  constructor(
    private readonly host: string,
    /** Says what this listener is in error messages, e.g. `node prod-eu-node-2`. */
    readonly label: string,
    private readonly handler: RequestListener,
  ) {}

  get port(): number {
    return this.boundPort;
  }

  /** Listens on `port` (0: any free port, remembered for later reopening). */
  listen(port: number): Promise<void> {
    return this.enqueue(() => this.open(port));
  }

  /** Listens again on the port it had. */
  reopen(): Promise<void> {
    return this.enqueue(() => this.open(this.boundPort));
  }

  /** Stops accepting and drops every open connection, in-flight requests included. */
  close(): Promise<void> {
    return this.enqueue(() => this.shut());
  }

  /** Closes for good; later reopen calls do nothing. */
  dispose(): Promise<void> {
    this.disposed = true;
    return this.enqueue(() => this.shut());
  }

  /**
   * Runs `op` at once when nothing else is in progress, so that closing takes effect before the
   * caller's next line (a client connecting right after a node-down fault must be refused).
   */
  private enqueue(op: () => Promise<void>): Promise<void> {
    // open() and shut() report failures through their promise, never by throwing.
    const run = this.pending === 0 ? op() : this.queue.then(op);
    this.pending += 1;
    const next = run.finally(() => {
      this.pending -= 1;
    });
    // A failed step must not block the ones after it; its caller gets the rejection.
    this.queue = next.catch(() => undefined);
    return next;
  }

  private open(port: number): Promise<void> {
    if (this.disposed || this.server !== undefined) return Promise.resolve();
    const server = createServer({ headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS }, this.handler);
    server.keepAliveTimeout = KEEP_ALIVE_MS;
    return new Promise((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException): void => {
        reject(new Error(listenFailure(this.label, this.host, port, err), { cause: err }));
      };
      server.once('error', onError);
      server.listen(port, this.host, () => {
        server.off('error', onError);
        const address = server.address();
        if (address !== null && typeof address === 'object') this.boundPort = address.port;
        this.server = server;
        resolve();
      });
    });
  }

  private shut(): Promise<void> {
    const server = this.server;
    if (server === undefined) return Promise.resolve();
    this.server = undefined;
    return new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}

function listenFailure(label: string, host: string, port: number, err: NodeJS.ErrnoException): string {
  const where = `${host}:${port === 0 ? '(any free port)' : port}`;
  if (err.code === 'EADDRINUSE') {
    return `The demo fleet could not listen on ${where} for ${label}: the port is already in use. Choose another --port-base, or stop the program that uses the port.`;
  }
  if (err.code === 'EACCES') {
    return `The demo fleet is not allowed to listen on ${where} for ${label}. Choose a --port-base of 1024 or above.`;
  }
  return `The demo fleet could not listen on ${where} for ${label}: ${err.message}.`;
}

/**
 * Adapts a computed response to node:http: waits for what `prepare` returns for the request (null:
 * nothing), computes the answer at once, then holds it back the configured delay (abandoned when
 * the connection goes away, so closing a listener leaves no timer behind) and writes it.
 *
 * The answer is computed when the request arrives, not when its delay ends: the delay stands for
 * the network, and a real fleet's nodes do their work on their own machines while the bytes
 * travel. Computing after the timer made one simulator process answer a poll's dozen requests
 * one after another once their timers fired together, a queue of the simulator's own. The timer
 * is armed before the work, as it was before, so the answer leaves when it did less the work, and
 * later than the delay only when the work itself takes longer. Node counts the timer from the time
 * the event loop woke for the request, so the fleet's work on requests read before this one is
 * not added to its latency either.
 */
export function demoRequestListener(
  delayMs: () => number,
  compute: (req: IncomingMessage, body: string) => DemoResponse,
  onError: (err: unknown) => DemoResponse,
  delay: ResponseDelay = timerDelay,
  prepare: (req: IncomingMessage) => Promise<void> | null = () => null,
): RequestListener {
  const computed = (req: IncomingMessage, body: string): DemoResponse => {
    try {
      return encodedFor(req, compute(req, body));
    } catch (err) {
      return onError(err);
    }
  };
  const delayed = (req: IncomingMessage, res: ServerResponse, body: string): void => {
    const wait = delayMs();
    if (wait <= 0) {
      writeResponse(res, computed(req, body));
      return;
    }
    let response: DemoResponse | undefined;
    // A delay that answers at once (a test's) fires before the line that computes below.
    const ready = (): DemoResponse => (response ??= computed(req, body));
    const onClose = (): void => cancel();
    const cancel = delay(wait, () => {
      res.off('close', onClose);
      writeResponse(res, ready());
    });
    res.once('close', onClose);
    ready();
  };
  return (req, res) => {
    readBody(req).then(
      (body) => {
        const ready = prepare(req);
        if (!ready) return delayed(req, res, body);
        ready.then(
          () => delayed(req, res, body),
          (err: unknown) => writeResponse(res, onError(err)),
        );
      },
      (err: unknown) => writeResponse(res, onError(err)),
    );
  };
}

/**
 * Node's timers count whole milliseconds of the loop's clock, read when the loop woke: a timer of
 * `ms` fires once that clock has moved `ms` on, which can be up to a millisecond short of `ms` real
 * time. One more millisecond keeps an answer from ever leaving sooner than its latency; before the
 * answer was computed at arrival, the work after the timer hid the shortfall.
 */
export const timerDelay: ResponseDelay = (ms, answer) => {
  const timer = setTimeout(answer, ms + 1);
  return () => clearTimeout(timer);
};

/** Request bodies are small JSON documents (a project list, say); anything larger is refused. */
const MAX_BODY_BYTES = 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.destroy();
        reject(new Error(`request body over ${MAX_BODY_BYTES} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function writeResponse(res: ServerResponse, response: DemoResponse): void {
  if (res.destroyed || res.writableEnded) return;
  // Encoded once: measuring a text's UTF-8 length and then having the socket encode it walked each
  // large page twice (a tenth of the simulated fleet's time at 10 × 50,000 repositories).
  const body = typeof response.body === 'string' ? Buffer.from(response.body, 'utf8') : response.body;
  res.writeHead(response.status, { ...response.headers, 'content-length': String(body.length) });
  res.end(body);
}

/** How a host appears in a URL or a Host header (IPv6 in brackets). */
export function hostForUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
