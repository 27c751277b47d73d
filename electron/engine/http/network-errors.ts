import { formatDuration, formatSeconds } from '../../../shared/logic/units';

/** A configured timeout as the user wrote it: whole seconds as `10 s`, anything finer in ms or tenths. */
export const formatTimeout = (ms: number): string => (ms >= 1000 && ms % 1000 === 0 ? formatSeconds(ms / 1000) : formatDuration(ms));
import type { ErrorCode } from '../../../shared/model/status';

/** A classification: the code for the program, the message for a person. */
export interface ErrorInfo {
  code: ErrorCode;
  message: string;
}

export interface ExceptionContext {
  /** The request URL, for naming the host in messages; null when unknown. */
  url: string | null;
  /** The per-request timeout, for saying how long we waited. */
  timeoutMs: number | null;
  /** The proxy the request went through, if any: a failure to reach it is the proxy's, not the origin's. */
  proxy?: string | null;
}

/** Failures of the TCP connection itself; through a proxy, that connection is the one to the proxy. */
const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_NONAME',
  'EAI_NODATA',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTDOWN',
]);

/** The proxy's side of a connection failure, or null when the failure was not in reaching the proxy. */
function proxyInfo(code: string, err: unknown, ctx: ExceptionContext): ErrorInfo | null {
  if (!ctx.proxy || !CONNECT_CODES.has(code)) return null;
  const proxy = hostPort(ctx.proxy);
  if (proxy === null) return null;
  // Through a proxy the only TCP connection is the proxy's; should Node name the origin's address, it was not.
  if (errorAddress(err) === hostPort(ctx.url)) return null;
  const origin = hostPort(ctx.url) ?? 'the server';
  const fix = 'check the proxy setting of this primary (or HTTPS_PROXY / HTTP_PROXY where Fleetscope runs), or set proxy: direct';
  switch (code) {
    case 'ECONNREFUSED':
      return { code: 'refused', message: `The proxy at ${proxy} refused the connection (on the way to ${origin}) — is the proxy running? ${capitalise(fix)}.` };
    case 'ENOTFOUND':
    case 'EAI_NONAME':
    case 'EAI_NODATA':
    case 'EAI_AGAIN':
      return { code: 'dns', message: `The proxy's host name ${hostName(ctx.proxy) ?? ''} does not resolve (DNS) — ${fix}.` };
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return {
        code: 'timeout',
        message: `Could not connect to the proxy at ${proxy}${ctx.timeoutMs !== null ? ` within ${formatTimeout(ctx.timeoutMs)}` : ''} (on the way to ${origin}) — ${fix}.`,
      };
    default:
      return { code: 'network', message: `The proxy at ${proxy} is unreachable from this machine (${code}) — ${fix}.` };
  }
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** `address:port` of a Node system error (or its cause), when it names one. */
function errorAddress(err: unknown, depth = 0): string | null {
  if (typeof err !== 'object' || err === null || depth > 4) return null;
  const { address, port, cause } = err as { address?: unknown; port?: unknown; cause?: unknown };
  if (typeof address === 'string') return typeof port === 'number' ? `${address}:${port}` : address;
  return errorAddress(cause, depth + 1);
}

/**
 * Classify an exception from a connection attempt or an exchange (Node system errors, undici
 * errors, TLS verification failures, abort reasons). Returns null for anything that is not a
 * network or protocol failure, so the caller can treat it as a bug.
 */
export function exceptionInfo(err: unknown, ctx: ExceptionContext): ErrorInfo | null {
  const code = errorCode(err);
  const host = hostPort(ctx.url);
  const name = host ?? 'the server';
  const waited = ctx.timeoutMs !== null ? ` within ${formatTimeout(ctx.timeoutMs)}` : '';
  if (code) {
    const viaProxy = proxyInfo(code, err, ctx);
    if (viaProxy) return viaProxy;
    const tls = tlsInfo(code, name, hostName(ctx.url));
    if (tls) return tls;
    switch (code) {
      case 'ECONNREFUSED':
        return { code: 'refused', message: `Connection refused by ${name} — is Bitbucket running and is the URL right?` };
      case 'ENOTFOUND':
      case 'EAI_NONAME':
      case 'EAI_NODATA':
        return {
          code: 'dns',
          message: `The host name ${hostName(ctx.url) ?? 'of the base URL'} does not resolve (DNS) — check the base URL, and this machine's DNS or VPN.`,
        };
      case 'EAI_AGAIN':
        return { code: 'dns', message: `DNS lookup of ${hostName(ctx.url) ?? 'the host'} failed for now — check this machine's network, DNS or VPN.` };
      case 'UND_ERR_CONNECT_TIMEOUT':
      case 'ETIMEDOUT':
        return { code: 'timeout', message: `Could not connect to ${name}${waited} — the host is down, or a firewall drops the traffic.` };
      case 'UND_ERR_HEADERS_TIMEOUT':
      case 'UND_ERR_BODY_TIMEOUT':
        return { code: 'timeout', message: `No answer from ${name}${waited} — the server or the network is overloaded.` };
      case 'EHOSTUNREACH':
      case 'ENETUNREACH':
      case 'ENETDOWN':
      case 'EHOSTDOWN':
        return { code: 'network', message: `${name} is unreachable from this machine (${code}) — check the network or VPN.` };
      case 'ECONNRESET':
      case 'EPIPE':
      case 'ECONNABORTED':
      case 'UND_ERR_SOCKET':
      case 'UND_ERR_CLOSED':
        return {
          code: 'network',
          message: `The connection to ${name} was closed mid-request (${code}) — if this repeats, a proxy or load balancer between here and Bitbucket may be cutting connections.`,
        };
      case 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH':
        return {
          code: 'malformed',
          message: `The answer from ${name} was cut short (shorter than its Content-Length) — a proxy or the network dropped the rest.`,
        };
      case 'UND_ERR_HEADERS_OVERFLOW':
        return { code: 'malformed', message: `${name} sent oversized HTTP headers — a proxy in front of Bitbucket may be misbehaving.` };
      default:
        if (code.startsWith('HPE_')) {
          return { code: 'malformed', message: `${name} did not answer in valid HTTP (${code}) — is this port Bitbucket's HTTP(S) port?` };
        }
        if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_')) {
          return { code: 'tls', message: `The TLS connection to ${name} failed (${code}) — check that the URL's scheme and port match the server.` };
        }
        if (/^E[A-Z]+$/.test(code)) {
          return { code: 'network', message: `Network error talking to ${name} (${code}) — check the network and the base URL.` };
        }
    }
  }
  const abortName = errorName(err);
  if (abortName === 'TimeoutError') {
    return { code: 'timeout', message: `No answer from ${name}${waited} — the server or the network is overloaded.` };
  }
  if (abortName === 'AbortError') {
    return { code: 'network', message: `The request to ${name} was cancelled before it finished (polling stopped or the target was removed).` };
  }
  return null;
}

