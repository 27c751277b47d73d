import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EVENT_NAMES, type ApiError, type Outcome } from '../../shared/contract';
import type { FleetHost } from '../host/host-types';
import { isRequestName } from '../host/dispatch';
import { BROWSER_CSP, serveStatic } from './static-files';

export interface ServerOptions {
  host: Pick<FleetHost, 'dispatch' | 'on'>;
  /** Folder of the built renderer (dist/renderer). */
  staticDir: string;
  bindHost?: string;
  port?: number;
  /** Bearer token every API call must carry; random when absent. */
  token?: string;
  /** Request bodies above this are refused. */
  maxBodyBytes?: number;
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  token: string;
  /** The line scripts wait for: `Fleetscope ready at http://HOST:PORT/#token=TOKEN`. */
  readyLine: string;
  close(): Promise<void>;
}

const HEARTBEAT_MS = 15_000;

/**
 * Browser mode: the contract over HTTP + server-sent events, and the built renderer. Binds to
 * loopback unless told otherwise; every API call needs the bearer token; no CORS headers, so
 * other origins cannot read answers.
 */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const expected = Buffer.from(`Bearer ${token}`);
  const bindHost = opts.bindHost ?? '127.0.0.1';
  const maxBody = opts.maxBodyBytes ?? 1024 * 1024;
  const streams = new Set<ServerResponse>();

  const authorised = (req: IncomingMessage): boolean => {
    const got = Buffer.from(req.headers.authorization ?? '');
    return got.length === expected.length && timingSafeEqual(got, expected);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      opts.log?.(`Internal error on ${req.method} ${req.url}: ${(err as Error).stack ?? String(err)}`);
      if (!res.headersSent) sendError(res, 500, 'internal', 'Fleetscope failed to answer this request; see its log for details.');
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'invalid-argument', 'Only GET is served here.');
      return serveStatic(opts.staticDir, url.pathname, res);
    }
    if (!authorised(req)) {
      return sendError(res, 401, 'auth', 'Missing or wrong token: open the URL that `fleetscope serve` printed (it carries #token=…).');
    }
    const name = url.pathname.slice('/api/'.length);
    if (name === 'snapshot' && req.method === 'GET') return sendOutcome(res, await opts.host.dispatch('getSnapshot', {}));
    if (name === 'events' && req.method === 'GET') return openEvents(req, res);
    if (!isRequestName(name)) return sendOutcome(res, await opts.host.dispatch(name, {}));
    if (req.method !== 'POST') return sendError(res, 405, 'invalid-argument', `Use POST /api/${name} with a JSON body.`);
    const body = await readJsonBody(req, maxBody);
    if (!body.ok) return sendError(res, body.status, 'invalid-argument', body.message);
    return sendOutcome(res, await opts.host.dispatch(name, body.value));
  }

  function openEvents(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(': connected\n\n');
    streams.add(res);
    const offs = EVENT_NAMES.map((event) => opts.host.on(event, (payload) => res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`)));
    const beat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
    const close = (): void => {
      clearInterval(beat);
      offs.forEach((off) => off());
      streams.delete(res);
    };
    req.on('close', close);
    res.on('close', close);
  }

  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 4780, bindHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const hostForUrl = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  const url = `http://${hostForUrl}:${addr.port}/`;
  return {
    url,
    token,
    readyLine: `Fleetscope ready at ${url}#token=${token}`,
    close: async () => {
      for (const s of streams) s.end();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

const STATUS_BY_CODE: Partial<Record<ApiError['code'], number>> = {
  'invalid-argument': 400,
  auth: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'not-available': 409,
  'rate-limited': 429,
  internal: 500,
};

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'content-security-policy': BROWSER_CSP,
  });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, code: ApiError['code'], message: string): void {
  sendJson(res, status, { error: { code, message } });
}

/** The dispatch's Outcome over HTTP: the value with 200, or `{error}` with its status. */
function sendOutcome(res: ServerResponse, outcome: Outcome<unknown>): void {
  if (outcome.ok) return sendJson(res, 200, outcome.value);
  sendError(res, errorStatus(outcome.error), outcome.error.code, outcome.error.message);
}

/** HTTP status for an API error; failures of the fleet itself surface as 502 (bad gateway). */
export function errorStatus(error: ApiError): number {
  return STATUS_BY_CODE[error.code] ?? 502;
}

type BodyResult = { ok: true; value: unknown } | { ok: false; status: number; message: string };

async function readJsonBody(req: IncomingMessage, max: number): Promise<BodyResult> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) return { ok: false, status: 413, message: `Request body over ${max} bytes.` };
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, status: 400, message: `The body is not valid JSON: ${(err as Error).message}` };
  }
}
