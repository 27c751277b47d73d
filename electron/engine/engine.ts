import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import type { Primary, Snapshot } from '../../shared/model';
import { STATUS_RANK } from '../../shared/model';
import { lttb } from '../../shared/logic/lttb';
import { primaryAlerts } from './alerts';
import { initialPrimary, pollPrimary } from './bitbucket/primary-poller';
import type { FleetConfig, PrimaryConfig, CredentialConfig } from './config/fleet-config-schema';
import { createBitbucketClient, type BitbucketClient, type Credential } from './http/bitbucket-client';
import { DispatcherPool } from './http/dispatchers';
import { createScheduler, type Scheduler } from './scheduler/scheduler';
import { FleetLimiter } from './scheduler/fleet-limiter';
import type { HostLimiter } from './scheduler/host-limiter';
import type { HistoryStore } from './store/history-store';
import type { AreaContext, EngineArea } from './area';
import { runAction, type ActionSpec } from './audit/run-action';
import { withOneTimeAdmin } from './http/one-time-admin';
import type { AuditLog } from './audit/audit-log';

export interface EngineOptions {
  config: FleetConfig;
  store: HistoryStore;
  /** Where admin actions are recorded; required when an area offers actions. */
  audit?: AuditLog;
  /** Who is at this Fleetscope, for the audit log, e.g. `alice (desktop)`. */
  actor?: string;
  /** The areas beyond primaries: SCM caches, mirror farms, storage. */
  areas?: EngineArea[];
  /** True when the host also runs the simulated fleet; only tells the UI to offer demo controls. */
  demo?: boolean;
  now?: () => number;
  /** Per-origin concurrent requests. */
  concurrencyPerHost?: number;
  /** Requests in flight across the whole fleet. */
  maxInFlight?: number;
  slowThresholdMs?: number;
  /** Where proxy settings are read from; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Coalescing window for snapshot events, so one poll yields one store update in the UI. */
  publishDelayMs?: number;
}

export interface Engine {
  snapshot(): Snapshot;
  onSnapshot(listener: (s: Snapshot) => void): () => void;
  /** Resolves when every primary has finished at least one poll. */
  firstPoll(): Promise<void>;
  pollNow(targetId?: string): void;
  history(targetId: string, metric: string, rangeSeconds: number, maxPoints: number): Array<[number, number]>;
  /** The admin credential for the next action on this target only; kept in memory, never stored. */
  useAdminCredentialOnce(targetId: string, credential: Credential): void;
  stop(): Promise<void>;
}

const toCredential = (c: CredentialConfig | undefined): Credential | undefined =>
  c === undefined ? undefined : 'token' in c ? { kind: 'bearer', token: c.token } : { kind: 'basic', username: c.username, password: c.password };

/**
 * The engine: one scheduled poll per primary, results kept in memory for the snapshot and in the
 * store for history. Behaves the same against the simulated and a real fleet.
 */
