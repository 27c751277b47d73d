import { EventEmitter } from 'node:events';
import { delimiter, dirname, join } from 'node:path';
import {
  ALERT_ACTION_NAMES,
  CACHE_REQUEST_NAMES,
  FleetApiError,
  MIRRORS_REQUEST_NAMES,
  REPOSITORY_REQUEST_NAMES,
  PROBE_REQUEST_NAMES,
  STORAGE_REQUEST_NAMES,
  type EventName,
  type EventPayload,
} from '../../shared/contract';
import type { DemoBackfillProgress, DemoState } from '../../shared/model';
import { demoFaultEvent } from '../../shared/logic/events/fleet-events';
import { createAreas, type FleetAreas } from '../engine/areas';
import { openAuditLog } from '../engine/audit/audit-log';
import { alertHandlers } from '../engine/events/alert-handlers';
import { createFleetRecorder } from '../engine/events/fleet-recorder';
import type { FleetConfig } from '../engine/config/fleet-config-schema';
import { defaultConfigPath } from '../engine/config/default-paths';
import { shardConfig } from '../engine/config/shard';
import { loadConfigFile } from '../engine/config/load-config';
import { createEngine, type Engine } from '../engine/engine';
import type { FleetHandlers } from '../engine/handlers';
import { settingsHandlers, type PreparedReconfigure } from '../engine/settings/settings-handlers';
import { withPrometheusHistory } from '../engine/history/prometheus-series';
import { seriesReadHandler } from '../engine/history/series-read';
import { openHistoryStore } from '../engine/store/history-store';
import { logJobHandlers } from '../engine/access-log/log-jobs';
import { logResultsFile } from '../engine/access-log/log-results-file';
import { startDemoBackfill } from './demo-backfill';
import { reportHandlers } from '../engine/report/report-handlers';
import { envSecrets } from '../engine/report/redact-config';
import { readStoredConfig } from '../engine/settings/stored-config';
import { withLogRing } from './log-ring';
import { prometheusSource } from './prometheus-source';
import { recordedAudit } from './recorded-audit';
import { republishAfter } from './republish-after';
import { delegate } from './delegate';
import { safeUserName } from './os-user';
import { createDispatch } from './dispatch';
import { demoScenarioHost } from './demo-scenarios';
import { fixedLocalLink } from './host-link';
import type { FleetHost } from './host-types';
import type { DemoControl, FleetHostOptions } from './fleet-host-options';
import { startMark } from '../engine/start-marks';

export type { FleetHostOptions } from './fleet-host-options';

interface Running {
  engine: Engine;
  areas: FleetAreas;
  unsubscribe: () => void;
}

/**
 * Composes what a shell hosts: loads the config, opens the history store and audit log, starts
 * the engine with every area, and answers the contract through one dispatch. Settings changes
 * restart the engine with the new config; history and the audit log carry on.
 */
