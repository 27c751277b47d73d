import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { ApiError, Outcome } from '../../shared/contract';
import type { FleetHost } from '../host/host-types';
import { isRequestName } from '../../shared/contract/names';
import { createEventFanOut } from './event-stream';
import { allowedHostNames, createAuthGate, originProblem, tokenProblem } from './request-guard';
import type { FleetMetrics } from '../engine/metrics/fleet-metrics';
import type { Caller } from '../engine/handlers';
import { serveMetrics } from './metrics-route';
import { OWNER, tokenResolver, type TokenEntry } from './tokens';
import { BROWSER_CSP } from '../../shared/security/content-security-policy';
import { preloadStatic, serveStatic } from './static-files';
import { startMark } from '../engine/start-marks';

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
  /** Further names this server is reached by (beyond loopback and the bound address), for the Host check. */
  allowedHosts?: string[];
  /** Limits of the event streams and of failed authentications (tests shrink them). */
  events?: Parameters<typeof createEventFanOut>[1];
  auth?: Parameters<typeof createAuthGate>[1];
  /** Serves `GET /metrics` (Prometheus' format) behind the same token as the API. */
  metrics?: FleetMetrics;
  /** Certificate and key (PEM) to serve HTTPS instead of HTTP. */
  tls?: { cert: string; key: string };
  /** A team's named tokens beside `token` (the owner's): admins run actions, viewers only read. */
  teamTokens?: readonly TokenEntry[];
}

export interface RunningServer {
  url: string;
  token: string;
  /** The line scripts wait for: `Fleetscope ready at http://HOST:PORT/#token=TOKEN`. */
  readyLine: string;
  close(): Promise<void>;
}

/**
 * Browser mode: the contract over HTTP + server-sent events, and the built renderer. Binds to
 * loopback unless told otherwise; every API call needs the bearer token; no CORS headers, so
 * other origins cannot read answers.
 */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  if (opts.token !== undefined) {
    const problem = tokenProblem(opts.token);
    if (problem) throw new Error(problem);
  }
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const bindHost = opts.bindHost ?? '127.0.0.1';
  const maxBody = opts.maxBodyBytes ?? 1024 * 1024;
  const allowed = allowedHostNames(bindHost, opts.allowedHosts);
  const identify = tokenResolver([{ name: OWNER, role: 'admin', token }, ...(opts.teamTokens ?? [])]);
  const gate = createAuthGate(identify, { ...(opts.log ? { log: opts.log } : {}), ...opts.auth });
  const events = createEventFanOut(opts.host, { ...(opts.log ? { log: opts.log } : {}), ...opts.events });
  let port = 0;
  // The owner's token is the person who started `serve`: the host's own user, as on the desktop.
  const callerOf = (caller: Caller): Caller | undefined => (caller.name === OWNER ? undefined : caller);

  const listener: RequestListener = (req, res) => {
    handle(req, res).catch((err: unknown) => {
      opts.log?.(`Internal error on ${req.method} ${req.url}: ${(err as Error).stack ?? String(err)}`);
      if (!res.headersSent) sendError(res, 500, 'internal', 'Fleetscope failed to answer this request; see its log for details.');
      else res.destroy();
    });
  };
  const server: Server = opts.tls ? createTlsServer({ cert: opts.tls.cert, key: opts.tls.key }, listener) : createServer(listener);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const refused = originProblem(req, allowed, port, opts.tls ? 'https' : 'http');
    if (refused) return sendError(res, 403, 'forbidden', refused);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const scrape = url.pathname === '/metrics' && opts.metrics !== undefined;
    if (!scrape && !url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(res, 'GET, HEAD');
      if (url.pathname === '/' || url.pathname.endsWith('.js')) res.once('finish', () => startMark(url.pathname === '/' ? 'page sent' : 'first script sent'));
      return serveStatic(opts.staticDir, url.pathname, res);
    }
    const auth = gate.check(req);
    if (auth.result === 'limited') {
      res.setHeader('retry-after', String(Math.max(1, auth.retryAfterSeconds)));
      return sendError(
        res,
        429,
        'rate-limited',
        'Too many attempts with a wrong token from this address; wait, then use the URL that `fleetscope serve` printed.',
      );
    }
    if (auth.result === 'denied') {
      const hint = scrape
        ? 'send `Authorization: Bearer TOKEN` (Prometheus: the `authorization` setting of the scrape job).'
        : 'open the URL that `fleetscope serve` printed (it carries #token=…).';
      return sendError(res, 401, 'auth', `Missing or wrong token: ${hint}`);
    }
    if (scrape && opts.metrics) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(res, 'GET, HEAD');
      return serveMetrics(opts.metrics, req, res);
    }
    const caller = callerOf(auth.caller);
    const name = url.pathname.slice('/api/'.length);
    startMark('first API request');
    if (name === 'snapshot' || name === 'events' || name === 'session') {
      if (req.method !== 'GET') return methodNotAllowed(res, 'GET');
      if (name === 'events') return events.open(req, res);
      // `GET /api/session` is getSession for scripts: who this token is.
      return sendOutcome(res, await opts.host.dispatch(name === 'session' ? 'getSession' : 'getSnapshot', {}, caller));
    }
    if (!isRequestName(name)) return sendOutcome(res, await opts.host.dispatch(name, {}));
    if (req.method !== 'POST') return methodNotAllowed(res, 'POST');
    const body = await readJsonBody(req, maxBody);
    if (!body.ok) {
      // A body cut short leaves its rest unread on the connection: the next request kept alive on
      // it would be read from there and never answered. Closing it after the answer ends both.
      if (body.status === 413) res.shouldKeepAlive = false;
      return sendError(res, body.status, 'invalid-argument', body.message);
    }
    // The dispatch refuses a viewer whatever it asks beyond reads, the same as over any transport.
    return sendOutcome(res, await opts.host.dispatch(name, body.value, caller));
  }

  server.keepAliveTimeout = 65_000;
  preloadStatic(opts.staticDir);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 4780, bindHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  port = addr.port;
  const hostForUrl = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  const url = `${opts.tls ? 'https' : 'http'}://${hostForUrl}:${addr.port}/`;
  return {
    url,
    token,
    readyLine: `Fleetscope ready at ${url}#token=${token}`,
    close: async () => {
      events.close();
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

function methodNotAllowed(res: ServerResponse, allow: string): void {
  res.setHeader('allow', allow);
  sendError(res, 405, 'invalid-argument', `Use ${allow.split(', ')[0]} here.`);
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
