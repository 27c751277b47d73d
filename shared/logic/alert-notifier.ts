import type { Alert, Snapshot } from '../model';

/** One desktop notification: the first new alert, and how many more came with it. */
export interface AlertNotification {
  title: string;
  body: string;
  /** The alert the notification opens (the page that explains it). */
  alert: Alert;
  /** Fingerprints of every alert this notification stands for. */
  alertIds: string[];
}

export interface AlertNotifierOptions {
  now: () => number;
  /** At most one notification per this many milliseconds; the rest wait and are grouped ("and N more"). */
  minIntervalMs?: number;
}

export const NOTIFY_INTERVAL_MS = 30_000;

const notifies = (a: Alert): boolean => (a.severity === 'critical' || a.severity === 'warning') && !a.silence && !a.ack;

const SEVERITY_ORDER = { critical: 0, warning: 1, info: 2 } as const;

/**
 * Decides which alerts become desktop notifications: new critical and warning alerts that are not
 * silenced (nor acknowledged), grouped and rate-limited. An alert that was muted and is muted no
 * more (its silence expired) is new again. The first snapshot is a baseline: what was already
 * firing when the window opened does not pop up. Pure over the snapshots and the injected clock;
 * the shells show what it answers (Electron's Notification, the browser's Notification API).
 */
export function createAlertNotifier(opts: AlertNotifierOptions) {
  const interval = opts.minIntervalMs ?? NOTIFY_INTERVAL_MS;
  let seen: Set<string> | null = null;
  let pending: Alert[] = [];
  let lastAt = Number.NEGATIVE_INFINITY;

  const flush = (): AlertNotification | null => {
    const now = opts.now();
    if (pending.length === 0 || now - lastAt < interval) return null;
    const group = [...pending].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
    const first = group[0] as Alert;
    pending = [];
    lastAt = now;
    const more = group.length - 1;
    return {
      title: `${first.severity === 'critical' ? 'Critical' : 'Warning'}: ${first.title}`,
      body: more > 0 ? `${first.message} — and ${more} more alert${more === 1 ? '' : 's'}` : first.message,
      alert: first,
      alertIds: group.map((a) => a.id),
    };
  };

  return {
    /** Takes the latest snapshot; answers the notification to show now, if any. */
    observe(snapshot: Pick<Snapshot, 'alerts'>): AlertNotification | null {
      const live = snapshot.alerts.filter(notifies);
      const ids = new Set(live.map((a) => a.id));
      if (seen === null) {
        seen = ids;
        return null;
      }
      const previous = seen;
      const fresh = live.filter((a) => !previous.has(a.id) && !pending.some((p) => p.id === a.id));
      // Waiting ones that resolved or were muted meanwhile are dropped: they no longer need anyone.
      pending = [...pending.filter((p) => ids.has(p.id)), ...fresh];
      seen = ids;
      return flush();
    },
    /** Shows what waited out the rate limit; the shells call it on a timer. */
    flush,
  };
}
