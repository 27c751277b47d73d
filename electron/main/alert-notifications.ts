import { Notification } from 'electron';
import { createAlertNotifier, type AlertNotification } from '../../shared/logic/alert-notifier';
import { alertRoute } from '../../shared/logic/alert-route';
import { formatRoute } from '../../shared/logic/route';
import type { Snapshot } from '../../shared/model';
import type { FleetHost } from '../host/host-types';

/** What is used of Electron's Notification: a stand-in in tests. */
export interface NotificationApi {
  isSupported(): boolean;
  new (options: { title: string; body: string }): { on(event: 'click', listener: () => void): unknown; show(): void };
}

export interface AlertNotificationOptions {
  host: Pick<FleetHost, 'on'>;
  /** Shows a hash route in the app's window (opening one if none is open). */
  openRoute(hash: string): void;
  now?: () => number;
  NotificationClass?: NotificationApi;
  /** How often alerts held back by the rate limit are looked at again. */
  flushEveryMs?: number;
}

/**
 * The desktop's notifications for new critical and warning alerts, from the same snapshots the
 * push sends to the windows: grouped and rate-limited by the shared notifier (silenced and
 * acknowledged alerts never notify), each opening the page that explains its alert.
 */
export function startAlertNotifications(opts: AlertNotificationOptions): () => void {
  const Api = opts.NotificationClass ?? Notification;
  const notifier = createAlertNotifier({ now: opts.now ?? Date.now });
  let latest: Snapshot | null = null;
  const deliver = (n: AlertNotification | null): void => {
    if (!n || !latest || !Api.isSupported()) return;
    const hash = formatRoute(alertRoute(n.alert, latest));
    const shown = new Api({ title: n.title, body: n.body });
    shown.on('click', () => opts.openRoute(hash));
    shown.show();
  };
  const off = opts.host.on('snapshot', (snapshot) => {
    latest = snapshot;
    deliver(notifier.observe(snapshot));
  });
  const timer = setInterval(() => deliver(notifier.flush()), opts.flushEveryMs ?? 5_000);
  timer.unref();
  return () => {
    off();
    clearInterval(timer);
  };
}
