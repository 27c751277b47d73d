import { STATUS_RANK, type Primary, type Snapshot, type TargetStatus } from '../../../shared/model';
import type { Inventory, InventoryTable } from './inventory-table';
import { countNodesUp } from '../../../shared/logic/nodes';
import { primaryAlerts } from '../alerts';
import type { AreaContext, EngineArea } from '../area';
import type { HistoryStore } from '../store/history-store';
import { primaryFreshness } from './primary-datasets';
import { walkInventory } from './inventory-walk';
import { initialPrimary, readPrimary } from './primary-poller';
import { createPrimaryStatus } from './primary-status';

export interface PrimariesAreaOptions {
  slowThresholdMs?: number;
}

export interface PrimariesArea extends EngineArea {
  /** The primary as last polled. */
  get(primaryId: string): Primary | undefined;
  /** The repositories of the primary's last inventory sweep (empty before the first). */
  inventory(primaryId: string): Inventory;
}

/**
 * The primaries (issue #2) as an area like the others: per primary, one scheduled regular poll
 * (version, cluster, node `/status`) and one scheduled inventory walk on its slower schedule
 * (issue 13: a walk inside the poll made the poll as long as 50 pages), history, alerts and
 * `primaries` in the snapshot. Every other area hears of each poll and each walk through the engine.
 */
