import { EventEmitter } from 'node:events';
import type { Snapshot } from '../../shared/model';
import { lttb } from '../../shared/logic/lttb';
import { historyWindow } from '../../shared/contract/history-args';
import type { AnyArea, AreaContext } from './area';
import { createActionPipeline } from './actions/action-pipeline';
import type { AuditLog } from './audit/audit-log';
import { createPrimariesArea } from './bitbucket/primaries-area';
import { blockedAlert, blockedPrimary, blockedStorage, splitBlocked } from './blocked-targets';
import type { FleetConfig } from './config/fleet-config-schema';
import type { Caller } from './handlers';
import { DispatcherPool } from './http/dispatchers';
import { FleetClients } from './http/fleet-clients';
import { DEFAULT_MAX_IN_FLIGHT, FleetLimiter } from './scheduler/fleet-limiter';
import { createScheduler } from './scheduler/scheduler';
import { TargetRegistry, type AreaName } from './scheduler/target-registry';
import type { HistoryStore } from './store/history-store';
import { startMark } from './start-marks';

export interface EngineOptions {
  config: FleetConfig;
  store: HistoryStore;
  /** Where admin actions are recorded; required when an area offers actions. */
  audit?: AuditLog;
  /** Who is at this Fleetscope, for the audit log, e.g. `alice (desktop)`. */
  actor?: string;
  /** The areas beyond primaries (which every engine has, first): SCM caches, mirror farms, storage. */
  areas?: AnyArea[];
  /** True when the host also runs the simulated fleet; only tells the UI to offer demo controls. */
  demo?: boolean;
  now?: () => number;
  /** Per-origin concurrent requests. */
  concurrencyPerHost?: number;
  /** Requests in flight across the whole fleet; default {@link DEFAULT_MAX_IN_FLIGHT}, of which walks at most 12. */
  maxInFlight?: number;
  /**
   * Each origin's request budget (a token bucket): `capacity` requests at once, refilled `perSecond`.
   * Default 30 and 4/s, under Bitbucket's default rate limit (60, 5/s); raise it only where that
   * limit is raised. Tests that poll back to back raise it too: the budget is not what they check.
   */
  requestBudget?: { capacity: number; perSecond: number };
  slowThresholdMs?: number;
  /** Where proxy settings are read from; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Coalescing window for snapshot events, so one poll yields one store update in the UI. */
  publishDelayMs?: number;
  /** How long an action waits for the re-poll that shows its effect. */
  actionRepollTimeoutMs?: number;
}

export interface Engine {
  snapshot(): Snapshot;
  onSnapshot(listener: (s: Snapshot) => void): () => void;
  /** Resolves when every target of every area has finished at least one poll. */
  firstPoll(): Promise<void>;
  /** Whether the id is a target of this fleet: a primary, a farm found from one, a storage source. */
  hasTarget(targetId: string): boolean;
  /** Polls a target now (a primary with its cache and mirrors), or the whole fleet. */
  pollNow(targetId?: string, area?: AreaName): void;
  /** Polls a target now and resolves true once that poll has ended, false after `timeoutMs`. */
  repoll(targetId: string, timeoutMs: number): Promise<boolean>;
  /** A series over `rangeSeconds` back from `to` (epoch ms; absent: now), downsampled to `maxPoints`. */
  history(targetId: string, metric: string, rangeSeconds: number, maxPoints: number, to?: number): Array<[number, number]>;
  /** HTTP requests sent to the fleet since the engine started. */
  requestsMade(): number;
  stop(): Promise<void>;
}

/** The demo fleet writes ~140 KB a minute: pruning every ten minutes keeps the file within its bound by a few MB. */
const PRUNE_EVERY_MS = 600_000;

/**
 * The engine: areas (primaries first, then caches, mirrors, storage) polling their targets on one
 * scheduler through one registry of targets, results kept in memory for the snapshot and in the
 * store for history, actions through one pipeline. Behaves the same against the simulated and a
 * real fleet.
 */
