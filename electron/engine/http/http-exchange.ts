import type { Dispatcher } from 'undici';
import { decodedBody, type BodyEncoding } from './content-encoding';
import { proxyOf } from './dispatchers';
import { FleetError } from './fleet-error';
import { ExchangeAbort, onCallerAbort } from './exchange-abort';
import { exceptionInfo, formatTimeout, hostPort } from './network-errors';
import { PAGE_BUFFER_MIN, pageBuffer } from './page-buffers';
import { tooLargeInfo } from './response-errors';
import { request } from './undici-parts';

/** How much of an error answer (non-2xx) is read: enough for Bitbucket's error body and a snippet. */
const ERROR_BODY_BYTES = 64 * 1024;

export interface ExchangeRequest {
  dispatcher: Dispatcher;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
  timeoutMs: number;
  maxBodyBytes: number;
  signal: AbortSignal | undefined;
  /** Called once the whole body is in, before the turn the exchange then waits (the fleet-wide slot's release). */
  bodyIn?: () => void;
  /**
   * Ask for a gzip body (Accept-Encoding) and hand a 2xx one over as received (`encoding`), for the
   * caller to inflate elsewhere (content-encoding.ts). Any other gzip body is inflated here.
   */
  gzip?: boolean;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body as received (inflated unless `encoding` says otherwise); for a non-2xx answer, only its first 64 KiB. */
  body: Buffer;
  /** Set when `body` is still gzip (a 2xx answer to a request that asked with `gzip`). */
  encoding: BodyEncoding | null;
  /** The body decoded as UTF-8 (BOM removed), decoded when first asked: a lean read never needs it. */
  readonly text: string;
  contentType: string | null;
  /** From sending the request to the end of the body (ms). */
  durationMs: number;
}

/** Errors where a kept-alive connection was closed under us before any answer came back. */
const droppedBeforeAnswer = new WeakSet<FleetError>();
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/**
 * True when the connection was closed before any answer — typically the server closing an idle
 * kept-alive connection just as we reused it. Safe to retry once for a GET.
 */
export function failedBeforeAnswer(err: unknown): boolean {
  return err instanceof FleetError && droppedBeforeAnswer.has(err);
}

/**
 * One HTTP exchange: send, then read the body under a size cap, under a per-request timeout.
 *
 * The timeout is enforced twice: by undici's headers/body timeouts (which also catch a stalled
 * socket) and by an abort after `timeoutMs` (which bounds the whole exchange, slow-dripping
 * bodies included). The body is always consumed or destroyed, so the connection either returns
 * to the pool or is closed — never leaked.
 * Throws FleetError for every failure, except a caller abort, which rethrows the signal's reason.
 */
export async function exchange(req: ExchangeRequest): Promise<RawResponse> {
  const controller = new ExchangeAbort();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`Timed out after ${req.timeoutMs} ms`));
  }, req.timeoutMs);
  const unwatch = req.signal ? onCallerAbort(req.signal, () => controller.abort(req.signal?.reason)) : undefined;
  const started = performance.now();
  let response: Dispatcher.ResponseData | undefined;
  try {
    if (req.signal?.aborted) throw req.signal.reason;
    response = await request(req.url, {
      dispatcher: req.dispatcher,
      method: req.method,
      headers: req.gzip ? { ...req.headers, 'accept-encoding': 'gzip' } : req.headers,
      body: req.body ?? null,
      signal: controller,
      headersTimeout: req.timeoutMs,
      bodyTimeout: req.timeoutMs,
      // Writes are never retried: keep undici from treating them as safe to replay or pipeline.
      idempotent: req.method === 'GET',
    });
    const ok = response.statusCode >= 200 && response.statusCode < 300;
    const contentType = header(response.headers['content-type']);
    const maxBytes = ok ? req.maxBodyBytes : ERROR_BODY_BYTES;
    const received = await readBody(response, maxBytes, ok, req);
    const durationMs = performance.now() - started;
    req.bodyIn?.();
    const coded = decodedBody(received, header(response.headers['content-encoding']), {
      ok,
      keepGzip: req.gzip === true,
      maxBytes,
      url: req.url,
      status: response.statusCode,
    });
    // undici frees a kept-alive socket only one event-loop turn after the answer ends
    // (client-h1.js, `setImmediate(client[kResume])`). A request sent before that turn makes the
    // Pool open a second connection; waiting the turn here keeps polls on one warm connection.
    await new Promise<void>((resolve) => setImmediate(resolve));
    return withBody({ status: response.statusCode, headers: response.headers, contentType, durationMs, encoding: coded.encoding }, coded.body);
  } catch (err) {
    if (response) discardBody(response.body);
    if (err instanceof FleetError) throw err;
    if (req.signal?.aborted) throw req.signal.reason;
    if (timedOut) {
      throw new FleetError({
        code: 'timeout',
        message: `No answer from ${hostPort(req.url) ?? req.url} within ${formatTimeout(req.timeoutMs)} — the server or the network is overloaded.`,
        url: req.url,
        cause: err,
      });
    }
    const info = exceptionInfo(err, { url: req.url, timeoutMs: req.timeoutMs, proxy: proxyOf(req.dispatcher) });
    if (info) {
      const fleetError = new FleetError({ ...info, url: req.url, cause: err });
      const code = (err as { code?: unknown } | null)?.code;
      if (response === undefined && typeof code === 'string' && RESET_CODES.has(code)) droppedBeforeAnswer.add(fleetError);
      throw fleetError;
    }
    const detail = err instanceof Error ? err.message : 'unknown failure';
    throw new FleetError({
      code: 'internal',
      message: `Internal error while requesting ${req.url}: ${detail}. This is a bug; please report it with the log.`,
      url: req.url,
      cause: err,
    });
  } finally {
    clearTimeout(timer);
    unwatch?.();
  }
}

