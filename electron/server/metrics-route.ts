import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FleetMetrics } from '../engine/metrics/fleet-metrics';
import { allowedHostNames, originProblem } from './request-guard';

/** Answers `GET /metrics` (and HEAD) with the exposition text; the caller has checked who asks. */
export async function serveMetrics(metrics: FleetMetrics, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
    res.end('Only GET is served at /metrics.\n');
    return;
  }
  const text = await metrics.render();
  res.writeHead(200, { 'content-type': metrics.contentType, 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : text);
}

export interface MetricsListener {
  url: string;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * `--metrics-port`: `/metrics` alone, without a token, on a loopback address only — for a
 * Prometheus (or an agent) on the same machine. Anything else on that port is 404.
 */
export async function startMetricsListener(metrics: FleetMetrics, port: number, bindHost = '127.0.0.1'): Promise<MetricsListener> {
  if (!LOOPBACK.has(bindHost)) throw new Error(`--metrics-port serves /metrics without a token, so it binds to loopback only, not to ${bindHost}.`);
  const allowed = allowedHostNames(bindHost);
  let boundPort = 0;
  const server: Server = createServer((req, res) => {
    // No token here, so a web page must not reach it through a rebound DNS name either.
    const refused = originProblem(req, allowed, boundPort);
    if (refused) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`${refused}\n`);
      return;
    }
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Only /metrics is served on this port.\n');
      return;
    }
    serveMetrics(metrics, req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`Could not render the metrics: ${(err as Error).message}\n`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, bindHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  boundPort = addr.port;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${host}:${addr.port}/metrics`,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
