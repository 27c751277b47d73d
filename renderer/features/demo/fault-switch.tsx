import type { FaultItem } from './fault-groups';
import { useActionLock } from '../../components/use-action-lock';
import { useFaultToggle } from './use-fault-toggle';

type Props = { item: FaultItem; onError: (message: string | null) => void };

/** A switch that turns one fault of the simulated fleet on or off, saying which it is. */
export const FaultSwitch = ({ item, onError }: Props) => {
  const { checked, pending, toggle } = useFaultToggle(item.targetId, item.fault, item.on, onError);
  const lock = useActionLock();
  return (
    <label className={`fault-switch${checked ? ' fault-switch--on' : ''}`} title={lock.title}>
      <input
        type="checkbox"
        role="switch"
        className="fault-switch__input"
        data-testid={item.testId}
        data-primary-id={item.targetId}
        data-node-name={item.nodeName}
        checked={checked}
        aria-checked={checked}
        aria-busy={pending}
        disabled={lock.locked}
        onChange={(event) => toggle(event.currentTarget.checked)}
      />
      <span className="fault-switch__track" aria-hidden="true" />
      <span className="fault-switch__label">{item.label}</span>
      <span className="fault-switch__state" aria-hidden="true">
        {checked ? 'on' : 'off'}
      </span>
    </label>
  );
};
