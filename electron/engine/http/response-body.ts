import { FleetError } from './fleet-error';
import type { RawResponse } from './http-exchange';
import { leanJson, LeanJsonError, type LeanShape } from './lean-json';
import { htmlInfo, looksLikeHtml, malformedInfo } from './response-errors';

/** Only these parts of a JSON body (lean-json.ts), or a function that reads its bytes. */
export type BodyShape = LeanShape | ((body: Buffer) => unknown);

/**
 * The body of a 2xx answer: the parts `shape` names (or what it reads) when given, else the whole
 * JSON. Bytes that are not what `shape` expects are parsed whole; an HTML page or bytes that are
 * not JSON throw a FleetError that says so.
 */
export function okBody(raw: RawResponse, url: string, shape?: BodyShape): unknown {
  if (shape === undefined) return parseJson(raw, url);
  try {
    return typeof shape === 'function' ? shape(raw.body) : leanJson(raw.body, shape);
  } catch (err) {
    if (!(err instanceof LeanJsonError)) throw err;
    return parseJson(raw, url);
  }
}

/** Body of an answer the caller accepts whatever it is: JSON when it parses, else null. */
export function acceptedBody(raw: RawResponse): unknown {
  if (raw.text.trim() === '' || looksLikeHtml(raw.contentType, raw.text)) return null;
  try {
    return JSON.parse(raw.text) as unknown;
  } catch {
    // The caller asked for this status whatever its body (e.g. a 503 from a proxy): no body then.
    return null;
  }
}

function parseJson(raw: RawResponse, url: string): unknown {
  if (raw.text.trim() === '') return null;
  if (looksLikeHtml(raw.contentType, raw.text)) {
    throw new FleetError({ ...htmlInfo(url), httpStatus: raw.status, url, body: raw.text });
  }
  try {
    return JSON.parse(raw.text) as unknown;
  } catch (err) {
    const detail = err instanceof Error ? err.message : 'unparsable';
    throw new FleetError({ ...malformedInfo(url, detail), httpStatus: raw.status, url, body: raw.text, cause: err });
  }
}
