import type { HostLimiter } from '../scheduler/host-limiter';
import { createBitbucketClient, type RequestInfo } from './bitbucket-client';
import type { DispatcherPool } from './dispatchers';

export interface NodeStatusClientOptions {
  /** The node's own base URL (not the load balancer's), context path included. */
  baseUrl: string;
  caPem?: string;
  timeoutMs: number;
  dispatchers: DispatcherPool;
  limiter: HostLimiter;
  onRequest?: (info: RequestInfo) => void;
}

export interface NodeStatusProbe {
  httpStatus: number;
  /** Parsed JSON, or null when the answer had no JSON body (e.g. a proxy's 503 page). */
  body: unknown;
  durationMs: number;
}

export interface NodeStatusClient {
  readonly origin: string;
  /** `GET {baseUrl}/status`, anonymous. 5xx answers come back as results; feed them to normaliseNodeStatus. */
  probe(signal?: AbortSignal): Promise<NodeStatusProbe>;
}

/**
 * Anonymous `/status` probe of one cluster node (reference §2.1). A node that is STARTING answers
 * 503, and one behind a failing proxy 502/504: those are states to show, not exceptions, so they
 * come back as results. Network failures, HTML pages and other statuses still throw FleetError.
 */
export function createNodeStatusClient(opts: NodeStatusClientOptions): NodeStatusClient {
  const client = createBitbucketClient({
    baseUrl: opts.baseUrl,
    timeoutMs: opts.timeoutMs,
    dispatchers: opts.dispatchers,
    limiter: opts.limiter,
    ...(opts.caPem !== undefined ? { caPem: opts.caPem } : {}),
    ...(opts.onRequest ? { onRequest: opts.onRequest } : {}),
  });
  return {
    origin: client.origin,
    async probe(signal) {
      const res = await client.getJson('/status', { auth: 'none', allowStatus: [500, 502, 503, 504], ...(signal ? { signal } : {}) });
      return { httpStatus: res.status, body: res.body, durationMs: res.durationMs };
    },
  };
}
