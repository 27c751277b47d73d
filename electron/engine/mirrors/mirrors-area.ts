import { upstreamDataset } from './upstream-dataset';
import { setMaxListeners } from 'node:events';
import { STATUS_RANK, type DetailSweep, type MirrorRepoCounts, type Primary, type Snapshot, type TargetStatus } from '../../../shared/model';
import type { MirrorsRequestName } from '../../../shared/contract';
import { lagSamples } from '../repository/repository-history';
import type { PollBatchItem } from '../store/history-store';
import type { AreaContext, EngineArea } from '../area';
import { mirrorAlerts } from './mirror-alerts';
import { mirrorActions } from './mirror-actions';
import { mirrorReads } from './mirror-reads';
import { pollFarm, type FarmObservation } from './farm-poll';
import { FarmState, type SweptHashes } from './farm-state';
import { sweepPrimary, type SweepTarget } from './mirror-sweep';
import type { MirrorServer } from './normalise-mirror';
import { pacer, realPaceClock, SweepSchedule, type PaceClock } from '../scheduler/sweep-schedule';
import { initialUpstream, pollUpstream, type UpstreamState } from './upstream-poll';

/** A change not applied within this long counts as lagging, unless the farm lists it itself. */
const MIN_TOLERANCE_MS = 60_000;

/** What one poll of a farm adds to its history (a live poll, or a past one the demo describes). */
export function farmFigures(f: {
  lagSeconds: number | null;
  queue: number | null;
  repos: MirrorRepoCounts;
  nodesUp: number;
  status: TargetStatus;
}): Record<string, number> {
  return {
    'mirror.lagSeconds': f.lagSeconds ?? Number.NaN,
    'mirror.queue': f.queue ?? Number.NaN,
    'mirror.inSync': f.repos.inSync,
    'mirror.syncing': f.repos.syncing,
    'mirror.lagging': f.repos.lagging,
    'mirror.failing': f.repos.failing,
    'mirror.notMirrored': f.repos.notMirrored,
    'mirror.unknown': f.repos.unknown,
    'mirror.nodesUp': f.nodesUp,
    'status.rank': STATUS_RANK[f.status],
  };
}

/** The ref-changes queue must grow at least this long (and over three polls) to count as falling behind. */
const MIN_QUEUE_SPAN_MS = 10_000;

/** Codes that mean nobody answered: the scheduler then backs off. */
const UNREACHABLE = new Set(['refused', 'timeout', 'dns', 'network', 'tls']);

/**
 * The mirror farms area (issue #4). Per primary, one scheduled cycle: its mirroring resources
 * (registered mirrors, pending requests), then every mirror it lists — farm and nodes — in
 * parallel, a fixed number of requests whatever the number of repositories. The per-repository
 * detail (the primary's hashes, each node's repoSyncStatus) comes from a slower sweep paced to a
 * bytes-per-second budget (issue #13); a poll derives the repositories' states from the last one. Farms appear and disappear as the primary lists them.
 */