/** Node's TLS verification codes, each with its own fix. */
function tlsInfo(code: string, name: string, hostname: string | null): ErrorInfo | null {
  const fixCa = 'set `tls.caFile` for this primary to the PEM file of the CA that signed it';
  switch (code) {
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return {
        code: 'tls',
        message: `${name} presented a self-signed certificate — to trust it, set \`tls.caFile\` for this primary to that certificate (PEM).`,
      };
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return { code: 'tls', message: `${name}'s certificate is signed by a CA this machine does not trust (a corporate or private CA?) — ${fixCa}.` };
    case 'CERT_HAS_EXPIRED':
      return { code: 'tls', message: `${name}'s certificate has expired — renew it on the server; Fleetscope does not skip certificate checks.` };
    case 'CERT_NOT_YET_VALID':
      return { code: 'tls', message: `${name}'s certificate is not valid yet — check the clocks of this machine and the server.` };
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return {
        code: 'tls',
        message: `${name}'s certificate does not cover the host name ${hostname ?? 'in the base URL'} — use a host name the certificate was issued for in the base URL.`,
      };
    case 'CERT_REVOKED':
      return { code: 'tls', message: `${name}'s certificate has been revoked — the server needs a new certificate.` };
    case 'EPROTO':
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
      return { code: 'tls', message: `The TLS handshake with ${name} failed — is this port really HTTPS? Try http:// or the right port.` };
    default:
      if (code.startsWith('CERT_') || code.includes('_CERT_')) {
        return {
          code: 'tls',
          message: `${name}'s certificate was rejected (${code}) — check the certificate on the server, or \`tls.caFile\` for this primary.`,
        };
      }
      return null;
  }
}

/** The most specific error code: the error's own, else its cause's, else the first of an AggregateError. */
function errorCode(err: unknown, depth = 0): string | undefined {
  if (typeof err !== 'object' || err === null || depth > 4) return undefined;
  const own = (err as { code?: unknown }).code;
  if (typeof own === 'string' && own.length > 0) return own;
  const errors = (err as { errors?: unknown }).errors;
  if (Array.isArray(errors)) {
    for (const e of errors) {
      const c = errorCode(e, depth + 1);
      if (c) return c;
    }
  }
  return errorCode((err as { cause?: unknown }).cause, depth + 1);
}

function errorName(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const name = (err as { name?: unknown }).name;
  return typeof name === 'string' ? name : undefined;
}

/** `host:port` with the port always shown (a refused connection is about a port). */
export function hostPort(url: string | null): string | null {
  const u = parseUrl(url);
  if (!u) return null;
  const p = u.port || (u.protocol === 'https:' ? '443' : u.protocol === 'http:' ? '80' : '');
  return p ? `${u.hostname}:${p}` : u.hostname;
}

export function hostName(url: string | null): string | null {
  return parseUrl(url)?.hostname ?? null;
}

function parseUrl(url: string | null): URL | null {
  if (url === null) return null;
  try {
    return new URL(url);
  } catch {
    // Only used for messages: a URL we cannot parse is simply not named.
    return null;
  }
}