export function createEngine(opts: EngineOptions): Engine {
  const now = opts.now ?? Date.now;
  const startedAt = now();
  const interval = opts.config.pollIntervalSeconds;
  const dispatchers = new DispatcherPool({
    // Idle connections must outlive the poll interval, or every cycle pays a new handshake.
    keepAliveMs: Math.max(60_000, interval * 2_000 + 5_000),
    connectionsPerOrigin: opts.concurrencyPerHost ?? 6,
    ...(opts.env ? { env: opts.env } : {}),
  });
  const limiter = new FleetLimiter({ concurrency: opts.concurrencyPerHost ?? 6, maxInFlight: opts.maxInFlight ?? 16 });
  const scheduler: Scheduler = createScheduler();
  const events = new EventEmitter();
  const primaries = new Map<string, Primary>();
  const pendingFirst = new Set<string>();
  let firstResolve: () => void = () => undefined;
  const first = new Promise<void>((r) => (firstResolve = r));
  let publishTimer: NodeJS.Timeout | null = null;
  let stopped = false;

  const publish = (): void => {
    if (publishTimer || stopped) return;
    publishTimer = setTimeout(() => {
      publishTimer = null;
      if (!stopped) events.emit('snapshot', snapshot());
    }, opts.publishDelayMs ?? 25);
  };

  const snapshot = (): Snapshot => {
    const t = now();
    const list = [...primaries.values()].map((p) => ({
      ...p,
      stale: p.lastPollAt !== null && (p.lastSuccessAt === null || t - p.lastSuccessAt > 2 * p.pollIntervalSeconds * 1000),
    }));
    const snap: Snapshot = {
      generatedAt: t,
      primaries: list,
      mirrorFarms: [],
      storage: [],
      alerts: primaryAlerts(list),
      engine: { startedAt, pollIntervalSeconds: interval, demo: opts.demo ?? false },
    };
    for (const area of areas) area.contribute(snap);
    return snap;
  };

  const areas = opts.areas ?? [];
  const oneTimeAdmins = new Map<string, Credential>();
  const primaryClients = new Map<string, BitbucketClient>();
  const otherClients = new Map<string, BitbucketClient>();

  for (const pc of opts.config.primaries) {
    primaries.set(pc.id, initialPrimary(pc, interval));
    pendingFirst.add(pc.id);
    const { client, nodeClients } = buildClients(pc, dispatchers, limiter);
    primaryClients.set(pc.id, client);
    scheduler.add({
      id: pc.id,
      intervalMs: interval * 1000,
      run: async (signal) => {
        const prev = primaries.get(pc.id)!;
        const inventoryDue = prev.inventoryAt === null || now() - prev.inventoryAt >= opts.config.inventoryIntervalSeconds * 1000;
        const next = await pollPrimary(
          { config: pc, pollIntervalSeconds: interval, client, nodeClients, signal, now, slowThresholdMs: opts.slowThresholdMs ?? 2000, inventoryDue },
          prev,
        );
        if (signal.aborted || stopped) return;
        primaries.set(pc.id, next);
        recordHistory(opts.store, next);
        for (const area of areas) area.onPrimaryPolled?.(next);
        if (pendingFirst.delete(pc.id) && pendingFirst.size === 0) firstResolve();
        publish();
        // The scheduler backs off after failures; a target that cannot be reached counts as one.
        if (next.status === 'down') throw new Error(next.statusMessage ?? 'down');
      },
    });
  }
  if (pendingFirst.size === 0) firstResolve();

  const primaryConfig = (id: string): PrimaryConfig => {
    const pc = opts.config.primaries.find((p) => p.id === id);
    if (!pc) throw new Error(`No primary with id "${id}" in this fleet`);
    return pc;
  };
  const context: AreaContext = {
    config: opts.config,
    store: opts.store,
    scheduler,
    now,
    primaryClient: (id) => {
      const c = primaryClients.get(id);
      if (!c) throw new Error(`No primary with id "${id}" in this fleet`);
      return c;
    },
    clientFor: (id, baseUrl) => {
      const key = `${id} ${baseUrl}`;
      let c = otherClients.get(key);
      if (!c) {
        c = buildClients({ ...primaryConfig(id), baseUrl, nodes: [] }, dispatchers, limiter).client;
        otherClients.set(key, c);
      }
      return c;
    },
    primary: (id) => primaries.get(id),
    pollPrimary: (id) => scheduler.triggerNow(id),
    publish,
    runAction: (spec: ActionSpec, perform, afterwards) => {
      if (!opts.audit) throw new Error('This engine has no audit log, so it cannot run admin actions');
      const once = oneTimeAdmins.get(spec.targetId);
      oneTimeAdmins.delete(spec.targetId);
      const deps = { audit: opts.audit, actor: opts.actor ?? 'unknown', now };
      if (!once) return runAction(deps, spec, perform, afterwards);
      const credential = once.kind === 'basic' ? once.username : 'one-time token';
      return runAction(deps, { ...spec, credential }, () => withOneTimeAdmin(once, perform), afterwards);
    },
  };
  for (const area of areas) area.start(context);

  const pruneTimer = setInterval(() => opts.store.prune(now()), 3_600_000);
  pruneTimer.unref();

  return {
    snapshot,
    onSnapshot: (listener) => {
      events.on('snapshot', listener);
      return () => events.off('snapshot', listener);
    },
    firstPoll: async () => {
      await first;
      await Promise.all(areas.map((a) => a.firstPoll()));
    },
    pollNow: (targetId) => scheduler.triggerNow(targetId),
    useAdminCredentialOnce: (targetId, credential) => void oneTimeAdmins.set(targetId, credential),
    history: (targetId, metric, rangeSeconds, maxPoints) => {
      const t = now();
      return lttb(opts.store.series(targetId, metric, t - rangeSeconds * 1000, t), maxPoints).map(([a, b]) => [a, b]);
    },
    stop: async () => {
      stopped = true;
      if (publishTimer) clearTimeout(publishTimer);
      clearInterval(pruneTimer);
      await scheduler.stop();
      await Promise.all(areas.map((a) => a.stop()));
      await dispatchers.close();
      events.removeAllListeners();
    },
  };
}

function buildClients(pc: PrimaryConfig, dispatchers: DispatcherPool, limiter: HostLimiter) {
  const caPem = pc.tls?.caFile ? readFileSync(pc.tls.caFile, 'utf8') : undefined;
  const common = {
    timeoutMs: (pc.timeoutSeconds ?? 10) * 1000,
    dispatchers,
    limiter,
    ...(caPem ? { caPem } : {}),
    ...(pc.proxy ? { proxy: pc.proxy === 'direct' ? ('direct' as const) : { url: pc.proxy } } : {}),
  };
  const read = toCredential(pc.read);
  const admin = toCredential(pc.admin);
  const client: BitbucketClient = createBitbucketClient({ baseUrl: pc.baseUrl, ...common, ...(read ? { read } : {}), ...(admin ? { admin } : {}) });
  const nodeClients = new Map<string, BitbucketClient>(pc.nodes.map((n) => [n.name, createBitbucketClient({ baseUrl: n.baseUrl, ...common })]));
  return { client, nodeClients };
}

function recordHistory(store: HistoryStore, p: Primary): void {
  store.recordPoll({
    targetId: p.id,
    at: p.lastPollAt ?? Date.now(),
    status: p.status,
    durationMs: p.pollDurationMs ?? 0,
    error: p.lastError,
    figures: {
      'poll.durationMs': p.pollDurationMs ?? Number.NaN,
      'nodes.up': p.nodes.filter((n) => n.status === 'up').length,
      'nodes.total': p.nodes.length,
      'repos.total': p.repositories?.total ?? Number.NaN,
      'status.rank': STATUS_RANK[p.status],
    },
  });
}
