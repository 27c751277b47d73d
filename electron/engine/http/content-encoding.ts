import { constants, gunzipSync } from 'node:zlib';
import { FleetError } from './fleet-error';
import { hostPort } from './network-errors';
import { tooLargeInfo, where } from './response-errors';

/**
 * The one content coding Fleetscope asks for: Bitbucket's Tomcat compresses JSON answers with gzip
 * when a client accepts it (server.compression.* in bitbucket.properties, on by default). Only the
 * inventory's pages ask (issue 13 goal 3): a page of 1,000 repositories is ≈ 735 KB as JSON and
 * ≈ 45 KB as gzip, and its reader thread inflates it off the engine's event loop.
 */
export type BodyEncoding = 'gzip';

/** How a body is coded, from its Content-Encoding: null for none (or `identity`), 'unknown' for one Fleetscope cannot read. */
export function bodyEncoding(value: string | null): BodyEncoding | null | 'unknown' {
  const v = value?.trim().toLowerCase() ?? '';
  if (v === '' || v === 'identity') return null;
  return v === 'gzip' || v === 'x-gzip' ? 'gzip' : 'unknown';
}

/**
 * A gzip body inflated, at most `maxBytes` of it: throws RangeError past `maxBytes`, Error on bytes
 * that are not gzip. `partial`: the body may be cut (an error answer is read only up to its first
 * 64 KiB), so what inflates before the cut is kept; one that does not inflate within `maxBytes`
 * is kept as received, since only its start is shown beside the answer's status. Used on the
 * engine's loop only for small or rare bodies; pages are inflated by the inventory's reader thread.
 */
export function inflate(body: Uint8Array, maxBytes: number, partial = false): Buffer {
  if (!partial) return gunzipSync(body, { maxOutputLength: Math.max(1, maxBytes) });
  try {
    return gunzipSync(body, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: Math.max(1, maxBytes) });
  } catch {
    // A cut or over-long error body: its start is all that is shown, and a failure to inflate it
    // must not hide the answer's status. The raw bytes are the honest snippet.
    return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  }
}

/** A 2xx gzip body inflated, or the FleetError that says why it cannot be (too large, not gzip). */
export function inflateAnswer(body: Uint8Array, maxBytes: number, url: string, status: number): Buffer {
  try {
    return inflate(body, maxBytes);
  } catch (err) {
    if (err instanceof RangeError) throw new FleetError({ ...tooLargeInfo(url, maxBytes), httpStatus: status, url });
    const { host, path } = where(url);
    throw new FleetError({
      code: 'malformed',
      message: `${host} answered ${path} with a gzip body that does not inflate (${err instanceof Error ? err.message : String(err)}) — is a proxy cutting or rewriting answers?`,
      httpStatus: status,
      url,
      cause: err,
    });
  }
}

/**
 * A body as its caller takes it: a 2xx gzip one kept as is for a caller that inflates it itself
 * (`keepGzip`), else inflated here (a 2xx one to at most `maxBytes`, an error answer's start); a
 * 2xx body in a coding Fleetscope never asks for is an error (a JSON parse of its bytes would blame
 * the server's JSON).
 */
export function decodedBody(
  body: Buffer,
  contentEncoding: string | null,
  o: { ok: boolean; keepGzip: boolean; maxBytes: number; url: string; status: number },
): { body: Buffer; encoding: BodyEncoding | null } {
  const coding = bodyEncoding(contentEncoding);
  if (coding === null) return { body, encoding: null };
  if (coding === 'gzip') {
    if (o.ok && o.keepGzip) return { body, encoding: 'gzip' };
    return { body: o.ok ? inflateAnswer(body, o.maxBytes, o.url, o.status) : inflate(body, o.maxBytes, true), encoding: null };
  }
  if (!o.ok) return { body, encoding: null };
  throw new FleetError({
    code: 'malformed',
    message: `${hostPort(o.url) ?? o.url} answered in a content encoding Fleetscope did not ask for and cannot read (${contentEncoding}) — is a proxy rewriting answers?`,
    httpStatus: o.status,
    url: o.url,
  });
}
