import type { DemoFault, DemoState } from '../../shared/model/demo';
import type { PrimaryCredentials } from './auth';
import { Catalog, type DemoRepo } from './catalog';
import { LiveFeed } from './live-feed';
import { createRng, deriveSeed } from './prng';
import { TokenBuckets } from './rate-limiter';
import type { SimClock } from './sim-clock';
import type { DemoNodeInfo } from './types';
import { PRIMARY_NAMES, PRIMARY_VERSIONS } from './vocabulary';

type PrimaryState = DemoState['primaries'][number];

const READ_USERNAME = 'svc-fleetscope-read';
const ADMIN_USERNAME = 'svc-fleetscope-admin';
const DEFAULT_SLOW_MS = 3_000;
/** Hazelcast's default port; nodes sharing one host take the following ones. */
const HAZELCAST_PORT = 5701;
const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export interface PrimaryModelOptions {
  index: number;
  seed: number;
  nodeCount: number;
  repoCount: number;
  clock: SimClock;
}

/** Name of the rate-limit bucket set of the load balancer, which counts as a node of its own. */
export const LB_BUCKETS = '\u0000load-balancer';

/** Everything one simulated primary cluster knows; every node and the load balancer read this one model. */
export class PrimaryModel {
  readonly id: string;
  readonly name: string;
  readonly version: string;
  readonly buildNumber: string;
  readonly buildDate: string;
  readonly nodes: readonly DemoNodeInfo[];
  readonly credentials: PrimaryCredentials;
  readonly catalog: Catalog;
  /** The configured base URL of the instance (its load balancer), known once it listens. */
  baseUrl = '';
  /** Pushes a repository had since the demo started (one commit each in its git history); the mirrors' push feed sets it. */
  pushesOf: (repoId: number) => number = () => 0;
  /** Told of each git upload-pack request served (a clone or ref listing); the SCM cache model counts it. */
  onGitRequest: (repo: DemoRepo, kind: 'refs' | 'upload-pack', gitProtocol: 1 | 2) => void = () => undefined;
  /** Work a request to `path` waits for before it is answered (null: none); the SCM cache model catches up here. */
  beforeAnswer: (path: string) => Promise<void> | null = () => null;
  private readonly live: LiveFeed;
  private readonly clock: SimClock;
  private readonly nodesDown = new Set<string>();
  private slowMs = 0;
  private serverError = false;
  private htmlLogin = false;
  private roundRobin = 0;
  private requestCount = 0;
  private readonly buckets = new Map<string, TokenBuckets>();

  constructor(options: PrimaryModelOptions) {
    const { index, seed } = options;
    const named = PRIMARY_NAMES[index];
    this.id = named?.id ?? `primary-${index + 1}`;
    this.name = named?.name ?? `Primary ${index + 1}`;
    const release = PRIMARY_VERSIONS[index % PRIMARY_VERSIONS.length] as (typeof PRIMARY_VERSIONS)[number];
    this.version = release.version;
    this.buildNumber = buildNumberOf(release.version);
    this.buildDate = release.buildDate;

    const identity = createRng(deriveSeed(seed, 'identity', index));
    this.nodes = Array.from({ length: options.nodeCount }, (_, n) => ({
      name: `${this.id}-node-${n + 1}`,
      id: identity.uuid(),
      clusterPort: HAZELCAST_PORT + n,
    }));
    this.credentials = {
      readUsername: READ_USERNAME,
      // Shaped like a Bitbucket Data Center HTTP access token (BBDC- prefix).
      readToken: `BBDC-${identity.text(TOKEN_ALPHABET, 44)}`,
      adminUsername: ADMIN_USERNAME,
      adminPassword: `demo-${identity.text(TOKEN_ALPHABET, 20)}`,
    };
    this.catalog = new Catalog(createRng(deriveSeed(seed, 'catalog', index)), options.repoCount, [
      { name: ADMIN_USERNAME, displayName: 'Fleetscope admin (service)' },
      { name: READ_USERNAME, displayName: 'Fleetscope read-only (service)' },
    ]);
    this.clock = options.clock;
    this.live = new LiveFeed(this.catalog, createRng(deriveSeed(seed, 'live', index)), this.clock.now());
  }

  /** Brings the live inventory up to the current simulated time; cheap when nothing is due. */
  syncToNow(): void {
    this.live.advance(this.clock.now());
  }

  liveNodes(): DemoNodeInfo[] {
    return this.nodes.filter((n) => !this.nodesDown.has(n.name));
  }

  /** The load balancer's choice: round robin over the nodes that are up. */
  pickLiveNode(): DemoNodeInfo | undefined {
    const live = this.liveNodes();
    if (live.length === 0) return undefined;
    this.roundRobin = (this.roundRobin + 1) % live.length;
    return live[this.roundRobin];
  }

  bucketsFor(server: string): TokenBuckets {
    let buckets = this.buckets.get(server);
    if (buckets === undefined) {
      buckets = new TokenBuckets();
      this.buckets.set(server, buckets);
    }
    return buckets;
  }

  /** Shaped like Bitbucket's X-AREQUESTID: unique per request, with the minute of the day. */
  nextRequestId(): string {
    this.requestCount += 1;
    const d = new Date();
    return `@${this.id.toUpperCase()}x${d.getHours() * 60 + d.getMinutes()}x${this.requestCount}`;
  }

  get delayMs(): number {
    return this.slowMs;
  }

  get failing(): boolean {
    return this.serverError;
  }

  get behindLoginPage(): boolean {
    return this.htmlLogin;
  }

  /** Applies a fault to the model; returns whether anything changed. Node names must be checked by the caller. */
  applyFault(fault: DemoFault, enabled: boolean): boolean {
    const before = JSON.stringify(this.state());
    switch (fault.kind) {
      case 'node-down':
        if (enabled) this.nodesDown.add(fault.node);
        else this.nodesDown.delete(fault.node);
        break;
      case 'slow':
        this.slowMs = enabled ? (fault.delayMs ?? DEFAULT_SLOW_MS) : 0;
        break;
      case 'server-error':
        this.serverError = enabled;
        break;
      case 'html-login':
        this.htmlLogin = enabled;
        break;
    }
    return JSON.stringify(this.state()) !== before;
  }

  state(): PrimaryState {
    return {
      id: this.id,
      name: this.name,
      nodes: this.nodes.map((n) => n.name),
      faults: {
        nodesDown: this.nodes.filter((n) => this.nodesDown.has(n.name)).map((n) => n.name),
        slowMs: this.slowMs,
        serverError: this.serverError,
        htmlLogin: this.htmlLogin,
      },
    };
  }
}

/** 8.19.5 → "8019005", the way Bitbucket numbers its builds. */
function buildNumberOf(version: string): string {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map(Number);
  return String(major * 1_000_000 + minor * 1_000 + patch);
}
