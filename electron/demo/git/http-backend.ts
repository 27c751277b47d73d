import { spawn } from 'node:child_process';
import { Transform } from 'node:stream';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResponseDelay } from '../types';
import type { GitView } from './repo-store';

/** The response stream is paced in pieces of this size when the transfer is throttled. */
export const PACE_PIECE_BYTES = 8_192;

export interface BackendRequest {
  readonly view: GitView;
  /** What follows `/scm/PROJECT/slug.git`: `/info/refs`, `/git-upload-pack`… */
  readonly rest: string;
  readonly query: string;
  readonly remoteUser: string | null;
  /** Milliseconds to hold back each piece of the response (0: no throttle), and how to wait. */
  readonly pieceDelayMs: number;
  readonly delay: ResponseDelay;
  /** Told what an upload-pack POST asks for, from the start of its body: a ref listing or a fetch. */
  readonly onUploadPack?: (what: 'ls-refs' | 'fetch') => void;
}

/**
 * Serves one smart-HTTP request through the system's `git http-backend` (CGI): the request body
 * streams to its stdin, its CGI headers become the HTTP status and headers, the rest streams to
 * the client, paced when the fleet is slow. The process ends with the request either way.
 */
export function serveThroughBackend(req: IncomingMessage, res: ServerResponse, r: BackendRequest): void {
  const gitProtocol = req.headers['git-protocol'];
  const child = spawn('git', ['http-backend'], {
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      GIT_PROJECT_ROOT: r.view.root,
      GIT_HTTP_EXPORT_ALL: '1',
      GIT_CONFIG_NOSYSTEM: '1',
      PATH_INFO: `/${r.view.name}${r.rest}`,
      QUERY_STRING: r.query,
      REQUEST_METHOD: req.method ?? 'GET',
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      ...(req.headers['content-encoding'] ? { HTTP_CONTENT_ENCODING: req.headers['content-encoding'] } : {}),
      ...(typeof gitProtocol === 'string' ? { GIT_PROTOCOL: gitProtocol } : {}),
      ...(r.remoteUser ? { REMOTE_USER: r.remoteUser } : {}),
      REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    if (stderr.length < 4_000) stderr += d.toString();
  });
  const stop = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  res.once('close', stop);
  child.on('error', (err) => fail(res, 500, `The demo fleet could not run git http-backend: ${err.message}. Install git to clone from the simulated fleet.`));
  child.stdin.on('error', () => undefined);
  if (r.onUploadPack && r.rest === '/git-upload-pack') req.pipe(tapFirstChunk(req, r.onUploadPack)).pipe(child.stdin);
  else req.pipe(child.stdin);
  void relay(child.stdout, res, r).catch((err: unknown) => {
    stop();
    fail(res, 500, `git http-backend failed: ${err instanceof Error ? err.message : String(err)} ${stderr.trim()}`);
  });
}

async function relay(out: NodeJS.ReadableStream, res: ServerResponse, r: BackendRequest): Promise<void> {
  let head = Buffer.alloc(0);
  let started = false;
  for await (const chunk of out as AsyncIterable<Buffer>) {
    if (res.destroyed) return;
    let body = chunk;
    if (!started) {
      head = Buffer.concat([head, chunk]);
      const split = headerEnd(head);
      if (split === null) continue;
      writeCgiHead(res, head.subarray(0, split.at).toString('latin1'));
      started = true;
      body = head.subarray(split.at + split.length);
    }
    await write(res, body, r);
  }
  if (!started) throw new Error('it ended before sending its headers.');
  res.end();
}

function headerEnd(buf: Buffer): { at: number; length: number } | null {
  const crlf = buf.indexOf('\r\n\r\n');
  const lf = buf.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return { at: crlf, length: 4 };
  return lf >= 0 ? { at: lf, length: 2 } : null;
}

/** CGI headers: `Status: 404 Not Found` sets the status; the others pass through. */
function writeCgiHead(res: ServerResponse, text: string): void {
  let status = 200;
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 500;
    else res.setHeader(name, value);
  }
  res.statusCode = status;
}

async function write(res: ServerResponse, body: Buffer, r: BackendRequest): Promise<void> {
  const pieces = r.pieceDelayMs > 0 ? Math.ceil(body.length / PACE_PIECE_BYTES) : body.length > 0 ? 1 : 0;
  for (let i = 0; i < pieces; i++) {
    const piece = r.pieceDelayMs > 0 ? body.subarray(i * PACE_PIECE_BYTES, (i + 1) * PACE_PIECE_BYTES) : body;
    if (r.pieceDelayMs > 0) await hold(res, r);
    if (res.destroyed) return;
    if (!res.write(piece)) await drained(res);
  }
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}

function hold(res: ServerResponse, r: BackendRequest): Promise<void> {
  return new Promise((resolve) => {
    const onClose = (): void => {
      cancel();
      resolve();
    };
    const cancel = r.delay(r.pieceDelayMs, () => {
      res.off('close', onClose);
      resolve();
    });
    res.once('close', onClose);
  });
}

function fail(res: ServerResponse, status: number, message: string): void {
  if (res.destroyed || res.writableEnded) return;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(`${message}\n`);
}

/** Passes the body through, telling once whether it is a v2 `ls-refs` or a fetch (v1 bodies and gzipped ones are fetches). */
function tapFirstChunk(req: IncomingMessage, tell: (what: 'ls-refs' | 'fetch') => void): Transform {
  let told = false;
  const gzip = /gzip/i.test(String(req.headers['content-encoding'] ?? ''));
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (!told) {
        told = true;
        tell(!gzip && chunk.subarray(0, 64).toString('latin1').includes('command=ls-refs') ? 'ls-refs' : 'fetch');
      }
      done(null, chunk);
    },
  });
}
