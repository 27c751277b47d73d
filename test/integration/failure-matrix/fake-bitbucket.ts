import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

/** Every way a Bitbucket (or what stands in front of it) can fail, as the failure matrix needs. */
export type FaultMode =
  | 'ok'
  | 'refused'
  | 'timeout'
  | 'slow-body'
  | '401'
  | '403-basic-disabled'
  | '404'
  | '409'
  | '429'
  | '500'
  | '503'
  | 'html-login'
  | 'malformed-json'
  | 'truncated-json'
  | 'oversized';

export interface FakeBitbucket {
  readonly baseUrl: string;
  setMode(mode: FaultMode): Promise<void>;
  close(): Promise<void>;
}

const VERSION = { version: '9.4.22', buildNumber: '9004022', buildDate: '1783935727556', displayName: 'Bitbucket' };
const CLUSTER = {
  running: true,
  localNode: { id: 'n1', name: 'node-1', address: { address: '10.0.0.1', port: 5701 }, local: true, buildVersion: '9.4.22' },
  nodes: [{ id: 'n1', name: 'node-1', address: { address: '10.0.0.1', port: 5701 }, local: true, buildVersion: '9.4.22' }],
};
const REPOS = {
  size: 2,
  limit: 1000,
  start: 0,
  isLastPage: true,
  values: [
    { id: 1, slug: 'a', state: 'AVAILABLE', archived: false, project: { key: 'P' } },
    { id: 2, slug: 'b', state: 'AVAILABLE', archived: false, project: { key: 'P' } },
  ],
};
const error = (message: string, exceptionName: string | null = null) => JSON.stringify({ errors: [{ context: null, message, exceptionName }] });

/**
 * A minimal Bitbucket on 127.0.0.1 (HTTP, or HTTPS with the given certificate) whose every answer
 * can be switched to one fault of the matrix. `refused` really closes the listener; leaving it
 * listens again on the same port.
 */
export async function startFakeBitbucket(tls?: { key: string; cert: string }): Promise<FakeBitbucket> {
  let mode: FaultMode = 'ok';
  const sockets = new Set<Socket>();
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    req.resume();
    answer(mode, req.url ?? '/', res);
  };
  let server: Server = tls ? createHttpsServer({ ...tls }, handler) : createHttpServer(handler);
  const track = (s: Server): void => {
    s.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
  };
  track(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const closeServer = async (): Promise<void> => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of sockets) s.destroy();
    await closed;
  };
  return {
    baseUrl: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    async setMode(next) {
      if (mode === 'refused' && next !== 'refused') {
        server = tls ? createHttpsServer({ ...tls }, handler) : createHttpServer(handler);
        track(server);
        await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
      } else if (next === 'refused' && mode !== 'refused') {
        await closeServer();
      }
      mode = next;
      // Connections kept alive from the previous mode would otherwise keep its behaviour.
      for (const s of sockets) s.destroy();
    },
    close: () => (mode === 'refused' ? Promise.resolve() : closeServer()),
  };
}

function answer(mode: FaultMode, url: string, res: ServerResponse): void {
  const json = (status: number, body: string, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', ...headers });
    res.end(body);
  };
  switch (mode) {
    case 'timeout':
      return; // never answers; the client's timeout must fire
    case 'slow-body':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"version":');
      return; // the rest never comes
    case '401':
      return json(
        401,
        error('Authentication failed. Please check your credentials and try again.', 'com.atlassian.bitbucket.auth.IncorrectPasswordAuthenticationException'),
      );
    case '403-basic-disabled':
      return json(403, JSON.stringify({ message: 'Basic Authentication has been disabled on this instance.' }));
    case '404':
      return json(404, error(`No resource at ${url}.`));
    case '409':
      return json(409, error('Mirroring is not available', 'com.atlassian.bitbucket.mirroring.MirroringNotAvailableException'));
    case '429':
      return json(429, error('Rate limit exceeded.'), { 'retry-after': '2' });
    case '500':
      return json(500, error('An unexpected error occurred.'));
    case '503':
      res.writeHead(503, { 'content-type': 'text/html' });
      res.end('<html><body><h1>503 Service Unavailable</h1></body></html>');
      return;
    case 'html-login':
      res.writeHead(200, { 'content-type': 'text/html;charset=UTF-8' });
      res.end('<!DOCTYPE html><html><head><title>Log in - Bitbucket</title></head><body><form id="j-login"></form></body></html>');
      return;
    case 'malformed-json':
      return json(200, '{"version": 9.4, oops}');
    case 'truncated-json':
      return json(200, JSON.stringify(VERSION).slice(0, 25));
    case 'oversized': {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const pump = (): void => {
        while (sent < 40 && res.write(chunk)) sent++;
        if (sent < 40) res.once('drain', pump);
        else res.end('{}');
      };
      res.write('{"pad":"');
      pump();
      return;
    }
    default:
      break;
  }
  const path = url.split('?')[0] ?? '/';
  if (path === '/status') return json(200, JSON.stringify({ state: 'RUNNING' }));
  if (path.endsWith('/application-properties')) return json(200, JSON.stringify(VERSION));
  if (path.endsWith('/admin/cluster')) return json(200, JSON.stringify(CLUSTER));
  if (path.endsWith('/repos')) return json(200, JSON.stringify(REPOS));
  return json(404, error(`No resource at ${path}.`));
}
