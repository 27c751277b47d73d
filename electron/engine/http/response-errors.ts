import { STATUS_CODES } from 'node:http';
import { formatSeconds } from '../../../shared/logic/units';
import type { ErrorCode } from '../../../shared/model/status';
import { explainKind, readBitbucketError, type BitbucketErrorKind } from './bitbucket-errors';
import type { ErrorInfo } from './network-errors';

export interface ResponseFacts {
  status: number;
  method: string;
  url: string;
  /** Decoded body (possibly only its start). */
  text: string;
  contentType: string | null;
  location: string | null;
  /** Which credential went with the request: decides how a 401 is explained. */
  auth: 'bearer' | 'basic' | 'none';
  retryAfterMs: number | null;
}

/** Bitbucket 10's non-standard 403 body when Basic auth is blocked (reference §1.2, item 3). */
const BASIC_AUTH_DISABLED = /basic auth(entication)? (has been |is )?disabled/i;

/** Classify a non-2xx answer, using Bitbucket's standard error body when there is one. */
export function responseErrorInfo(r: ResponseFacts): ErrorInfo {
  const { host, path } = where(r.url);
  const said = serverMessage(r.text);
  const known = readBitbucketError(r.text);
  const quote = said ? ` Bitbucket said: "${said}"${known.exceptionName ? ` (${known.exceptionName})` : ''}.` : '';
  const label = `${r.status} ${STATUS_CODES[r.status] ?? ''}`.trim();

  if (r.status >= 300 && r.status < 400) {
    const to = r.location ? ` to ${r.location}` : '';
    return {
      code: 'http',
      message: `${host} redirected ${path}${to} (${r.status}) instead of answering — usually an SSO proxy's login page, or http:// where https:// is needed; check the base URL.`,
    };
  }
  switch (r.status) {
    case 400:
      return { code: 'invalid-argument', message: `${host} rejected the request to ${path} as invalid (400).${quote}` };
    case 401:
      if (known.kind !== null && !(r.auth === 'none' && known.kind === 'login-required')) return recognised(known.kind, host, r.status, path, quote);
      if (r.auth === 'none') {
        return {
          code: 'auth',
          message: `${host} requires a login for ${path} (401) but no credential was sent — add a credential to this primary in the fleet config.${quote}`,
        };
      }
      return {
        code: 'auth',
        message: `${host} rejected the credential (401): check the token or password; on admin endpoints Bitbucket answers 401 when the user lacks admin permission.${quote}`,
      };
    case 403:
      if (said && BASIC_AUTH_DISABLED.test(said)) {
        return {
          code: 'forbidden',
          message: `${host} has Basic authentication disabled (403) — use an HTTP access token (\`read: { token }\`), or ask a Bitbucket admin to allow this user under Authentication methods.`,
        };
      }
      if (said && /xsrf/i.test(said)) {
        return { code: 'forbidden', message: `${host} refused ${r.method} ${path}: XSRF check failed (403). This is a Fleetscope bug; please report it.` };
      }
      if (known.kind !== null) return recognised(known.kind, host, r.status, path, quote);
      return {
        code: 'forbidden',
        message: `${host} refused access to ${path} (403 Forbidden) — the user lacks permission for it, or a licence limit was reached.${quote}`,
      };
    case 404:
      return {
        code: 'not-found',
        message: `${host} has no ${path} (404) — the feature or plugin may be missing or disabled on this version, or the base URL's context path is wrong.${quote}`,
      };
    case 409:
      return {
        code: 'conflict',
        message: `${host} reported a conflict for ${r.method} ${path} (409) — the change clashes with the current state; refresh and try again.${quote}`,
      };
    case 429: {
      const wait = r.retryAfterMs !== null ? ` and asked to wait ${formatSeconds(r.retryAfterMs / 1000)} (Retry-After)` : '';
      return {
        code: 'rate-limited',
        message: `${host} is rate-limiting this user (429)${wait} — lengthen the poll interval, or exempt the Fleetscope user from rate limiting in Bitbucket.`,
      };
    }
    case 502:
    case 504:
      return {
        code: 'server-error',
        message: `${host} answered ${label}: the proxy in front of Bitbucket could not get an answer from it — check that Bitbucket is running.${quote}`,
      };
    case 503:
      return {
        code: 'server-error',
        message: `${host} answered ${label}: Bitbucket is starting, in maintenance or overloaded — check its status page and logs.${quote}`,
      };
    default:
      if (r.status >= 500) return { code: 'server-error', message: `${host} answered ${label}: check the Bitbucket logs.${quote}` };
      return { code: 'http', message: `${host} answered ${label} to ${r.method} ${path}, which Fleetscope did not expect.${quote}` };
  }
}

