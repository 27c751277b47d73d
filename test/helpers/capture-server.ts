import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';

export interface Captured {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** When its body had come (epoch ms). */
  at: number;
}

/**
 * Stands in for an attacker's host, on loopback: records every request (headers and body) and
 * answers like a Bitbucket would to the first calls of a connection test, so a client that would
 * send a credential there goes on to send it.
 */
export async function startCaptureServer(): Promise<{ url: string; origin: string; requests: Captured[]; close(): Promise<void> }> {
  const requests: Captured[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      res.writeHead(200, { 'content-type': 'application/json', 'x-ausername': 'someone' });
      res.end(JSON.stringify({ version: '8.19.0', displayName: 'Bitbucket', values: [], isLastPage: true, size: 0, start: 0, limit: 25 }));
    });
  });
  // Used as a proxy it is asked to CONNECT: recorded (a Proxy-Authorization would show here), then refused.
  server.on('connect', (req: IncomingMessage, socket: Duplex) => {
    requests.push({ method: req.method ?? 'CONNECT', url: req.url ?? '', headers: req.headers, body: '', at: Date.now() });
    socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: origin,
    origin,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Every place a captured request could carry a secret, as one string to search. */
export const everythingCaptured = (requests: Captured[]): string =>
  requests.map((r) => `${r.method} ${r.url}\n${JSON.stringify(r.headers)}\n${r.body}`).join('\n');
