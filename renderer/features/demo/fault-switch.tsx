import type { DemoFault } from '../../../shared/model';
import { useActionLock } from '../../components/use-action-lock';
import { useFaultToggle } from './use-fault-toggle';

type Props = {
  targetId: string;
  fault: DemoFault;
  actual: boolean;
  label: string;
  testId: string;
  nodeName?: string;
  onError: (message: string | null) => void;
};

/** A checkbox that switches one fault of the simulated fleet. */
export const FaultSwitch = ({ targetId, fault, actual, label, testId, nodeName, onError }: Props) => {
  const { checked, pending, toggle } = useFaultToggle(targetId, fault, actual, onError);
  const lock = useActionLock();
  return (
    <label className={`fault-switch${checked ? ' fault-switch--on' : ''}`} title={lock.title}>
      <input
        type="checkbox"
        data-testid={testId}
        data-primary-id={targetId}
        data-node-name={nodeName}
        checked={checked}
        aria-busy={pending}
        disabled={lock.locked}
        onChange={(event) => toggle(event.currentTarget.checked)}
      />
      <span>{label}</span>
    </label>
  );
};
