import type { IncomingMessage } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { DemoResponse } from './responses';

/**
 * Bitbucket's Tomcat compresses an answer with gzip when the client accepts it, the type is one it
 * compresses (JSON among them) and the body is at least 2 KiB (`server.compression.*`, on by
 * default). The simulated fleet does the same, so the engine's compressed inventory pages meet a
 * server that answers them as Bitbucket would (issue 13 goal 3).
 */
const MIN_BYTES = 2048;
const COMPRESSED_TYPES = /^(application\/json|text\/(html|plain|xml|css))\b/i;

/**
 * A cached page's gzip bytes, kept while the page is: the pages are kept as bytes for the same
 * reason (bitbucket-routes.ts), compressing a 735 KB page costs ≈ 3 ms, and Bitbucket's own cost
 * of it is not what the engine's benchmarks measure.
 */
const gzipped = new WeakMap<Buffer, Buffer>();

/** Whether an Accept-Encoding header accepts gzip (a `gzip` or `*` coding whose q is not 0). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  for (const part of value.split(',')) {
    const [coding = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    if (coding !== 'gzip' && coding !== 'x-gzip' && coding !== '*') continue;
    const q = params.find((p) => p.startsWith('q='));
    if (q === undefined || Number(q.slice(2)) > 0) return true;
  }
  return false;
}

/** The answer as Bitbucket would send it to this request: gzip when asked and worth it. */
export function encodedFor(req: IncomingMessage, response: DemoResponse): DemoResponse {
  const type = response.headers['content-type'] ?? '';
  if (!COMPRESSED_TYPES.test(type) || !acceptsGzip(req.headers['accept-encoding'])) return response;
  const cached = typeof response.body === 'string' ? undefined : response.body;
  let body = cached === undefined ? undefined : gzipped.get(cached);
  if (body === undefined) {
    const plain = typeof response.body === 'string' ? Buffer.from(response.body, 'utf8') : response.body;
    if (plain.length < MIN_BYTES) return { ...response, body: plain };
    body = gzipSync(plain);
    if (cached !== undefined) gzipped.set(cached, body);
  }
  return { ...response, headers: { ...response.headers, 'content-encoding': 'gzip', vary: 'Accept-Encoding' }, body };
}
