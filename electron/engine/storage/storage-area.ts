import { historyWindow } from '../../../shared/contract/history-args';
import { FleetApiError, type StorageRequestName } from '../../../shared/contract';
import { lttb } from '../../../shared/logic/lttb';
import type { Alert, Snapshot, StorageSource } from '../../../shared/model';
import type { AreaContext, EngineArea } from '../area';
import type { StorageSourceConfig } from '../config/storage-config-schema';
import { createLocalRunner } from './local-runner';
import type { GlusterRunner } from './runner';
import { createSshRunner } from './ssh-runner';
import { StorageSourcePoller } from './storage-source';

export interface StorageAreaOptions {
  /** Builds the runner of a source; tests substitute their own. */
  runnerFor?: (config: StorageSourceConfig) => GlusterRunner;
}

export const defaultRunner = (config: StorageSourceConfig): GlusterRunner =>
  'ssh' in config.gluster ? createSshRunner(config.gluster.ssh) : createLocalRunner(config.gluster.local.command);

/**
 * The GlusterFS volume health area. Per configured cluster, two scheduled entries: the full poll
 * with heal info on the slower heal schedule, and the regular poll without it. `storage[]` and its alerts in
 * the snapshot, and the volumes' history.
 */
export function createStorageArea(opts: StorageAreaOptions = {}): EngineArea<StorageRequestName> {
  const pollers = new Map<string, StorageSourcePoller>();
  const runners: GlusterRunner[] = [];
  const pending = new Set<string>();
  let resolveFirst: () => void = () => undefined;
  const first = new Promise<void>((r) => (resolveFirst = r));
  let ctx: AreaContext | null = null;

  return {
    name: 'storage',
    handlers: {
      getStorageHistory: async ({ storageId, volume, metric, maxPoints, ...window }) => {
        if (!ctx || !pollers.has(storageId)) throw new FleetApiError('not-found', `No storage source with id "${storageId}" in this fleet.`);
        const { from, to } = historyWindow(window, ctx.now());
        const points = ctx.store.series(storageId, `${metric}:${volume}`, from, to);
        return { points: lttb(points, maxPoints).map(([a, b]) => [a, b] as [number, number]) };
      },
    },
    start(context) {
      ctx = context;
      const primaryIds = new Set(context.config.primaries.map((p) => p.id));
      for (const sc of context.config.storage) {
        if (primaryIds.has(sc.id)) {
          throw new Error(`storage id "${sc.id}" is also the id of a primary; give the storage entry its own id.`);
        }
        const runner = (opts.runnerFor ?? defaultRunner)(sc);
        runners.push(runner);
        const intervalSeconds = sc.pollIntervalSeconds ?? context.config.pollIntervalSeconds;
        const poller = new StorageSourcePoller(sc, { runner, store: context.store, now: context.now, pollIntervalSeconds: intervalSeconds });
        pollers.set(sc.id, poller);
        pending.add(sc.id);
        // Polls of one source never overlap: they share one SSH connection and one memory.
        let queue: Promise<void> = Promise.resolve();
        const serially = (signal: AbortSignal, task: () => Promise<void>): Promise<void> => {
          const next = queue.then(() => (signal.aborted ? undefined : task()));
          queue = next.catch(() => undefined);
          return next;
        };
        const finished = (signal: AbortSignal): void => {
          if (signal.aborted) return;
          if (pending.delete(sc.id) && pending.size === 0) resolveFirst();
          context.publish();
        };
        // The full poll, heal info included, on its own slower schedule; polling the source now
        // (poll-now, a demo fault) runs it, and the regular poll then skips.
        context.schedule({
          area: 'storage',
          targetId: sc.id,
          intervalMs: sc.healIntervalSeconds * 1000,
          run: (signal) => serially(signal, () => poller.poll(signal, 'always')).finally(() => finished(signal)),
        });
        // The regular poll without heal info; skipped before the first full poll and when a poll just ran.
        context.schedule({
          area: 'storage-status',
          targetId: sc.id,
          intervalMs: intervalSeconds * 1000,
          run: (signal) =>
            serially(signal, async () => {
              const last = poller.lastPollAt;
              if (last === null || context.now() - last < intervalSeconds * 500) return;
              await poller.poll(signal, 'never');
            }).finally(() => {
              if (!signal.aborted) context.publish();
            }),
        });
      }
      if (pending.size === 0) resolveFirst();
    },
    contribute(snapshot: Snapshot) {
      const t = ctx?.now() ?? Date.now();
      for (const p of pollers.values()) {
        const source = p.snapshot(t);
        snapshot.storage.push(source);
        snapshot.alerts.push(...storageAlerts(source));
      }
    },
    firstPoll: () => first,
    async stop() {
      await Promise.all(runners.map((r) => r.close()));
    },
  };
}

/** Alerts of one source: unreachable or unreadable, and every raised warning or critical finding. */
export function storageAlerts(s: StorageSource): Alert[] {
  const alerts: Alert[] = [];
  const since = s.lastSuccessAt ?? s.lastPollAt ?? 0;
  if (s.lastError && s.lastPollAt !== null) {
    alerts.push({
      id: `${s.id}:${s.status}`,
      severity: s.status === 'down' ? 'critical' : 'warning',
      targetId: s.id,
      title: s.status === 'down' ? `${s.name} is unreachable` : `${s.name} cannot be checked`,
      message: s.lastError.message,
      since,
    });
  }
  const findings = [...s.findings, ...s.volumes.flatMap((v) => v.findings)];
  for (const f of findings) {
    if (f.state === 'confirming' || f.severity === 'info') continue;
    alerts.push({ id: `${s.id}:${f.id}`, severity: f.severity, targetId: s.id, title: `${s.name}: ${f.title}`, message: f.explanation, since: f.since });
  }
  return alerts;
}
