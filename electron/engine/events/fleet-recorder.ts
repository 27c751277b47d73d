import { auditEvent, snapshotEvents } from '../../../shared/logic/events/fleet-events';
import type { Snapshot } from '../../../shared/model';
import type { AuditLog } from '../audit/audit-log';
import type { HistoryStore } from '../store/history-store';
import { createAlertLifecycle } from './alert-lifecycle';

/** Audit entries begun this long before a change are taken as its cause ("by admin alice (desktop)"). */
const CAUSE_WINDOW_MS = 60_000;

/**
 * Between the engine and the shells: every published snapshot passes through here once. The alert
 * lifecycle marks its alerts (acknowledged, silenced), the diff with the previous one becomes
 * events in the store, and the marked snapshot goes on to the clients. Outlives engine restarts
 * (Settings), like the history and the audit log.
 */
export function createFleetRecorder(opts: { store: HistoryStore; audit: AuditLog; now: () => number }) {
  const lifecycle = createAlertLifecycle(opts.store, opts.now);
  let previous: Snapshot | null = null;

  return {
    lifecycle,
    /** The snapshot as clients see it; records what changed since the last one. */
    publish(snapshot: Snapshot): Snapshot {
      lifecycle.observe(snapshot.alerts);
      const marked = lifecycle.annotate(snapshot);
      const cutoff = snapshot.generatedAt - CAUSE_WINDOW_MS;
      const recentActions = opts.audit.list({ limit: 20 }).filter((a) => a.startedAt >= cutoff);
      const events = snapshotEvents(previous, marked, { recentActions });
      if (events.length > 0) opts.store.recordEvents(events);
      previous = marked;
      return marked;
    },
    /** The snapshot marked by the lifecycle, without recording (a client asking for it). */
    view: (snapshot: Snapshot): Snapshot => lifecycle.annotate(snapshot),
    /** An audited action, once completed, as an event. */
    auditFinished: (entry: Parameters<typeof auditEvent>[0]): void => opts.store.recordEvents([auditEvent(entry)]),
  };
}

export type FleetRecorder = ReturnType<typeof createFleetRecorder>;