export async function startFleetHost(options: FleetHostOptions): Promise<FleetHost> {
  const { opts, ring } = withLogRing(options);
  const env = opts.engine?.env ?? process.env;
  let config = opts.config;
  if (!config) {
    if (!opts.configPath) throw new Error('startFleetHost needs a config or a configPath');
    const loaded = loadConfigFile(opts.configPath, env, opts.secrets);
    loaded.warnings.forEach((w) => opts.warn?.(w));
    config = loaded.config;
  }
  const inMemory = opts.dataDir === ':memory:';
  // A damaged data file is moved aside and reported once through `warn`, never a reason not to start.
  // Kept for the Settings view too: on the desktop nobody reads the console.
  const notices: string[] = [];
  const notice = (m: string): void => {
    notices.push(m);
    opts.warn?.(m);
  };
  startMark('fleet host: opening the store');
  const store = openHistoryStore({ path: inMemory ? ':memory:' : join(opts.dataDir, 'history.db'), ...config.history, notice });
  const auditFile = openAuditLog(inMemory ? ':memory:' : join(opts.dataDir, 'audit.db'), { notice });
  // The demo's clock control moves only the alert lifecycle's time (silences expire sooner), never the engine's.
  let clockOffsetMs = 0;
  const recorder = createFleetRecorder({ store, audit: auditFile, now: () => Date.now() + clockOffsetMs });
  const audit = recordedAudit(auditFile, (entry) => recorder.auditFinished(entry));
  startMark('fleet host: store and audit open');
  const actor = `${safeUserName()} (${opts.shell ?? 'desktop'})`;
  const events = new EventEmitter();
  let demoControl = opts.demo;
  // The back-fill's progress rides on the demo state, so the charts can say why the week is not there yet.
  let backfilling: DemoBackfillProgress | undefined;
  const withBackfill = (s: DemoState): DemoState => (backfilling ? { ...s, backfill: backfilling } : s);
  const demo = (): DemoControl => {
    if (!demoControl)
      throw new FleetApiError('not-available', 'The simulated fleet is not running in this Fleetscope; start it with `fleetscope serve --demo`.');
    return demoControl;
  };
  const scenarios = demoScenarioHost({
    demo,
    scenarios: opts.scenarios ?? (() => []),
    pollNow: () => running.engine.pollNow(),
    emit: (s) => events.emit('demo', s),
    recordEvents: (e) => store.recordEvents(e),
    decorate: withBackfill,
  });
  const offDemo = demoControl?.onChange((s, change) => {
    if (change) store.recordEvents([demoFaultEvent(change.targetId, change.fault, change.enabled, Date.now())]);
    events.emit('demo', scenarios.withScenario(s));
  });
  const show = (engine: Engine): (() => void) => engine.onSnapshot((s) => events.emit('snapshot', recorder.publish(s)));

  const start = (cfg: FleetConfig, shown = true, demo = demoControl !== undefined): Running => {
    const areas = createAreas({ audit, ...(opts.onProbeGitStarted ? { onProbeGitStarted: opts.onProbeGitStarted } : {}) });
    const engine = createEngine({
      config: shardConfig(cfg, opts.shard),
      store,
      audit,
      actor,
      areas: [areas.cache, areas.mirrors, areas.storage, areas.repository, areas.probe],
      demo,
      ...opts.engine,
    });
    const off = shown ? show(engine) : () => undefined;
    return { engine, areas, unsubscribe: off };
  };
  let running = start(config);
  startMark('engine started');
  void running.engine.firstPoll().then(() => startMark('every area polled once'));
  // The demo's charts have a past from the first second (issue 17).
  const pastHistory = demoControl?.pastHistory?.bind(demoControl);
  const backfill = pastHistory
    ? startDemoBackfill({
        store,
        pastHistory,
        anchorTarget: config.primaries[0]?.id,
        now: Date.now(),
        after: running.engine.firstPoll(),
        onProgress: (p) => {
          backfilling = p;
          if (demoControl) events.emit('demo', scenarios.withScenario(demoControl.state()));
        },
        ...(opts.warn ? { warn: opts.warn } : {}),
      })
    : null;
  void backfill?.done.then(() => {
    startMark('back-fill done');
    backfilling = undefined;
    if (demoControl) events.emit('demo', scenarios.withScenario(demoControl.state()));
  });
  // The config the running engine was started with: its poll interval is the one in force.
  let inForce = config;
  const prometheus = prometheusSource(config.prometheus);

  /**
   * A Settings save as one transaction: the new engine is built and started beside the running
   * one; only when that worked does the caller write the file and `commit` (the old engine is
   * retired, the new one shown); on any failure `abort` stops the candidate and nothing changed.
   */
  const prepare = async (next: FleetConfig, keepDemo = false): Promise<PreparedReconfigure> => {
    let candidate: Running;
    try {
      // A saved config is the user's own fleet: the demo ends when it is committed (unless only the demo is retuned).
      candidate = start(next, false, keepDemo && demoControl !== undefined);
    } catch (err) {
      throw new FleetApiError(
        'invalid-argument',
        `Fleetscope could not start with this configuration (${err instanceof Error ? err.message : String(err)}). Nothing was saved; the fleet as it was is still watched.`,
      );
    }
    return {
      commit: async () => {
        const old = running;
        running = { ...candidate, unsubscribe: show(candidate.engine) };
        prometheus.use(next.prometheus);
        inForce = next;
        old.unsubscribe();
        await old.engine.stop();
        if (demoControl && !keepDemo) {
          // Saving a fleet of one's own leaves the demo for good.
          scenarios.stop();
          offDemo?.();
          await demoControl.stop();
          demoControl = undefined;
        }
        events.emit('snapshot', recorder.publish(running.engine.snapshot()));
      },
      abort: () => candidate.engine.stop(),
    };
  };

  const knownTarget = (id: string): void => {
    if (!running.engine.hasTarget(id)) throw new FleetApiError('not-found', `No target with id "${id}" in this fleet.`);
  };

  // A lifecycle change shows at once, not at the next poll.
  const republish = (): void => void events.emit('snapshot', recorder.publish(running.engine.snapshot()));
  const lifecycle = republishAfter(
    alertHandlers({ store, audit, recorder, localCaller: { name: actor, role: 'admin' }, now: Date.now, snapshot: () => running.engine.snapshot() }),
    ALERT_ACTION_NAMES,
    republish,
  );

  const handlers: FleetHandlers = {
    getSnapshot: async () => recorder.view(running.engine.snapshot()),
    getAuditLog: async ({ limit, targetId }) => ({ entries: audit.list({ limit, targetId }) }),
    getHistory: async ({ targetId, metric, rangeSeconds, maxPoints, to }) => {
      knownTarget(targetId);
      return { points: running.engine.history(targetId, metric, rangeSeconds, maxPoints, to) };
    },
    ...seriesReadHandler(() => handlers),
    pollNow: async ({ targetId }) => {
      if (targetId !== undefined) knownTarget(targetId);
      running.engine.pollNow(targetId);
      return { ok: true };
    },
    getSession: async (_args, caller) => caller ?? { name: actor, role: 'admin' },
    ...fixedLocalLink(),
    ...scenarios.handlers,
    shiftDemoClock: async ({ seconds }) => {
      demo();
      clockOffsetMs += seconds * 1000;
      republish();
      return { offsetSeconds: clockOffsetMs / 1000 };
    },
    ...lifecycle,
    ...settingsHandlers({
      configPath: opts.configPath ?? defaultConfigPath(env),
      secrets: opts.secrets,
      ...(opts.secretsUnavailableReason ? { secretsUnavailableReason: opts.secretsUnavailableReason } : {}),
      env,
      isDemo: () => demoControl !== undefined,
      notices: () => notices,
      pollIntervalInForce: () => inForce.pollIntervalSeconds,
      mirrorSweepInForce: () => ({ intervalSeconds: inForce.mirrorSweepIntervalSeconds, budgetKBps: inForce.mirrorSweepBudgetKBps }),
      cacheStatisticsInForce: () => ({ intervalSeconds: inForce.cacheStatsIntervalSeconds, budgetKBps: inForce.cacheStatsBudgetKBps }),
      retuneDemo: async (patch) => {
        // The simulated fleet has no file of its own: its engine restarts with the new settings, nothing is written.
        const prepared = await prepare({ ...inForce, ...patch }, true);
        await prepared.commit();
      },
      // Only the desktop asks a person to confirm a command line; over HTTP a token is all it takes.
      ...(opts.shell === 'desktop' && opts.confirmCommand ? { confirmCommand: opts.confirmCommand } : {}),
      prepare,
    }),
    // Area requests go to the areas of the engine running now: Settings may have replaced them.
    ...delegate(CACHE_REQUEST_NAMES, () => running.areas.cache.handlers),
    ...delegate(MIRRORS_REQUEST_NAMES, () => running.areas.mirrors.handlers),
    ...delegate(STORAGE_REQUEST_NAMES, () => running.areas.storage.handlers),
    ...delegate(REPOSITORY_REQUEST_NAMES, () => running.areas.repository.handlers),
    ...delegate(PROBE_REQUEST_NAMES, () => running.areas.probe.handlers),
    ...reportHandlers({
      store,
      audit,
      snapshot: () => recorder.view(running.engine.snapshot()),
      config: () => inForce,
      rawConfig: () => {
        if (demoControl || !opts.configPath) return null;
        try {
          return readStoredConfig(opts.configPath);
        } catch (err) {
          // Without the file as written every secret is shown as a literal one: redacted all the same.
          ring.warn(`The support bundle could not read ${opts.configPath} (${(err as Error).message}); its secrets are shown as redacted literals.`);
          return null;
        }
      },
      log: ring.lines,
      knownSecrets: () => [...envSecrets(env), ...(opts.knownSecrets?.() ?? [])],
      actor,
      now: Date.now,
      printPdf: opts.printPdf,
    }),
    ...logJobHandlers({
      folders: () => [
        ...(opts.logFolders ?? []),
        ...(env['FLEETSCOPE_LOG_FOLDERS'] ?? '').split(delimiter).filter((f) => f.trim() !== ''),
        ...new Set((demoControl?.files?.() ?? []).map((f) => dirname(dirname(f.path)))),
      ],
      ...(opts.chooseLogFiles ? { chooseFiles: opts.chooseLogFiles } : {}),
      recordEvents: (e) => store.recordEvents(e),
      ...(inMemory ? {} : { results: logResultsFile(join(opts.dataDir, 'access-log-results.json'), notice) }),
      notice,
    }),
  };

  // Every chart's range older than the local history, in every area, from Prometheus when the config names one.
  Object.assign(
    handlers,
    withPrometheusHistory(handlers, () => prometheus.query()),
  );

  let stopping: Promise<void> | null = null;
  const host: FleetHost = {
    get engine() {
      return running.engine;
    },
    get config() {
      return inForce;
    },
    handlers,
    dispatch: createDispatch(handlers, opts.log),
    log: (line) => ring.info(line),
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      events.on(event, listener);
      return () => {
        events.off(event, listener);
      };
    },
    stop: () =>
      (stopping ??= (async () => {
        running.unsubscribe();
        scenarios.stop();
        offDemo?.();
        await backfill?.stop();
        await running.engine.stop();
        await prometheus.close();
        store.close();
        auditFile.close();
        await demoControl?.stop();
      })()),
  };
  // `serve --demo --scenario NAME`: the story starts with the host.
  if (demoControl && opts.scenario) {
    try {
      await scenarios.start(opts.scenario);
    } catch (err) {
      await host.stop();
      throw err;
    }
  }
  return host;
}
