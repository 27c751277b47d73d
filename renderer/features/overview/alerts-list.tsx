import { useShallow } from 'zustand/react/shallow';
import { isMuted } from '../../../shared/logic/alert-lifecycle';
import type { Alert } from '../../../shared/model';
import { alertRoute } from '../../../shared/logic/alert-route';
import { formatRoute, viewRoute, type Route } from '../../../shared/logic/route';
import { RelativeTime } from '../../components/relative-time';
import { selectAlerts, selectTargetNames, useFleetStore } from '../../state/fleet.store';
import { AlertActions, MuteNote } from '../alerts/alert-actions';

/** Each alert is a link to the page that explains it (alertRoute); muted ones (acknowledged, silenced) stay listed, dimmed. */
const AlertRow = ({ alert, target, route }: { alert: Alert; target: string; route: Route }) => {
  const muted = isMuted(alert);
  return (
    <li
      className={`alert alert--${alert.severity} alert--link${muted ? ' alert--muted' : ''}`}
      data-testid="alert"
      data-severity={alert.severity}
      data-alert-id={alert.id}
      data-muted={muted ? (alert.silence ? 'silenced' : 'acknowledged') : undefined}
    >
      <a href={formatRoute(route)} className="alert__link" data-testid="alert-link" data-view={route.view}>
        <span className={`severity severity--${alert.severity}`}>{alert.severity}</span>
        <span className="alert__title">{alert.title}</span>
        <span className="alert__target">{target}</span>
        <span className="alert__message">{alert.message}</span>
        <RelativeTime at={alert.since} />
      </a>
      {muted && <MuteNote alert={alert} />}
      <AlertActions alert={alert} />
    </li>
  );
};

/** Active alerts from the engine, worst first as the engine orders them, muted ones last; nothing when none. */
export const AlertsList = () => {
  const alerts = useFleetStore(selectAlerts);
  const snapshot = useFleetStore((s) => s.snapshot);
  const names = useFleetStore(useShallow(selectTargetNames));
  if (alerts.length === 0) return null;
  const live = alerts.filter((a) => !isMuted(a));
  const ordered = [...live, ...alerts.filter(isMuted)];
  return (
    <section className="panel alerts" aria-labelledby="alerts-title" data-testid="alerts">
      <h2 id="alerts-title" className="section-title">
        Alerts <span className="count">{live.length}</span>
        {live.length < alerts.length && <span className="muted small"> and {alerts.length - live.length} muted</span>}
      </h2>
      <ul className="alerts__list">
        {ordered.map((alert) => (
          <AlertRow
            key={alert.id}
            alert={alert}
            target={names[alert.targetId] ?? alert.targetId}
            route={snapshot ? alertRoute(alert, snapshot) : viewRoute('overview')}
          />
        ))}
      </ul>
    </section>
  );
};
