import { EventEmitter } from 'node:events';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { FleetApiError, REQUEST_NAMES, type EventName, type EventPayload, type RequestName } from '../../shared/contract';
import type { DemoState } from '../../shared/model';
import type { EngineArea } from './area';
import { createAreas } from './areas';
import { openAuditLog } from './audit/audit-log';
import type { FleetConfig } from './config/fleet-config-schema';
import { defaultConfigPath } from './config/default-paths';
import { loadConfigFile } from './config/load-config';
import { createEngine, type Engine } from './engine';
import type { FleetHandlers, FleetHost } from './host-types';
import type { SecretStore } from './secrets/secret-store';
import { settingsHandlers } from './settings/settings-handlers';
import { openHistoryStore } from './store/history-store';

/** What the host needs of a simulated fleet; electron/demo provides it, the engine never sees it. */
export interface DemoControl {
  state(): DemoState;
  /** Applies a fault and resolves with the state once it took effect (a node listening again, say). */
  applyFault(targetId: string, fault: Parameters<FleetHandlers['setDemoFault']>[0]['fault'], enabled: boolean): Promise<DemoState>;
  onChange(listener: (s: DemoState) => void): () => void;
  stop(): Promise<void>;
}

export interface FleetHostOptions {
  /** The fleet config file: loaded unless `config` is given, and the file Settings edits. */
  configPath?: string;
  config?: FleetConfig;
  /** Where the history database lives; ':memory:' keeps nothing. */
  dataDir: string;
  /** A running simulated fleet whose config is `config`; enables the demo requests until Settings switches to a real fleet. */
  demo?: DemoControl;
  /** The desktop vault for `${vault:NAME}`; absent in browser mode. */
  secrets?: SecretStore;
  /** Why there is no vault, when the desktop refused one (shown in Settings). */
  secretsUnavailableReason?: string;
  /** Which shell hosts the engine, for the audit log's actor: `alice (desktop)`. */
  shell?: 'desktop' | 'browser mode' | 'check';
  /** Reported once per config warning, e.g. inline secrets. */
  warn?: (message: string) => void;
  engine?: Partial<Pick<Parameters<typeof createEngine>[0], 'concurrencyPerHost' | 'maxInFlight' | 'slowThresholdMs' | 'publishDelayMs' | 'env'>>;
}

interface Running {
  engine: Engine;
  areas: EngineArea[];
  targetIds: Set<string>;
  unsubscribe: () => void;
}

/**
 * The engine as both shells host it: loads the config, opens the history store and audit log,
 * starts polling and answers the contract's requests. Settings changes restart polling with the
 * new config; history and the audit log carry on. Electron's main process and `fleetscope serve`
 * both call this.
 */
export async function startFleetHost(opts: FleetHostOptions): Promise<FleetHost & { readonly engine: Engine }> {
  const env = opts.engine?.env ?? process.env;
  let config = opts.config;
  if (!config) {
    if (!opts.configPath) throw new Error('startFleetHost needs a config or a configPath');
    const loaded = loadConfigFile(opts.configPath, env, opts.secrets);
    loaded.warnings.forEach((w) => opts.warn?.(w));
    config = loaded.config;
  }
  const inMemory = opts.dataDir === ':memory:';
  const store = openHistoryStore({ path: inMemory ? ':memory:' : join(opts.dataDir, 'history.db') });
  const audit = openAuditLog(inMemory ? ':memory:' : join(opts.dataDir, 'audit.db'));
  const actor = `${safeUserName()} (${opts.shell ?? 'desktop'})`;
  const events = new EventEmitter();
  let demoControl = opts.demo;
  const offDemo = demoControl?.onChange((s) => events.emit('demo', s));

  const start = (cfg: FleetConfig): Running => {
    const areas = createAreas();
    const engine = createEngine({ config: cfg, store, audit, actor, areas, demo: demoControl !== undefined, ...opts.engine });
    const off = engine.onSnapshot((s) => events.emit('snapshot', s));
    return { engine, areas, targetIds: new Set(cfg.primaries.map((p) => p.id)), unsubscribe: off };
  };
  let running = start(config);

  const reconfigure = async (next: FleetConfig): Promise<void> => {
    running.unsubscribe();
    await running.engine.stop();
    if (demoControl) {
      // Saving a fleet of one's own leaves the demo for good.
      offDemo?.();
      await demoControl.stop();
      demoControl = undefined;
    }
    running = start(next);
    events.emit('snapshot', running.engine.snapshot());
  };

  const demo = (): DemoControl => {
    if (!demoControl)
      throw new FleetApiError('not-available', 'The simulated fleet is not running in this Fleetscope; start it with `fleetscope serve --demo`.');
    return demoControl;
  };
  // Primaries, and whatever the areas show (mirror farms, storage sources), are targets.
  const knownTarget = (id: string): void => {
    if (running.targetIds.has(id)) return;
    const s = running.engine.snapshot();
    if ([...s.mirrorFarms, ...s.storage].some((t) => t.id === id)) return;
    throw new FleetApiError('not-found', `No target with id "${id}" in this fleet.`);
  };

  const core: Partial<FleetHandlers> = {
    getSnapshot: async () => running.engine.snapshot(),
    getAuditLog: async ({ limit, targetId }) => ({ entries: audit.list({ limit, targetId }) }),
    getHistory: async ({ targetId, metric, rangeSeconds, maxPoints }) => {
      knownTarget(targetId);
      return { points: running.engine.history(targetId, metric, rangeSeconds, maxPoints) };
    },
    pollNow: async ({ targetId }) => {
      if (targetId !== undefined) knownTarget(targetId);
      running.engine.pollNow(targetId);
      return { ok: true };
    },
    getDemoState: async () => demo().state(),
    setDemoFault: async ({ targetId, fault, enabled }) => {
      try {
        const state = await demo().applyFault(targetId, fault, enabled);
        running.engine.pollNow();
        return state;
      } catch (err) {
        if (err instanceof FleetApiError) throw err;
        throw new FleetApiError('invalid-argument', (err as Error).message);
      }
    },
    ...settingsHandlers({
      configPath: opts.configPath ?? defaultConfigPath(env),
      secrets: opts.secrets,
      ...(opts.secretsUnavailableReason ? { secretsUnavailableReason: opts.secretsUnavailableReason } : {}),
      env,
      isDemo: () => demoControl !== undefined,
      reconfigure,
    }),
  };
  const handlers = { ...core } as Record<RequestName, (args: never) => Promise<unknown>>;
  // Area handlers go to the areas of the engine running now: Settings may have replaced them.
  running.areas.forEach((area, i) => {
    for (const name of Object.keys(area.handlers) as RequestName[]) {
      handlers[name] = (args: never) => (running.areas[i]!.handlers[name] as (a: never) => Promise<unknown>)(args);
    }
  });
  const missing = REQUEST_NAMES.filter((name) => typeof handlers[name] !== 'function');
  if (missing.length > 0) throw new Error(`No engine handler for request(s): ${missing.join(', ')}`);

  let stopping: Promise<void> | null = null;
  return {
    get engine() {
      return running.engine;
    },
    handlers: handlers as unknown as FleetHandlers,
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      events.on(event, listener);
      return () => {
        events.off(event, listener);
      };
    },
    stop: () =>
      (stopping ??= (async () => {
        running.unsubscribe();
        offDemo?.();
        await running.engine.stop();
        store.close();
        audit.close();
        await demoControl?.stop();
      })()),
  };
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    // Containers without a passwd entry for the uid: the audit log still needs a name.
    return `uid ${process.getuid?.() ?? '?'}`;
  }
}
