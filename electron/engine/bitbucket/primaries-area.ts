import { STATUS_RANK, type Primary, type Snapshot, type TargetStatus } from '../../../shared/model';
import type { Inventory, InventoryTable } from './inventory-table';
import { countNodesUp } from '../../../shared/logic/nodes';
import { primaryAlerts } from '../alerts';
import type { AreaContext, EngineArea } from '../area';
import type { HistoryStore } from '../store/history-store';
import { primaryFreshness } from './primary-datasets';
import { initialPrimary, pollPrimary } from './primary-poller';

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
 * The primaries (issue #2) as an area like the others: one scheduled poll per primary (version,
 * cluster, node `/status`, the repository inventory on its slower schedule), history, alerts and
 * `primaries` in the snapshot. Every other area hears of each poll through the engine.
 */
export function createPrimariesArea(opts: PrimariesAreaOptions = {}): PrimariesArea {
  const primaries = new Map<string, Primary>();
  // Kept out of the snapshot: 50,000 repositories per primary would make every push heavy.
  const inventories = new Map<string, InventoryTable>();
  const pending = new Set<string>();
  let firstResolve: () => void = () => undefined;
  const first = new Promise<void>((r) => (firstResolve = r));
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
      for (const pc of ctx.config.primaries) {
        primaries.set(pc.id, initialPrimary(pc, interval));
        pending.add(pc.id);
        ctx.schedule({
          area: 'primary',
          targetId: pc.id,
          intervalMs: interval * 1000,
          run: async (signal) => {
            const prev = primaries.get(pc.id)!;
            // A failed inventory is retried every poll, so a fixed credential shows at once.
            const inventoryDue =
              prev.inventoryAt === null ||
              prev.datasets.inventory.state === 'failed' ||
              ctx.now() - prev.inventoryAt >= ctx.config.inventoryIntervalSeconds * 1000;
            const next = await pollPrimary(
              {
                config: pc,
                pollIntervalSeconds: interval,
                client: ctx.primaryClient(pc.id),
                nodeClients: ctx.nodeClients(pc.id),
                signal,
                now: ctx.now,
                slowThresholdMs: opts.slowThresholdMs ?? 2000,
                inventoryDue,
                onInventory: (repos) => void inventories.set(pc.id, repos),
              },
              prev,
            );
            if (signal.aborted || stopped) return;
            primaries.set(pc.id, next);
            recordHistory(ctx.store, next);
            ctx.primaryPolled(next);
            if (pending.delete(pc.id) && pending.size === 0) firstResolve();
            ctx.publish();
            // The scheduler backs off after failures; a target that cannot be reached counts as one.
            if (next.status === 'down') throw new Error(next.statusMessage ?? 'down');
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
