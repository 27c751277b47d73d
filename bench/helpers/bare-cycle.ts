// The floor of a poll cycle on this host: the requests the engine makes in a cycle of `poll-cycle`,
// made with undici alone — no engine, no limiter but a cap on requests in flight, no parsing — to
// the same simulated fleet, in the same order (the inventory walks' first pages first, as "poll
// everything" starts them) and under the same fleet-wide cap. What the cycle takes over this floor
// is the engine's; what the floor takes over the network bound is the host's and the fleet's (two
// cores, each request read, answered and read back in turn on both sides), which no engine change
// removes (docs/scale.md, session 38).
import { Agent, request } from 'undici';
import type { CredentialConfig, FleetConfig } from '../../electron/engine/config/fleet-config-schema';
import { INVENTORY_PAGE_SIZE } from '../../electron/engine/bitbucket/inventory-walk';
import { authorization } from '../../electron/engine/http/bitbucket-client';
import { toCredential } from '../../electron/engine/http/fleet-clients';

/** Requests in flight at most `cap`, the rest first come first served. */
function slots(cap: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let inFlight = 0;
  const waiting: (() => void)[] = [];
  return async (fn) => {
    if (inFlight >= cap) await new Promise<void>((resolve) => waiting.push(resolve));
    inFlight++;
    try {
      return await fn();
    } finally {
      inFlight--;
      waiting.shift()?.();
    }
  };
}

export interface BareCycles {
  /** Each cycle's wall time, ms. */
  times: number[];
  /** Requests a cycle. */
  requests: number;
}

/**
 * `cycles` cycles, each after `idleMs` (as the bench's own), of every primary's regular poll
 * (application properties, cluster, each node's /status) and, with `pages` > 0, its inventory walk
 * of that many pages (gzip, each page asked once the one before is in). Every answer must be a 2xx.
 */
export async function bareCycles(config: FleetConfig, o: { pages: number; maxInFlight: number; cycles: number; idleMs: number }): Promise<BareCycles> {
  const agents = new Map<string, Agent>();
  // As the engine's dispatchers: up to 6 kept-alive connections an origin.
  const agentFor = (origin: string): Agent => {
    let a = agents.get(origin);
    if (!a) agents.set(origin, (a = new Agent({ connections: 6, keepAliveTimeout: 60_000 })));
    return a;
  };
  const limit = slots(o.maxInFlight);
  let requests = 0;
  const auth = (c: CredentialConfig | undefined): { authorization?: string } => authorization(toCredential(c));
  const get = (url: string, headers: Record<string, string>): Promise<void> =>
    limit(async () => {
      requests++;
      const res = await request(url, { dispatcher: agentFor(new URL(url).origin), headers: { accept: 'application/json', ...headers } });
      await res.body.arrayBuffer();
      if (res.statusCode < 200 || res.statusCode > 299) throw new Error(`The bare cycle's ${url} answered ${res.statusCode}.`);
    });
  const cycle = async (): Promise<number> => {
    const t0 = performance.now();
    const walks =
      o.pages === 0
        ? []
        : config.primaries.map(async (p) => {
            for (let n = 0; n < o.pages; n++) {
              await get(`${p.baseUrl}/rest/api/1.0/repos?archived=ALL&start=${n * INVENTORY_PAGE_SIZE}&limit=${INVENTORY_PAGE_SIZE}`, {
                ...auth(p.read ?? p.admin),
                'accept-encoding': 'gzip',
              });
            }
          });
    const polls = config.primaries.flatMap((p) => [
      get(`${p.baseUrl}/rest/api/1.0/application-properties`, auth(p.read ?? p.admin)),
      get(`${p.baseUrl}/rest/api/1.0/admin/cluster`, auth(p.admin ?? p.read)),
      ...(p.nodes ?? []).map((node) => get(`${node.baseUrl}/status`, {})),
    ]);
    await Promise.all([...walks, ...polls]);
    return performance.now() - t0;
  };
  try {
    // The first cycle opens the connections, as the engine's first poll does.
    await cycle();
    const times: number[] = [];
    requests = 0;
    for (let i = 0; i < o.cycles; i++) {
      await new Promise((resolve) => setTimeout(resolve, o.idleMs));
      times.push(await cycle());
    }
    return { times, requests: requests / o.cycles };
  } finally {
    await Promise.all([...agents.values()].map((a) => a.close()));
  }
}
