import { createHash, X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import type { Dispatcher } from 'undici';
import { FleetError } from './fleet-error';
import { envProxyFor, readProxyEnv, type ProxyEnv } from './proxy-env';
import { Pool, ProxyAgent } from './undici-parts';

export interface DispatcherPoolOptions {
  /** Idle time before a kept-alive connection closes; pass more than the poll interval. */
  keepAliveMs: number;
  /** Most connections open at once to one origin. */
  connectionsPerOrigin: number;
  /** Where HTTPS_PROXY / HTTP_PROXY / NO_PROXY are read from; default process.env. */
  env?: NodeJS.ProcessEnv;
}

/** How to reach an origin: through the environment's proxy (default), a given proxy URL, or directly. */
export type ProxyChoice = 'env' | 'direct' | { url: string };

/** Connection counters for one origin (+ CA), to check keep-alive reuse (quality anchor A7). */
export interface DispatcherStats {
  origin: string;
  customCa: boolean;
  /** Connections opened since the pool was created; ≈ 1 per `connectionsPerOrigin` when reuse works. */
  connects: number;
  disconnects: number;
  /** Connection attempts that failed (refused, TLS, ...). */
  connectionErrors: number;
  /** Connections open right now. */
  connected: number;
}

interface Entry {
  origin: string;
  customCa: boolean;
  pool: Pool | ProxyAgent;
  connects: number;
  disconnects: number;
  connectionErrors: number;
}

/** The proxy each dispatcher goes through, so an error can say it was the proxy that failed. */
const proxyOfDispatcher = new WeakMap<Dispatcher, string>();

/** The proxy URL a dispatcher of this pool tunnels through, or null when it connects directly. */
export const proxyOf = (dispatcher: Dispatcher | undefined): string | null => (dispatcher ? (proxyOfDispatcher.get(dispatcher) ?? null) : null);

/**
 * One undici `Pool` per origin and CA bundle, shared by every client that talks to that origin.
 *
 * undici's default idle timeout (4 s) is shorter than any poll interval, which would re-open TCP
 * and TLS on every poll; here it is the caller's `keepAliveMs`. A custom CA is added to Node's
 * roots — an explicit `ca` replaces the defaults otherwise — and verification is never disabled.
 */
export class DispatcherPool {
  private readonly entries = new Map<string, Entry>();
  private closed = false;
  private readonly proxyEnv: ProxyEnv;

  constructor(private readonly opts: DispatcherPoolOptions) {
    this.proxyEnv = readProxyEnv(opts.env ?? process.env);
    if (!Number.isFinite(opts.keepAliveMs) || opts.keepAliveMs <= 0)
      throw new RangeError(`DispatcherPool: keepAliveMs must be positive, got ${opts.keepAliveMs}`);
    if (!Number.isInteger(opts.connectionsPerOrigin) || opts.connectionsPerOrigin < 1) {
      throw new RangeError(`DispatcherPool: connectionsPerOrigin must be a positive integer, got ${opts.connectionsPerOrigin}`);
    }
  }

  /**
   * The dispatcher for `origin` (scheme://host[:port]); `caPem` only matters for https. With a
   * proxy (the environment's, unless NO_PROXY excludes the host, or one given per connection) it
   * is a ProxyAgent that tunnels to the origin, checking the origin's certificate as usual.
   */
  get(origin: string, caPem?: string, proxy: ProxyChoice = 'env'): Dispatcher {
    if (this.closed) throw new Error('DispatcherPool is closed; no new requests can be made.');
    const url = new URL(origin);
    const normalised = url.origin;
    const ca = url.protocol === 'https:' && caPem !== undefined && caPem.trim() !== '' ? caPem : undefined;
    const proxyUrl = proxy === 'direct' ? undefined : proxy === 'env' ? envProxyFor(url, this.proxyEnv) : proxy.url;
    const key = [normalised, ca === undefined ? '' : createHash('sha256').update(ca).digest('hex'), proxyUrl ?? ''].join('\n');
    const existing = this.entries.get(key);
    if (existing) return existing.pool;

    if (ca !== undefined) assertPem(ca);
    const tls = ca === undefined ? undefined : { ca: [...rootCertificates, ca] };
    const common = connectionOptions(this.opts);
    const pool =
      proxyUrl === undefined
        ? new Pool(normalised, { ...common, ...(tls ? { connect: tls } : {}) })
        : new ProxyAgent({ ...common, uri: checkProxyUrl(proxyUrl), ...(tls ? { requestTls: tls } : {}) });
    if (proxyUrl !== undefined) proxyOfDispatcher.set(pool, proxyUrl);
    const entry: Entry = { origin: normalised, customCa: ca !== undefined, pool, connects: 0, disconnects: 0, connectionErrors: 0 };
    pool.on('connect', () => entry.connects++);
    pool.on('disconnect', () => entry.disconnects++);
    pool.on('connectionError', () => entry.connectionErrors++);
    this.entries.set(key, entry);
    return pool;
  }

  stats(): DispatcherStats[] {
    return [...this.entries.values()].map((e) => ({
      origin: e.origin,
      customCa: e.customCa,
      connects: e.connects,
      disconnects: e.disconnects,
      connectionErrors: e.connectionErrors,
      connected: e.pool instanceof Pool ? e.pool.stats.connected : Number.NaN,
    }));
  }

  /** Close every pool, letting requests in flight finish. */
  async close(): Promise<void> {
    this.closed = true;
    const pools = [...this.entries.values()].map((e) => e.pool);
    this.entries.clear();
    await Promise.all(pools.map((p) => p.close()));
  }
}

/**
 * What every pool and proxy agent is built with: undici's default idle timeout (4 s) would close
 * the connection between two polls, so ours is the caller's `keepAliveMs`.
 */
export function connectionOptions(opts: DispatcherPoolOptions): { connections: number; keepAliveTimeout: number; keepAliveMaxTimeout: number } {
  return {
    connections: opts.connectionsPerOrigin,
    keepAliveTimeout: opts.keepAliveMs,
    // The server's Keep-Alive hint may lengthen or shorten the idle time; never cap it below ours.
    keepAliveMaxTimeout: Math.max(opts.keepAliveMs, 600_000),
  };
}

function checkProxyUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FleetError({ code: 'network', message: `The proxy "${raw}" is not a URL: write it as http://proxy.example.com:3128.` });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FleetError({ code: 'network', message: `The proxy ${url.origin} must be an http:// or https:// URL.` });
  }
  return raw;
}

/**
 * Node ignores a `ca` entry it cannot parse, so a wrong `tls.caFile` would surface later as a
 * baffling "unknown CA". Check it here, where the cause is still known.
 */
function assertPem(pem: string): void {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  const problem = blocks.length === 0 ? 'it contains no PEM certificate (-----BEGIN CERTIFICATE-----)' : firstUnparsable(blocks);
  if (problem) {
    throw new FleetError({
      code: 'tls',
      message: `The custom CA (tls.caFile) is not usable: ${problem} — point tls.caFile at the CA certificate in PEM format.`,
    });
  }
}

function firstUnparsable(blocks: string[]): string | null {
  for (const [i, block] of blocks.entries()) {
    try {
      new X509Certificate(block);
    } catch (err) {
      return `certificate ${i + 1} does not parse (${err instanceof Error ? err.message : 'unknown reason'})`;
    }
  }
  return null;
}
