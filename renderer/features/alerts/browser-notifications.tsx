import { useEffect, useState } from 'react';
import { alertRoute } from '../../../shared/logic/alert-route';
import { createAlertNotifier, type AlertNotification } from '../../../shared/logic/alert-notifier';
import { formatRoute } from '../../../shared/logic/route';
import type { Snapshot } from '../../../shared/model';
import { useBridge } from '../../bridge/bridge-context';
import { useFleetStore } from '../../state/fleet.store';
import { selectNotify, uiActions, useUiStore } from '../../state/ui.store';

/** How often alerts held back by the rate limit are looked at again. */
const FLUSH_EVERY_MS = 5_000;

const supported = (): boolean => typeof window !== 'undefined' && 'Notification' in window;

/** Shows one notification; a click brings this tab forward on the page that explains the alert. */
function show(n: AlertNotification, snapshot: Snapshot): void {
  const shown = new window.Notification(n.title, { body: n.body, tag: `fleetscope:${n.alert.id}` });
  shown.onclick = () => {
    window.focus();
    window.location.hash = formatRoute(alertRoute(n.alert, snapshot));
    shown.close();
  };
}

/**
 * Browser mode: new critical and warning alerts as the browser's notifications, grouped and
 * rate-limited by the shared notifier, once the user switched "Notify me" on and the browser
 * allowed it. The desktop shell notifies from its main process instead.
 */
export function useBrowserNotifications(now: () => number = Date.now): void {
  const bridge = useBridge();
  const enabled = useUiStore(selectNotify);
  useEffect(() => {
    if (!enabled || bridge.transport !== 'http' || !supported()) return undefined;
    const notifier = createAlertNotifier({ now });
    const deliver = (n: AlertNotification | null): void => {
      const snapshot = useFleetStore.getState().snapshot;
      if (n && snapshot && window.Notification.permission === 'granted') show(n, snapshot);
    };
    const first = useFleetStore.getState().snapshot;
    if (first) notifier.observe(first);
    const off = useFleetStore.subscribe((s, prev) => {
      if (s.snapshot && s.snapshot !== prev.snapshot) deliver(notifier.observe(s.snapshot));
    });
    const timer = window.setInterval(() => deliver(notifier.flush()), FLUSH_EVERY_MS);
    return () => {
      off();
      window.clearInterval(timer);
    };
  }, [enabled, bridge, now]);
}

/** "Notify me": asks the browser's permission when switched on; says so when the browser refuses. */
export const NotifyToggle = () => {
  const bridge = useBridge();
  const enabled = useUiStore(selectNotify);
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  if (bridge.transport !== 'http') return null;
  if (!supported()) {
    return (
      <span className="muted small" title="This browser has no Notification API">
        No notifications
      </span>
    );
  }
  const toggle = async (): Promise<void> => {
    setError(null);
    if (enabled) {
      uiActions.setNotify(false);
      return;
    }
    setAsking(true);
    try {
      const permission = window.Notification.permission === 'granted' ? 'granted' : await window.Notification.requestPermission();
      if (permission === 'granted') uiActions.setNotify(true);
      else setError('The browser blocks notifications for this page: allow them in its site settings, then switch Notify me on again.');
    } catch (err) {
      setError(`The browser did not answer the permission request: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setAsking(false);
    }
  };
  return (
    <span className="notify-toggle">
      <button
        type="button"
        className="button button--ghost"
        data-testid="notify-toggle"
        aria-pressed={enabled}
        disabled={asking}
        title={
          error ??
          (enabled ? 'Browser notifications for new critical and warning alerts are on' : 'Show new critical and warning alerts as browser notifications')
        }
        onClick={() => void toggle()}
      >
        {asking ? 'Asking…' : enabled ? 'Notifying' : 'Notify'}
        {!asking && !enabled && <span className="notify-toggle__more"> me</span>}
      </button>
      {error && (
        <span className="inline-error small" role="alert" data-testid="notify-error">
          {error}
        </span>
      )}
    </span>
  );
};