const CODE_OF_KIND: Record<BitbucketErrorKind, ErrorCode> = {
  licence: 'licence',
  'user-not-licensed': 'forbidden',
  'not-permitted': 'forbidden',
  'incorrect-credentials': 'auth',
  captcha: 'auth',
  'token-expired': 'auth',
  'account-disabled': 'auth',
  'login-required': 'auth',
};

/** A 401/403 whose error class Bitbucket named: lead with what it means, then quote Bitbucket. */
function recognised(kind: BitbucketErrorKind, host: string, status: number, path: string, quote: string): ErrorInfo {
  return { code: CODE_OF_KIND[kind], message: `${explainKind(kind, host, status, path)}${quote}` };
}

export function htmlInfo(url: string): ErrorInfo {
  const { host, path } = where(url);
  return {
    code: 'html',
    message: `${host} answered ${path} with an HTML page instead of JSON — usually a login page from an SSO proxy in front of Bitbucket, or a wrong base URL.`,
  };
}

export function malformedInfo(url: string, detail: string): ErrorInfo {
  const { host, path } = where(url);
  return {
    code: 'malformed',
    message: `${host} answered ${path} with malformed JSON (${detail}) — a proxy may have cut it short or rewritten it; see the raw body.`,
  };
}

export function tooLargeInfo(url: string, limitBytes: number): ErrorInfo {
  const { host, path } = where(url);
  const mib = Math.round((limitBytes / (1024 * 1024)) * 10) / 10;
  return {
    code: 'too-large',
    message: `${host} answered ${path} with more than ${mib} MiB; Fleetscope stopped reading it — lower the page size, or raise the size limit if this is expected.`,
  };
}

/** True when a body is an HTML page: by content type, or by its first non-blank character. */
export function looksLikeHtml(contentType: string | null, text: string): boolean {
  if (contentType && /\b(text\/html|application\/xhtml\+xml)\b/i.test(contentType)) return true;
  return text.trimStart().startsWith('<');
}

/** The message(s) of Bitbucket's standard error body, or a top-level `message`, shortened. */
export function serverMessage(text: string): string | null {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // Plugins may answer errors in plain text or HTML; then there is no server message to quote.
    return null;
  }
  if (typeof body !== 'object' || body === null) return null;
  const errors = (body as { errors?: unknown }).errors;
  const messages: string[] = [];
  if (Array.isArray(errors)) {
    for (const e of errors) {
      const m = typeof e === 'object' && e !== null ? (e as { message?: unknown }).message : undefined;
      if (typeof m === 'string' && m.trim()) messages.push(m.trim());
      if (messages.length === 3) break;
    }
  }
  const top = (body as { message?: unknown }).message;
  if (messages.length === 0 && typeof top === 'string' && top.trim()) messages.push(top.trim());
  if (messages.length === 0) return null;
  const joined = messages.join('; ').replace(/\s+/g, ' ');
  const clean = joined.endsWith('.') ? joined.slice(0, -1) : joined;
  return clean.length > 300 ? `${clean.slice(0, 297)}...` : clean;
}

export function where(url: string): { host: string; path: string } {
  try {
    const u = new URL(url);
    return { host: u.host, path: u.pathname };
  } catch {
    // Messages only: an unparsable URL is shown as given.
    return { host: 'The server', path: url };
  }
}
