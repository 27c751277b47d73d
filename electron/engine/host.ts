import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { FleetApiError, type EventName, type EventPayload } from '../../shared/contract';
import type { DemoState } from '../../shared/model';
import { loadConfigFile } from './config/load-config';
import type { FleetConfig } from './config/fleet-config-schema';
import { createEngine, type Engine } from './engine';
import type { FleetHandlers, FleetHost } from './host-types';
import { openHistoryStore } from './store/history-store';

/** What the host needs of a simulated fleet; electron/demo provides it, the engine never sees it. */
export interface DemoControl {
  state(): DemoState;
  setFault: (primaryId: string, fault: Parameters<FleetHandlers['setDemoFault']>[0]['fault'], enabled: boolean) => DemoState;
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
  /** Reported once per config warning, e.g. inline secrets. */
  warn?: (message: string) => void;
  engine?: Partial<Pick<Parameters<typeof createEngine>[0], 'concurrencyPerHost' | 'maxInFlight' | 'slowThresholdMs' | 'publishDelayMs'>>;
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
  const store = openHistoryStore({ path: opts.dataDir === ':memory:' ? ':memory:' : join(opts.dataDir, 'history.db') });
  const engine = createEngine({ config, store, demo: opts.demo !== undefined, ...opts.engine });
  const events = new EventEmitter();
  const unsubscribe = [engine.onSnapshot((s) => events.emit('snapshot', s))];
  if (opts.demo) unsubscribe.push(opts.demo.onChange((s) => events.emit('demo', s)));

  const demo = (): DemoControl => {
    if (!opts.demo) throw new FleetApiError('not-available', 'The simulated fleet is not running in this Fleetscope; start it with `fleetscope serve --demo`.');
    return opts.demo;
  };
  const targetIds = new Set(config.primaries.map((p) => p.id));

  const handlers: FleetHandlers = {
    getSnapshot: async () => engine.snapshot(),
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
    setDemoFault: async ({ primaryId, fault, enabled }) => {
      try {
        const state = demo().setFault(primaryId, fault, enabled);
        engine.pollNow(primaryId);
        return state;
      } catch (err) {
        if (err instanceof FleetApiError) throw err;
        throw new FleetApiError('invalid-argument', (err as Error).message);
      }
    },
  };

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
        await opts.demo?.stop();
      })()),
  };
}