export function createMirrorsArea(opts: { paceClock?: PaceClock } = {}): EngineArea<MirrorsRequestName> {
  let context: AreaContext | null = null;
  let stopped = false;
  const paceClock = opts.paceClock ?? realPaceClock;
  const upstreams = new Map<string, UpstreamState>();
  /** Per primary: its mirror sweep's schedule and the hashes it last read. */
  const sweeps = new Map<string, SweepSchedule>();
  const swept = new Map<string, SweptHashes>();
  /** Sweeps running apart from their cycle, aborted when the area stops. */
  const sweepAborts = new Set<AbortController>();
  const farms = new Map<string, FarmState>();
  const lastPrimaryStatus = new Map<string, Primary['status']>();
  const firstRuns = new Map<string, { done: Promise<void>; resolve: () => void }>();

  const ctx = (): AreaContext => {
    if (!context) throw new Error('The mirrors area has not been started');
    return context;
  };
  const firstRun = (id: string) => {
    let entry = firstRuns.get(id);
    if (!entry) {
      let resolve: () => void = () => undefined;
      const done = new Promise<void>((r) => (resolve = r));
      entry = { done, resolve };
      firstRuns.set(id, entry);
    }
    return entry;
  };
  const intervalMs = (): number => ctx().config.pollIntervalSeconds * 1000;
  const toleranceMs = (): number => Math.max(MIN_TOLERANCE_MS, 3 * intervalMs());
  const sweepPeriodMs = (): number => ctx().config.mirrorSweepIntervalSeconds * 1000;
  const noHashes: SweptHashes = { value: null, problem: 'not read yet: they come with the first mirror sweep', at: null };

  /** One sweep of a primary's mirror detail; records its outcome on the primary's schedule. */
  const sweep = async (primaryId: string, targets: readonly SweepTarget[], signal: AbortSignal): Promise<void> => {
    const c = ctx();
    const schedule = sweeps.get(primaryId) ?? new SweepSchedule();
    sweeps.set(primaryId, schedule);
    schedule.begin(c.now());
    let error: string | null = null;
    try {
      const hashes = await sweepPrimary({
        primaryClient: c.primaryClient(primaryId),
        nodeClient: (baseUrl) => c.clientFor(primaryId, baseUrl),
        targets,
        signal,
        now: c.now,
        pace: pacer(c.config.mirrorSweepBudgetKBps * 1024, paceClock, signal),
      });
      swept.set(primaryId, hashes);
      // Without the hashes the sweep told nothing; it is retried at the next poll.
      if (hashes.value === null) error = `Upstream repository hashes unavailable: ${hashes.problem ?? 'not read'}`;
    } catch (err) {
      if (signal.aborted) error = 'Stopped before it ended';
      else throw err;
    } finally {
      schedule.end(c.now(), error);
    }
  };

  /** Starts a sweep apart from the cycle when one is due; its results are applied by the poll it triggers. */
  const sweepIfDue = (primaryId: string, targets: readonly SweepTarget[]): void => {
    const c = ctx();
    const schedule = sweeps.get(primaryId) ?? new SweepSchedule();
    sweeps.set(primaryId, schedule);
    const unswept = targets.some((t) => t.state.detailAt === null);
    if (targets.length === 0 || schedule.running || (!schedule.due(c.now(), sweepPeriodMs()) && !unswept)) return;
    const abort = new AbortController();
    setMaxListeners(0, abort.signal);
    sweepAborts.add(abort);
    void sweep(primaryId, targets, abort.signal)
      .then(() => {
        if (!stopped) c.pollNow(primaryId, 'mirrors');
      })
      .catch((err: unknown) => {
        // A bug, not a fleet failure (those are settled per read): say so where the schedule shows it.
        schedule.end(c.now(), `The sweep stopped on an internal error: ${err instanceof Error ? err.message : String(err)}`);
      })
      .finally(() => sweepAborts.delete(abort));
  };

  /** Reads a farm and its nodes; the result is applied once the primary's mirror list of the same cycle is in. */
  const observeFarm = async (state: FarmState, signal: AbortSignal): Promise<{ state: FarmState; observation: FarmObservation } | null> => {
    const c = ctx();
    const primary = c.config.primaries.find((p) => p.id === state.primaryId);
    if (!primary) return null;
    const observation = await pollFarm({
      farmClient: c.clientFor(state.primaryId, state.farm.baseUrl),
      nodeClient: (baseUrl) => c.clientFor(state.primaryId, baseUrl),
      farmBaseUrl: state.farm.baseUrl,
      primaryBaseUrl: primary.baseUrl,
      single: state.farm.mirrorType === 'SINGLE',
      knownNodes: state.nodesKnown,
      nodesUp: new Set(state.farm.nodes.filter((n) => n.status === 'up').map((n) => n.name)),
      probe: state.probe,
      signal,
      now: c.now,
    });
    return { state, observation };
  };

  const addFarm = (primaryId: string, server: MirrorServer): void => {
    const taken = farms.get(server.id);
    // Mirror ids are unique per Bitbucket instance; two primaries reporting one id get it prefixed.
    const id = taken === undefined || taken.primaryId === primaryId ? server.id : `${primaryId}/${server.id}`;
    farms.set(id, new FarmState(id, primaryId, server));
    ctx().discovered(id, { area: 'mirrors', targetId: primaryId });
  };

  const removeFarm = (state: FarmState): void => {
    farms.delete(state.id);
    ctx().forget(state.id);
  };

  /** Farms follow the primary's list of mirrors; without a list (error, unavailable) they stay as they are. */
  const reconcile = (primaryId: string, up: UpstreamState): void => {
    if (up.availability !== 'available') return;
    const mine = [...farms.values()].filter((f) => f.primaryId === primaryId);
    for (const server of up.mirrors) {
      const existing = mine.find((f) => f.server.id === server.id);
      if (existing) existing.updateServer(server);
      else addFarm(primaryId, server);
    }
    for (const f of mine) if (!up.mirrors.some((m) => m.id === f.server.id)) removeFarm(f);
  };

  /** What one applied poll of a farm adds to the history: its figures, and each pending repository's lag per node. */
  const farmRecord = (c: AreaContext, state: FarmState): PollBatchItem => {
    const f = state.farm;
    const at = f.lastPollAt ?? c.now();
    return {
      record: {
        targetId: f.id,
        at,
        status: f.status,
        durationMs: f.pollDurationMs ?? 0,
        error: f.lastError,
        figures: farmFigures({ ...f, queue: f.queue.count, nodesUp: f.nodes.filter((n) => n.status === 'up').length }),
      },
      // A row per repository and node with a change pending: ≈ 1,500 in one 20,000-repository bench run, none in another.
      samples: lagSamples(f.id, at, state.pendingByNode),
    };
  };

  const findFarm = (primaryId: string, mirrorId: string): FarmState | undefined =>
    [...farms.values()].find((f) => f.primaryId === primaryId && f.server.id === mirrorId);

  const deps = {
    ctx,
    upstream: (primaryId: string) => upstreams.get(primaryId),
    findFarm,
    farm: (farmId: string) => farms.get(farmId),
    farmsOf: (primaryId: string) => [...farms.values()].filter((f) => f.primaryId === primaryId).sort((a, b) => a.farm.name.localeCompare(b.farm.name)),
    toleranceMs,
    hashes: (primaryId: string) => swept.get(primaryId)?.value?.hashes ?? null,
  };

  return {
    name: 'mirrors',
    handlers: { ...mirrorActions(deps), ...mirrorReads(deps) },

    start(c) {
      context = c;
      for (const pc of c.config.primaries) {
        upstreams.set(pc.id, initialUpstream());
        const entry = firstRun(pc.id);
        c.schedule({
          area: 'mirrors',
          targetId: pc.id,
          intervalMs: intervalMs(),
          run: async (signal) => {
            // One cycle sends many requests under this signal at once (pages, nodes, farms).
            setMaxListeners(0, signal);
            try {
              // The farms already known are read alongside their primary, so one cycle takes as
              // long as its slowest read, and the mirror list and node states are of one moment.
              const known = [...farms.values()].filter((f) => f.primaryId === pc.id);
              const [next, ...early] = await Promise.all([
                pollUpstream(c.primaryClient(pc.id), upstreams.get(pc.id) ?? initialUpstream(), signal, c.now),
                ...known.map((f) => observeFarm(f, signal)),
              ]);
              if (signal.aborted || stopped) return;
              upstreams.set(pc.id, next);
              reconcile(pc.id, next);
              const added = [...farms.values()].filter((f) => f.primaryId === pc.id && !known.includes(f));
              const late = await Promise.all(added.map((f) => observeFarm(f, signal)));
              if (signal.aborted || stopped) return;
              const mine = [...farms.values()].filter((f) => f.primaryId === pc.id);
              const seenNow = [...early, ...late].filter((x): x is NonNullable<typeof x> => x !== null && farms.get(x.state.id) === x.state);
              const targets: SweepTarget[] = seenNow.map(({ state, observation }) => ({
                state,
                nodes: observation.nodeObservations.map((n) => ({ id: n.node.id, name: n.node.name, baseUrl: n.baseUrl })),
              }));
              const inline = sweepPeriodMs() === 0 && next.availability === 'available' && targets.length > 0;
              if (inline) await sweep(pc.id, targets, signal);
              if (signal.aborted || stopped) return;
              const hashes = next.availability === 'available' ? (swept.get(pc.id) ?? noHashes) : { ...noHashes, problem: next.message };
              const applied: FarmState[] = [];
              for (const seen of seenNow) {
                // A farm the primary no longer lists is gone; its last observation is not applied.
                if (farms.get(seen.state.id) !== seen.state) continue;
                seen.state.apply(seen.observation, hashes, { toleranceMs: toleranceMs(), queueSpanMs: Math.max(MIN_QUEUE_SPAN_MS, 3 * intervalMs()) });
                applied.push(seen.state);
              }
              if (!inline && next.availability === 'available') sweepIfDue(pc.id, targets);
              c.publish();
              // The history is written once the snapshot has gone out (a publish due now goes out on
              // the next turn, before this one): the snapshot never reads it, and its lag rows can be
              // milliseconds of SQLite (≈ 9 ms for ≈ 1,500). The run ends after the write, so
              // whoever awaits the poll finds it in the history. One transaction, rows batched.
              await new Promise<void>((resolve) => setImmediate(resolve));
              c.store.recordPolls(applied.map((state) => farmRecord(c, state)));
              const unreachable = next.availability === 'error' && next.lastError !== null && UNREACHABLE.has(next.lastError.code);
              if (unreachable && mine.every((f) => f.farm.status === 'down')) throw new Error(next.message ?? 'unreachable');
            } finally {
              entry.resolve();
            }
          },
        });
      }
    },

    onPrimaryPolled(primary: Primary) {
      // A primary that just came back gets its mirrors re-read at once, not at the next tick.
      const was = lastPrimaryStatus.get(primary.id);
      lastPrimaryStatus.set(primary.id, primary.status);
      if (context && was === 'down' && primary.status !== 'down') context.pollNow(primary.id, 'mirrors');
    },

    contribute(snapshot: Snapshot) {
      const detailSweepOf = (f: FarmState): DetailSweep | undefined => {
        if (!context) return undefined;
        const schedule = sweeps.get(f.primaryId);
        return {
          intervalSeconds: context.config.mirrorSweepIntervalSeconds,
          budgetKBps: context.config.mirrorSweepBudgetKBps,
          sweptAt: f.detailAt,
          durationMs: schedule?.durationMs ?? null,
          running: schedule?.running ?? false,
          error: schedule?.error ?? null,
        };
      };
      const now = snapshot.generatedAt;
      for (const p of snapshot.primaries) {
        const up = upstreams.get(p.id);
        p.pendingMirrorRequests = up ? up.pending : [];
        if (up) p.datasets = { ...p.datasets, mirrors: upstreamDataset(up, !p.adminCredential, now, 2 * p.pollIntervalSeconds * 1000) };
      }
      const interval = context ? intervalMs() : 0;
      snapshot.mirrorFarms = [...farms.values()]
        .map((f) => ({
          ...f.farm,
          stale: f.farm.lastPollAt !== null && (f.farm.lastSuccessAt === null || now - f.farm.lastSuccessAt > 2 * interval),
          detailSweep: detailSweepOf(f),
        }))
        .sort((a, b) => a.primaryId.localeCompare(b.primaryId) || a.name.localeCompare(b.name));
      snapshot.alerts.push(...mirrorAlerts(snapshot, upstreams));
    },

    async firstPoll() {
      if (!context) return;
      await Promise.all(context.config.primaries.map((p) => firstRun(p.id).done));
    },

    async stop() {
      stopped = true;
      for (const abort of sweepAborts) abort.abort(new Error('The engine is stopping'));
      for (const entry of firstRuns.values()) entry.resolve();
    },
  };
}
