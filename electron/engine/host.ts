import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { FleetApiError, REQUEST_NAMES, type EventName, type EventPayload } from '../../shared/contract';
import type { DemoState } from '../../shared/model';
import { loadConfigFile } from './config/load-config';
import type { FleetConfig } from './config/fleet-config-schema';
import { createEngine, type Engine } from './engine';
import type { FleetHandlers, FleetHost } from './host-types';
import { openHistoryStore } from './store/history-store';
import { createAreas } from './areas';
import { openAuditLog } from './audit/audit-log';

/** What the host needs of a simulated fleet; electron/demo provides it, the engine never sees it. */
export interface DemoControl {
  state(): DemoState;
  setFault: (targetId: string, fault: Parameters<FleetHandlers['setDemoFault']>[0]['fault'], enabled: boolean) => DemoState;
  onChange(listener: (s: DemoState) => void): () => void;
  stop(): Promise<void>;
}

export interface FleetHostOptions {
  /** A fleet config file; ignored when `config` is given. */
  configPath?: string;
  config?: FleetConfig;
  /** Where the history database lives; ':memory:' keeps nothing. */
  dataDir: string;
  /** A running simulated fleet whose config is `config`; enables the demo requests. */
  demo?: DemoControl;
  /** Which shell hosts the engine, for the audit log's actor: `alice (desktop)`. */
  shell?: 'desktop' | 'browser mode' | 'check';
  /** Reported once per config warning, e.g. inline secrets. */
  warn?: (message: string) => void;
  engine?: Partial<Pick<Parameters<typeof createEngine>[0], 'concurrencyPerHost' | 'maxInFlight' | 'slowThresholdMs' | 'publishDelayMs' | 'env'>>;
}

/**
 * The engine as both shells host it: loads the config, opens the history store, starts polling
 * and answers the contract's requests. Electron's main process and `fleetscope serve` both call this.
 */
export async function startFleetHost(opts: FleetHostOptions): Promise<FleetHost & { engine: Engine }> {
  let config = opts.config;
  if (!config) {
    if (!opts.configPath) throw new Error('startFleetHost needs a config or a configPath');
    const loaded = loadConfigFile(opts.configPath);
    loaded.warnings.forEach((w) => opts.warn?.(w));
    config = loaded.config;
  }
  const inMemory = opts.dataDir === ':memory:';
  const store = openHistoryStore({ path: inMemory ? ':memory:' : join(opts.dataDir, 'history.db') });
  const audit = openAuditLog(inMemory ? ':memory:' : join(opts.dataDir, 'audit.db'));
  const areas = createAreas();
  const actor = `${safeUserName()} (${opts.shell ?? 'desktop'})`;
  const engine = createEngine({ config, store, audit, actor, areas, demo: opts.demo !== undefined, ...opts.engine });
  const events = new EventEmitter();
  const unsubscribe = [engine.onSnapshot((s) => events.emit('snapshot', s))];
  if (opts.demo) unsubscribe.push(opts.demo.onChange((s) => events.emit('demo', s)));

  const demo = (): DemoControl => {
    if (!opts.demo) throw new FleetApiError('not-available', 'The simulated fleet is not running in this Fleetscope; start it with `fleetscope serve --demo`.');
    return opts.demo;
  };
  const targetIds = new Set(config.primaries.map((p) => p.id));

  const core: Partial<FleetHandlers> = {
    getSnapshot: async () => engine.snapshot(),
    getAuditLog: async ({ limit, targetId }) => ({ entries: audit.list({ limit, targetId }) }),
    getHistory: async ({ targetId, metric, rangeSeconds, maxPoints }) => {
      if (!targetIds.has(targetId)) throw new FleetApiError('not-found', `No target with id "${targetId}" in this fleet.`);
      return { points: engine.history(targetId, metric, rangeSeconds, maxPoints) };
    },
    pollNow: async ({ targetId }) => {
      if (targetId !== undefined && !targetIds.has(targetId)) throw new FleetApiError('not-found', `No target with id "${targetId}" in this fleet.`);
      engine.pollNow(targetId);
      return { ok: true };
    },
    getDemoState: async () => demo().state(),
    setDemoFault: async ({ targetId, fault, enabled }) => {
      try {
        const state = demo().setFault(targetId, fault, enabled);
        engine.pollNow(targetId);
        return state;
      } catch (err) {
        if (err instanceof FleetApiError) throw err;
        throw new FleetApiError('invalid-argument', (err as Error).message);
      }
    },
  };
  const handlers = Object.assign({}, core, ...areas.map((a) => a.handlers)) as FleetHandlers;
  const missing = REQUEST_NAMES.filter((name) => typeof handlers[name] !== 'function');
  if (missing.length > 0) throw new Error(`No engine handler for request(s): ${missing.join(', ')}`);

  let stopping: Promise<void> | null = null;
  return {
    engine,
    handlers,
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      events.on(event, listener);
      return () => {
        events.off(event, listener);
      };
    },
    stop: () =>
      (stopping ??= (async () => {
        unsubscribe.forEach((u) => u());
        await engine.stop();
        store.close();
        audit.close();
        await opts.demo?.stop();
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
