import type { IncomingMessage } from 'node:http';
import { hostname, networkInterfaces } from 'node:os';
import type { Caller } from '../engine/handlers';

/** A browser-mode token shorter than this is refused at start: it could be guessed. */
export const MIN_TOKEN_LENGTH = 16;

export function tokenProblem(token: string): string | null {
  if (token.length < MIN_TOKEN_LENGTH) {
    return (
      `FLEETSCOPE_TOKEN is ${token.length} characters long; browser mode needs at least ${MIN_TOKEN_LENGTH}, since anyone who guesses it can use Fleetscope. ` +
      'Unset it for a random token per start, or set a long random one: FLEETSCOPE_TOKEN=$(openssl rand -hex 24).'
    );
  }
  return null;
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];
const WILDCARDS = new Set(['0.0.0.0', '::', '']);

/**
 * Host names this server answers to: loopback, the address it is bound to, and (bound to every
 * interface) this machine's name and addresses. Anything else in `Host` is a DNS-rebinding
 * attempt: a page on another site that made its name resolve to this machine.
 */
export function allowedHostNames(bindHost: string, extra: readonly string[] = []): Set<string> {
  const names = new Set([...LOOPBACK_NAMES, ...extra.map((h) => h.toLowerCase())]);
  if (!WILDCARDS.has(bindHost)) names.add(bindHost.toLowerCase());
  else {
    names.add(hostname().toLowerCase());
    for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) names.add(a.address.toLowerCase());
  }
  return names;
}

/** `host:port`, `[v6]:port` or a bare host → the host, lower-case, without brackets. */
function hostPart(value: string): string {
  const v = value.trim().toLowerCase();
  if (v.startsWith('[')) return v.slice(1, v.indexOf(']'));
  const colon = v.lastIndexOf(':');
  return colon > 0 && v.indexOf(':') === colon ? v.slice(0, colon) : v;
}

/** Why a request's Host or Origin is refused, or null. `scheme` is the server's own: a page it served has that origin. */
export function originProblem(req: IncomingMessage, allowed: Set<string>, port: number, scheme: 'http' | 'https' = 'http'): string | null {
  const host = req.headers.host;
  if (!host || !allowed.has(hostPart(host)))
    return `Host "${(host ?? '').slice(0, 100)}" is not this Fleetscope; open the URL that \`fleetscope serve\` printed.`;
  const origin = req.headers.origin;
  if (origin !== undefined) {
    const u = URL.canParse(origin) ? new URL(origin) : null;
    const ok = u !== null && u.protocol === `${scheme}:` && allowed.has(hostPart(u.host)) && Number(u.port || (scheme === 'https' ? 443 : 80)) === port;
    if (!ok) return `Requests from ${origin.slice(0, 100)} are refused: only Fleetscope's own page may call it.`;
  }
  if (req.headers['sec-fetch-site'] === 'cross-site') return "Cross-site requests are refused: only Fleetscope's own page may call it.";
  return null;
}

export interface AuthLimiterOptions {
  /** Failed attempts allowed in a burst, per client address. */
  burst?: number;
  /** One more attempt every this many ms. */
  refillMs?: number;
  now?: () => number;
  log?: (line: string) => void;
}

/**
 * Finds who the `Authorization` header belongs to (`identify` compares in constant time, see
 * `tokenResolver`), and limits failures per client address (a token bucket): once spent, every
 * request from that address is answered 429 without looking at its token, so guessing costs
 * `refillMs` per try. Failures are logged without the token, at most once a minute per address
 * with a count.
 */
export function createAuthGate(identify: (authorization: string | undefined) => Caller | null, opts: AuthLimiterOptions = {}) {
  const burst = opts.burst ?? 20;
  const refillMs = opts.refillMs ?? 3000;
  const now = opts.now ?? Date.now;
  const buckets = new Map<string, { tokens: number; at: number; failures: number; loggedAt: number }>();

  const bucketOf = (addr: string) => {
    const t = now();
    let b = buckets.get(addr);
    if (!b) {
      b = { tokens: burst, at: t, failures: 0, loggedAt: -Infinity };
      buckets.set(addr, b);
    }
    const refill = Math.floor((t - b.at) / refillMs);
    if (refill > 0) {
      b.tokens = Math.min(burst, b.tokens + refill);
      b.at += refill * refillMs;
    }
    if (b.tokens === burst && buckets.size > 10_000) buckets.delete(addr); // forget idle addresses; a full bucket holds no state
    return b;
  };

  return {
    /** `ok` with who called, `denied` (wrong or missing token) or `limited` (too many failures: retry after the given seconds). */
    check(req: IncomingMessage): { result: 'ok'; caller: Caller } | { result: 'denied' } | { result: 'limited'; retryAfterSeconds: number } {
      const addr = req.socket.remoteAddress ?? 'unknown';
      const b = bucketOf(addr);
      if (b.tokens <= 0) return { result: 'limited', retryAfterSeconds: Math.ceil((b.at + refillMs - now()) / 1000) };
      const caller = identify(req.headers.authorization);
      if (caller) return { result: 'ok', caller };
      b.tokens -= 1;
      b.failures += 1;
      if (now() - b.loggedAt >= 60_000) {
        opts.log?.(
          `Refused ${b.failures} request(s) from ${addr} with a missing or wrong token${b.tokens <= 0 ? '; further attempts from it are slowed down' : ''} (the token tried is not logged).`,
        );
        b.loggedAt = now();
        b.failures = 0;
      }
      buckets.set(addr, b);
      return { result: 'denied' };
    },
  };
}
