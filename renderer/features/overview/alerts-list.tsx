import { useShallow } from 'zustand/react/shallow';
import type { Alert } from '../../../shared/model';
import { RelativeTime } from '../../components/relative-time';
import { selectAlerts, selectTargetNames, useFleetStore } from '../../state/fleet.store';

const AlertRow = ({ alert, target }: { alert: Alert; target: string }) => (
  <li className={`alert alert--${alert.severity}`} data-testid="alert" data-severity={alert.severity}>
    <span className={`severity severity--${alert.severity}`}>{alert.severity}</span>
    <span className="alert__title">{alert.title}</span>
    <span className="alert__target">{target}</span>
    <span className="alert__message">{alert.message}</span>
    <RelativeTime at={alert.since} />
  </li>
);

/** Active alerts from the engine, worst first as the engine orders them; nothing when none. */
export const AlertsList = () => {
  const alerts = useFleetStore(selectAlerts);
  const names = useFleetStore(useShallow(selectTargetNames));
  if (alerts.length === 0) return null;
  return (
    <section className="panel alerts" aria-labelledby="alerts-title" data-testid="alerts">
      <h2 id="alerts-title" className="section-title">
        Alerts <span className="count">{alerts.length}</span>
      </h2>
      <ul className="alerts__list">
        {alerts.map((alert) => (
          <AlertRow key={alert.id} alert={alert} target={names[alert.targetId] ?? alert.targetId} />
        ))}
      </ul>
    </section>
  );
};
