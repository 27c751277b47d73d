import type { DemoFault } from '../../../shared/model';
import { useFaultToggle } from './use-fault-toggle';

type Props = {
  primaryId: string;
  fault: DemoFault;
  actual: boolean;
  label: string;
  testId: string;
  nodeName?: string;
  onError: (message: string | null) => void;
};

/** A checkbox that switches one fault of the simulated fleet. */
export const FaultSwitch = ({ primaryId, fault, actual, label, testId, nodeName, onError }: Props) => {
  const { checked, pending, toggle } = useFaultToggle(primaryId, fault, actual, onError);
  return (
    <label className={`fault-switch${checked ? ' fault-switch--on' : ''}`}>
      <input
        type="checkbox"
        data-testid={testId}
        data-primary-id={primaryId}
        data-node-name={nodeName}
        checked={checked}
        aria-busy={pending}
        onChange={(event) => toggle(event.currentTarget.checked)}
      />
      <span>{label}</span>
    </label>
  );
};