export function createPrimariesArea(opts: PrimariesAreaOptions = {}): PrimariesArea {
  const primaries = new Map<string, Primary>();
  // Kept out of the snapshot: 50,000 repositories per primary would make every push heavy.
  const inventories = new Map<string, InventoryTable>();
  // Every primary's first poll and first walk: check and the CLI read both once they are in.
  const pending = new Set<string>();
  let firstResolve: () => void = () => undefined;
  const first = new Promise<void>((r) => (firstResolve = r));
  const settled = (key: string): void => {
    if (pending.delete(key) && pending.size === 0) firstResolve();
  };
  let stopped = false;
  let inventoryIntervalSeconds = 0;

  return {
    name: 'primaries',
    handlers: {},
    get: (id) => primaries.get(id),
    inventory: (id) => inventories.get(id) ?? [],
    start(ctx: AreaContext) {
      const interval = ctx.config.pollIntervalSeconds;
      inventoryIntervalSeconds = ctx.config.inventoryIntervalSeconds;
      const slowThresholdMs = opts.slowThresholdMs ?? 2000;
      for (const pc of ctx.config.primaries) {
        pending.add(`poll:${pc.id}`);
        pending.add(`walk:${pc.id}`);
        const status = createPrimaryStatus({ config: pc, pollIntervalSeconds: interval, slowThresholdMs }, initialPrimary(pc, interval));
        primaries.set(pc.id, status.current());
        const polled = (next: Primary, viaPoll: boolean): void => {
          primaries.set(pc.id, next);
          if (viaPoll) recordHistory(ctx.store, next);
          ctx.primaryPolled(next);
          ctx.publish();
        };
        // One walk of a primary at a time (the reader keeps one state per primary).
        let walking: Promise<unknown> = Promise.resolve();
        const walk = (signal: AbortSignal): ReturnType<typeof walkInventory> => {
          const next = walking.then(() => walkInventory({ config: pc, client: ctx.primaryClient(pc.id), signal, now: ctx.now }));
          walking = next.catch(() => undefined);
          return next;
        };
        const walked = ({ outcome, table }: Awaited<ReturnType<typeof walkInventory>>): Primary => {
          if (table) inventories.set(pc.id, table);
          // The count as the walk read it, at its end; each poll records the last count again.
          if (outcome.result.ok) ctx.store.recordSamples(outcome.at, [[pc.id, 'repos.total', outcome.result.value.counts.total]]);
          return status.walked(outcome);
        };
        ctx.schedule({
          area: 'primary',
          targetId: pc.id,
          intervalMs: interval * 1000,
          run: async (signal) => {
            // A walk that failed is retried with every poll, as part of it, so a fixed credential or
            // a recovered server shows in one poll; a walk that read the inventory is the
            // inventory job's, and no poll waits for it.
            const retry = status.current().datasets.inventory.state === 'failed';
            const [reads, retried] = await Promise.all([
              readPrimary({
                config: pc,
                pollIntervalSeconds: interval,
                client: ctx.primaryClient(pc.id),
                nodeClients: ctx.nodeClients(pc.id),
                signal,
                now: ctx.now,
                slowThresholdMs,
              }),
              retry ? walk(signal) : null,
            ]);
            if (signal.aborted || stopped) return;
            // A walk that failed while this poll read (the inventory job's) is retried now, too.
            const retriedNow = retried ?? (status.current().datasets.inventory.state === 'failed' ? await walk(signal) : null);
            if (signal.aborted || stopped) return;
            if (retriedNow) {
              walked(retriedNow);
              settled(`walk:${pc.id}`);
            }
            const next = status.polled(reads);
            polled(next, true);
            settled(`poll:${pc.id}`);
            // The scheduler backs off after failures; a target that cannot be reached counts as one.
            if (next.status === 'down') throw new Error(next.statusMessage ?? 'down');
          },
        });
        // The inventory walk, its own job on the poll's cadence: it walks when due (the inventory's
        // interval since the last walk that read it). A walk longer than the poll interval delays
        // no poll. After a failed walk the polls retry it until one reads it.
        ctx.schedule({
          area: 'inventory',
          targetId: pc.id,
          intervalMs: (inventoryIntervalSeconds > 0 ? Math.min(interval, inventoryIntervalSeconds) : interval) * 1000,
          run: async (signal) => {
            const prev = status.current();
            const due =
              prev.datasets.inventory.state !== 'failed' && (prev.inventoryAt === null || ctx.now() - prev.inventoryAt >= inventoryIntervalSeconds * 1000);
            if (!due) return;
            const done = await walk(signal);
            if (signal.aborted || stopped) return;
            const next = walked(done);
            // Before the first poll there is no status to show yet, only the counts.
            if (next.lastPollAt === null) {
              primaries.set(pc.id, next);
              ctx.publish();
            } else polled(next, false);
            settled(`walk:${pc.id}`);
          },
        });
      }
      if (pending.size === 0) firstResolve();
    },
    contribute(snapshot: Snapshot) {
      const t = snapshot.generatedAt;
      // Staleness per dataset, each by its own schedule (issue 11 item 2).
      snapshot.primaries = [...primaries.values()].map((p) => primaryFreshness(p, t, inventoryIntervalSeconds));
      snapshot.alerts.push(...primaryAlerts(snapshot.primaries));
    },
    firstPoll: () => first,
    stop: async () => {
      stopped = true;
      firstResolve();
    },
  };
}

function recordHistory(store: HistoryStore, p: Primary): void {
  store.recordPoll({
    targetId: p.id,
    at: p.lastPollAt ?? Date.now(),
    status: p.status,
    durationMs: p.pollDurationMs ?? 0,
    error: p.lastError,
    figures: primaryFigures({
      durationMs: p.pollDurationMs,
      nodesUp: countNodesUp(p.nodes),
      nodesTotal: p.nodes.length,
      reposTotal: p.repositories?.total ?? null,
      status: p.status,
    }),
  });
}

/** What one poll of a primary adds to its history (a live poll, or a past one the demo describes). */
export function primaryFigures(p: {
  durationMs: number | null;
  nodesUp: number;
  nodesTotal: number;
  reposTotal: number | null;
  status: TargetStatus;
}): Record<string, number> {
  return {
    'poll.durationMs': p.durationMs ?? Number.NaN,
    'nodes.up': p.nodesUp,
    'nodes.total': p.nodesTotal,
    'repos.total': p.reposTotal ?? Number.NaN,
    'status.rank': STATUS_RANK[p.status],
  };
}
