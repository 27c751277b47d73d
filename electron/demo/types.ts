import type { PastHistory } from '../../shared/model';
import type { DemoFault, DemoState } from '../../shared/model/demo';
import type { SimClock } from './sim-clock';

/** A fault switched on or off, through the control API or the app: what the host records as a demo event. */
export interface DemoFaultChange {
  targetId: string;
  fault: DemoFault;
  enabled: boolean;
}

export interface DemoFleetOptions {
  /** Address every listener binds to; default 127.0.0.1. */
  host?: string;
  /** 0 (default): ephemeral ports. Otherwise consecutive ports from portBase (see `fleet.ts`). */
  portBase?: number;
  /** Simulated time runs `speed` times faster than real time; default 1. */
  speed?: number;
  /** Same seed, same names, ids, counts and credentials; default 42. */
  seed?: number;
  /** Number of primary clusters; default 2 (a 7.x primary with ref-advertisement caching, and an 8.x one). */
  primaries?: number;
  /** Nodes per primary cluster; default 3, at least 3. */
  nodesPerPrimary?: number;
  /** Repositories per primary when the fleet starts; default 300, spread over 12 projects. */
  reposPerPrimary?: number;
  /**
   * 9.x mirror farms of 3 nodes per primary, mirroring every project; default 1. The scale
   * benchmark uses 2 (issue #13: 10 primaries, 20 farms).
   */
  mirrorFarmsPerPrimary?: number;
  /**
   * A folder where each primary writes `atlassian-bitbucket-access.log` from its traffic model;
   * '' (default): no log (tests start many fleets).
   */
  accessLogDir?: string;
  /** Extra latency before every Bitbucket response, for benchmarks; default 0. */
  latencyMs?: number;
  /** How a response is held back (latency, the slow fault); default a real timer. Tests inject one that records instead of waiting. */
  delay?: ResponseDelay;
  /**
   * Where the git repositories the fleet serves are generated on first use and kept (seeded, so
   * runs share them); default `$XDG_CACHE_HOME/fleetscope/demo-git` (`~/.cache/…`).
   */
  gitCacheDir?: string;
  /** Simulated time; default a clock `speed` times faster than real time. Tests inject one they move themselves. */
  clock?: SimClock | null;
}

/** Holds a response back `ms`, then runs `answer`; returns what cancels it (the client went away). */
export type ResponseDelay = (ms: number, answer: () => void) => () => void;

export interface DemoPrimaryEndpoint {
  id: string;
  name: string;
  /** The load balancer: the instance's configured base URL. */
  baseUrl: string;
  /** Each node's own HTTP base URL, for per-node `/status`. */
  nodes: { name: string; baseUrl: string }[];
  read: { token: string };
  admin: { username: string; password: string };
}

export interface DemoFleet {
  readonly primaries: DemoPrimaryEndpoint[];
  /** Base URL of the control API (`GET /state`, `POST /faults`). */
  readonly controlUrl: string;
  state(): DemoState;
  /** Switches a fault on or off; throws an Error that names the valid choices for an unknown primary or node. */
  setFault(targetId: string, fault: DemoFault, enabled: boolean): DemoState;
  /** The same, resolving once the fault took effect (a node listening again, an extension's change applied). */
  applyFault(targetId: string, fault: DemoFault, enabled: boolean): Promise<DemoState>;
  /** Simulated time runs `speed` times faster from now on, carrying on from where it is (no jump); answers the new state. */
  setSpeed(speed: number): DemoState;
  /** Called after every change of the state, with the fault switched when a switch made it; returns the unsubscribe function. */
  onChange(listener: (s: DemoState, change?: DemoFaultChange) => void): () => void;
  /**
   * The fleet's past from `from` (at most a week before `to`) up to `to`: its polls as its own
   * traffic model and CI rhythm had them, and the incidents it went through (issue 17).
   */
  pastHistory(from: number, to: number): PastHistory;
  /** Files the simulated fleet writes (the primaries' access logs when `accessLogDir` is set). */
  files(): Array<{ label: string; path: string }>;
  /** Entries the demo's parts add to its fleet config (e.g. `storage`). */
  extraConfig(): Record<string, unknown>;
  /** Closes every listener and connection; idempotent. */
  stop(): Promise<void>;
}

/** One node of a simulated primary. */
export interface DemoNodeInfo {
  readonly name: string;
  readonly id: string;
  readonly clusterPort: number;
}
