import type { ErrorCode, TargetError } from '../../../shared/model/status';
import { readBitbucketError, type BitbucketErrorKind } from './bitbucket-errors';
import { exceptionInfo } from './network-errors';

/** Most of a raw body we keep on an error, for showing it to a person. */
export const BODY_SNIPPET_BYTES = 2048;

export interface FleetErrorInit {
  code: ErrorCode;
  message: string;
  httpStatus?: number | null;
  retryAfterMs?: number | null;
  url?: string | null;
  body?: string | null;
  cause?: unknown;
}

/**
 * A failed request or poll, classified: `code` for the program, `message` for a person (what
 * happened and what to do), and the raw facts behind it.
 */
export class FleetError extends Error {
  override readonly name = 'FleetError';
  readonly code: ErrorCode;
  readonly httpStatus: number | null;
  readonly retryAfterMs: number | null;
  readonly url: string | null;
  /** First ≤ 2 KiB of a non-JSON or unexpected body, for showing raw. */
  readonly body: string | null;
  /** The error class Bitbucket named in its error body, when it is one Fleetscope recognises. */
  readonly bitbucketKind: BitbucketErrorKind | null;

  constructor(init: FleetErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.httpStatus = init.httpStatus ?? null;
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.url = init.url ?? null;
    this.body = init.body === undefined || init.body === null ? null : snippet(init.body);
    this.bitbucketKind = this.httpStatus !== null && this.httpStatus >= 400 && init.body ? readBitbucketError(init.body).kind : null;
  }
}

/** The first ≤ 2 KiB (UTF-8 bytes) of a body. */
export function snippet(body: string): string {
  const bytes = Buffer.from(body, 'utf8');
  if (bytes.length <= BODY_SNIPPET_BYTES) return body;
  // Cut at a character boundary: drop trailing continuation bytes of a split character.
  let end = BODY_SNIPPET_BYTES;
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
}

/**
 * Any thrown value as the model's `TargetError`. FleetErrors keep their classification; raw Node,
 * undici and TLS errors that escaped the client are classified here; anything else is a bug in
 * Fleetscope and says so (code `internal`).
 */
export function toTargetError(err: unknown, at: number): TargetError {
  if (err instanceof FleetError) return { code: err.code, message: err.message, httpStatus: err.httpStatus, at };
  const info = exceptionInfo(err, { url: null, timeoutMs: null });
  if (info) return { code: info.code, message: info.message, httpStatus: null, at };
  const detail = describeThrown(err);
  return {
    code: 'internal',
    message: `Internal error in Fleetscope: ${detail || 'no details'}. This is a bug; please report it with the log.`,
    httpStatus: null,
    at,
  };
}

/** A short description of any thrown value; `String()` itself throws on some objects. */
function describeThrown(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') return err;
  if (typeof err === 'number' || typeof err === 'boolean' || typeof err === 'bigint' || err === null || err === undefined) return `${err}`;
  return 'a non-Error value was thrown';
}