export function createEngine(opts: EngineOptions): Engine {
  const now = opts.now ?? Date.now;
  const startedAt = now();
  // Targets with an unresolvable secret are shown with their error and never polled.
  const { pollable: config, ...blocked } = splitBlocked(opts.config);
  const blockedIds = new Set([...blocked.primaries, ...blocked.storage].map((b) => b.config.id));
  const configOrder = (id: string): number => opts.config.primaries.findIndex((p) => p.id === id);
  const interval = config.pollIntervalSeconds;
  const dispatchers = new DispatcherPool({
    // Idle connections must outlive the poll interval, or every cycle pays a new handshake.
    keepAliveMs: Math.max(60_000, interval * 2_000 + 5_000),
    connectionsPerOrigin: opts.concurrencyPerHost ?? 6,
    ...(opts.env ? { env: opts.env } : {}),
  });
  const limiter = new FleetLimiter({
    concurrency: opts.concurrencyPerHost ?? 6,
    maxInFlight: opts.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT,
    ...(opts.requestBudget ? { budgetCapacity: opts.requestBudget.capacity, budgetPerSecond: opts.requestBudget.perSecond } : {}),
  });
  const clients = new FleetClients(config, dispatchers, limiter);
  const scheduler = createScheduler();
  const targets = new TargetRegistry(scheduler);
  const events = new EventEmitter();
  const primaries = createPrimariesArea(opts.slowThresholdMs === undefined ? {} : { slowThresholdMs: opts.slowThresholdMs });
  const areas: AnyArea[] = [primaries, ...(opts.areas ?? [])];
  /** Cancels the planned publish, if one is planned. */
  let publishTimer: (() => void) | null = null;
  let stopped = false;

  /**
   * Until a primary's repository count has gone out, a publish goes out on the next turn instead of
   * after the coalescing window: the first count is what a person starting Fleetscope waits for
   * (issue 13 item 7), and before it only a few targets have anything to publish.
   */
  let countPublished = false;
  const publish = (): void => {
    if (publishTimer || stopped) return;
    const emit = (): void => {
      publishTimer = null;
      if (stopped) return;
      const s = snapshot();
      if (!countPublished && s.primaries.some((p) => p.repositories !== null)) {
        countPublished = true;
        startMark('first snapshot with a repository count published');
      }
      events.emit('snapshot', s);
    };
    const delayMs = countPublished ? (opts.publishDelayMs ?? 25) : 0;
    // "Next turn" is setImmediate: a 0 ms timer waits for the loop's clock to move a whole
    // millisecond, at least 1 ms more between a cycle's last answer and its snapshot.
    if (delayMs <= 0) {
      const handle = setImmediate(emit);
      publishTimer = () => clearImmediate(handle);
    } else {
      const handle = setTimeout(emit, delayMs);
      publishTimer = () => clearTimeout(handle);
    }
  };

  const snapshot = (): Snapshot => {
    const snap: Snapshot = {
      generatedAt: now(),
      primaries: [],
      mirrorFarms: [],
      storage: [],
      alerts: [],
      engine: { startedAt, pollIntervalSeconds: interval, demo: opts.demo ?? false },
    };
    for (const area of areas) area.contribute(snap);
    if (blockedIds.size > 0) {
      const unpolled = blocked.primaries.map((b) => blockedPrimary(b.config, interval, b.message, startedAt));
      snap.primaries = [...snap.primaries, ...unpolled].sort((a, b) => configOrder(a.id) - configOrder(b.id));
      snap.storage.push(...blocked.storage.map((b) => blockedStorage(b.config, interval, b.message, startedAt)));
      for (const b of [...blocked.primaries, ...blocked.storage]) snap.alerts.push(blockedAlert(b.config, b.message, startedAt));
    }
    return snap;
  };

  const localCaller: Caller = { name: opts.actor ?? 'unknown', role: 'admin' };
  const runAction = createActionPipeline({
    audit: opts.audit,
    now,
    localCaller,
    primaryName: (id) => primaries.get(id)?.name ?? id,
    configuredAdmin: (id) => config.primaries.find((p) => p.id === id)?.admin,
    repoll: (targetId, area, timeoutMs) => targets.repoll(targetId, area, timeoutMs),
    ...(opts.actionRepollTimeoutMs === undefined ? {} : { repollTimeoutMs: opts.actionRepollTimeoutMs }),
  });

  const context: AreaContext = {
    config,
    store: opts.store,
    now,
    schedule: (entry) => targets.schedule(entry),
    discovered: (targetId, polledBy) => targets.discovered(targetId, polledBy),
    forget: (targetId) => targets.forget(targetId),
    pollNow: (targetId, area) => targets.pollNow(targetId, area),
    primaryClient: (id) => clients.primary(id),
    nodeClients: (id) => clients.nodes(id),
    clientFor: (id, baseUrl) => clients.for(id, baseUrl),
    primary: (id) => primaries.get(id),
    inventory: (id) => primaries.inventory(id),
    snapshot,
    primaryPolled: (p) => {
      for (const area of areas) area.onPrimaryPolled?.(p);
    },
    publish,
    runAction,
  };
  startAll(areas, context, async () => {
    stopped = true;
    await scheduler.stop();
    await dispatchers.close();
  });

  // Pruned at start too: a short session must not leave the file above its bounds.
  opts.store.setLimits(opts.config.history);
  const prune = (): void => void opts.store.prune(now());
  prune();
  const pruneTimer = setInterval(prune, PRUNE_EVERY_MS);
  pruneTimer.unref();

  return {
    snapshot,
    onSnapshot: (listener) => {
      events.on('snapshot', listener);
      return () => events.off('snapshot', listener);
    },
    firstPoll: async () => {
      await Promise.all(areas.map((a) => a.firstPoll()));
    },
    hasTarget: (targetId) => targets.has(targetId) || blockedIds.has(targetId),
    pollNow: (targetId, area) => targets.pollNow(targetId, area),
    repoll: (targetId, timeoutMs) => targets.repoll(targetId, undefined, timeoutMs),
    requestsMade: () => limiter.requestsStarted(),
    history: (targetId, metric, rangeSeconds, maxPoints, to) => {
      const window = historyWindow({ rangeSeconds, to }, now());
      return lttb(opts.store.series(targetId, metric, window.from, window.to), maxPoints).map(([a, b]) => [a, b]);
    },
    stop: async () => {
      stopped = true;
      publishTimer?.();
      clearInterval(pruneTimer);
      await scheduler.stop();
      await Promise.all(areas.map((a) => a.stop()));
      await dispatchers.close();
      events.removeAllListeners();
    },
  };
}

/**
 * Starts every area; if one throws, the ones started already are stopped and the error goes on,
 * so a config that fails at start never leaves a half-built engine polling with nothing to stop it.
 */
function startAll(areas: AnyArea[], context: AreaContext, stopRest: () => Promise<void>): void {
  const started: AnyArea[] = [];
  try {
    for (const area of areas) {
      area.start(context);
      started.push(area);
    }
  } catch (err) {
    void Promise.all(started.map((a) => a.stop()))
      .then(stopRest)
      .catch(() => undefined);
    throw err;
  }
}