/**
 * Read the body, at most `cap` bytes. Past the cap a 2xx answer is an error (too-large) and a
 * non-2xx answer is simply cut, since only its start is shown. Either way the rest is not read:
 * the stream is destroyed, which closes that connection instead of downloading the excess.
 */
async function readBody(response: Dispatcher.ResponseData, cap: number, strict: boolean, req: ExchangeRequest): Promise<Buffer> {
  const declared = Number(header(response.headers['content-length']) ?? Number.NaN);
  if (strict && Number.isFinite(declared) && declared > cap) {
    discardBody(response.body);
    throw new FleetError({ ...tooLargeInfo(req.url, cap), httpStatus: response.statusCode, url: req.url });
  }
  const announced = Number.isInteger(declared) && declared > 0 && declared <= cap ? declared : 0;
  // A small body of announced length (every answer of the regular poll) in one step: the parser
  // delivers no byte past the announced length, so the cap holds, and undici's own reader costs
  // less than an async iterator over the stream (its end-of-stream watch and a promise a chunk).
  if (announced > 0 && announced < PAGE_BUFFER_MIN) {
    const got = await response.body.bytes();
    return Buffer.from(got.buffer, got.byteOffset, got.byteLength);
  }
  const bytes = new BodyBytes(announced);
  for await (const chunk of response.body) {
    const buf = chunk as Buffer;
    if (bytes.size + buf.length > cap) {
      discardBody(response.body);
      if (strict) throw new FleetError({ ...tooLargeInfo(req.url, cap), httpStatus: response.statusCode, url: req.url });
      bytes.add(buf.subarray(0, cap - bytes.size));
      break;
    }
    bytes.add(buf);
  }
  return bytes.take();
}

/**
 * A body's chunks joined. When its length is announced, each chunk is copied into one buffer of
 * that size as it arrives, so the chunks are garbage at once instead of all held until
 * `Buffer.concat` copies them (issue 13: the sweeps' and statistics' pages in flight at
 * 10 × 50,000). Chunks past the announced length (a server's mistake) are concatenated after it.
 * A large body's buffer may be one the inventory's reader thread handed back (page-buffers.ts).
 */
export class BodyBytes {
  size = 0;
  private readonly whole: Buffer | null;
  private filled = 0;
  private readonly rest: Buffer[] = [];

  constructor(announced: number) {
    this.whole = announced >= PAGE_BUFFER_MIN ? pageBuffer(announced) : announced > 0 ? Buffer.allocUnsafe(announced) : null;
  }

  add(chunk: Buffer): void {
    if (this.whole !== null && this.rest.length === 0 && this.filled + chunk.length <= this.whole.length) {
      chunk.copy(this.whole, this.filled);
      this.filled += chunk.length;
    } else this.rest.push(chunk);
    this.size += chunk.length;
  }

  take(): Buffer {
    if (this.whole === null) return Buffer.concat(this.rest, this.size);
    const head = this.filled === this.whole.length ? this.whole : this.whole.subarray(0, this.filled);
    return this.rest.length === 0 ? head : Buffer.concat([head, ...this.rest], this.size);
  }
}

/**
 * An answer with these bytes as its body (also when the inventory's reader thread hands a page
 * back, or a gzip body is inflated), coded as `encoding` says (default: as `raw`'s).
 */
export function withBody(raw: Omit<RawResponse, 'body' | 'text'>, body: Buffer, encoding = raw.encoding): RawResponse {
  let text: string | null = null;
  return {
    status: raw.status,
    headers: raw.headers,
    body,
    get text() {
      text ??= decodeBody(body);
      return text;
    },
    contentType: raw.contentType,
    durationMs: raw.durationMs,
    encoding,
  };
}

function decodeBody(body: Buffer): string {
  const text = body.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Destroy a body we will not read to the end, closing its connection. undici answers the destroy
 * by emitting a RequestAbortedError on the stream; that error is our own doing, so it is consumed
 * here instead of surfacing as an unhandled 'error' event. Any other error is still reported.
 */
function discardBody(body: Dispatcher.ResponseData['body']): void {
  if (body.destroyed) return;
  body.on('error', (err: unknown) => {
    if ((err as { code?: unknown } | null)?.code !== 'UND_ERR_ABORTED') console.warn('Fleetscope: error while discarding a response body', err);
  });
  body.destroy();
}

export function header(v: string | string[] | undefined): string | null {
  if (Array.isArray(v)) return v[0] ?? null;
  return v ?? null;
}
