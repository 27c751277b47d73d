import { readFileSync } from 'node:fs';
import type { CredentialConfig, FleetConfig, PrimaryConfig } from '../config/fleet-config-schema';
import type { HostLimiter } from '../scheduler/host-limiter';
import { createBitbucketClient } from './bitbucket-client';
import type { BitbucketClient, Credential } from './bitbucket-client-contract';
import type { DispatcherPool } from './dispatchers';

export const toCredential = (c: CredentialConfig | undefined): Credential | undefined =>
  c === undefined ? undefined : 'token' in c ? { kind: 'bearer', token: c.token } : { kind: 'basic', username: c.username, password: c.password };

/**
 * Every Bitbucket client of the fleet, built once: each primary's (its base URL, credentials, CA,
 * proxy), an anonymous one per configured node for `/status`, and one per other base URL that
 * presents a primary's credentials (mirrors authenticate against their upstream).
 */
export class FleetClients {
  private readonly primaries = new Map<string, { client: BitbucketClient; nodes: Map<string, BitbucketClient> }>();
  private readonly others = new Map<string, BitbucketClient>();

  constructor(
    private readonly config: FleetConfig,
    private readonly dispatchers: DispatcherPool,
    private readonly limiter: HostLimiter,
  ) {
    for (const pc of config.primaries) {
      const common = commonOptions(pc, dispatchers, limiter);
      const read = toCredential(pc.read);
      const admin = toCredential(pc.admin);
      this.primaries.set(pc.id, {
        client: createBitbucketClient({ baseUrl: pc.baseUrl, ...common, ...(read ? { read } : {}), ...(admin ? { admin } : {}) }),
        nodes: new Map(pc.nodes.map((n) => [n.name, createBitbucketClient({ baseUrl: n.baseUrl, ...common })])),
      });
    }
  }

  primary(primaryId: string): BitbucketClient {
    return this.entry(primaryId).client;
  }

  nodes(primaryId: string): ReadonlyMap<string, BitbucketClient> {
    return this.entry(primaryId).nodes;
  }

  for(primaryId: string, baseUrl: string): BitbucketClient {
    const key = `${primaryId} ${baseUrl}`;
    let c = this.others.get(key);
    if (!c) {
      const pc = this.primaryConfig(primaryId);
      const read = toCredential(pc.read);
      const admin = toCredential(pc.admin);
      c = createBitbucketClient({ baseUrl, ...commonOptions(pc, this.dispatchers, this.limiter), ...(read ? { read } : {}), ...(admin ? { admin } : {}) });
      this.others.set(key, c);
    }
    return c;
  }

  private entry(primaryId: string) {
    const e = this.primaries.get(primaryId);
    if (!e) throw new Error(`No primary with id "${primaryId}" in this fleet`);
    return e;
  }

  private primaryConfig(primaryId: string): PrimaryConfig {
    const pc = this.config.primaries.find((p) => p.id === primaryId);
    if (!pc) throw new Error(`No primary with id "${primaryId}" in this fleet`);
    return pc;
  }
}

function commonOptions(pc: PrimaryConfig, dispatchers: DispatcherPool, limiter: HostLimiter) {
  const caPem = pc.tls?.caFile ? readFileSync(pc.tls.caFile, 'utf8') : undefined;
  return {
    timeoutMs: (pc.timeoutSeconds ?? 10) * 1000,
    dispatchers,
    limiter,
    ...(caPem ? { caPem } : {}),
    ...(pc.proxy ? { proxy: pc.proxy === 'direct' ? ('direct' as const) : { url: pc.proxy } } : {}),
  };
}
