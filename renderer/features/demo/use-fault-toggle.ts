import { useCallback, useState } from 'react';
import type { DemoFault } from '../../../shared/model';
import { useBridge } from '../../bridge/bridge-context';
import { setDemoFault } from '../../bridge/demo-actions';

export type FaultToggle = {
  /** What the switch shows: the requested value while the request runs, the engine's after. */
  checked: boolean;
  pending: boolean;
  toggle(enabled: boolean): void;
};

/**
 * State of one fault switch. Shows the requested value at once (a checkbox that snaps back
 * until the engine answers reads as broken), then whatever the engine reports.
 */
export const useFaultToggle = (targetId: string, fault: DemoFault, actual: boolean, onError: (message: string | null) => void): FaultToggle => {
  const bridge = useBridge();
  const [requested, setRequested] = useState<boolean | null>(null);
  const toggle = useCallback(
    (enabled: boolean) => {
      // One request per switch at a time: racing answers could leave it showing the wrong one.
      if (requested !== null) return;
      setRequested(enabled);
      onError(null);
      setDemoFault(bridge, { targetId, fault, enabled })
        .catch((error: unknown) => onError(error instanceof Error ? error.message : String(error)))
        .finally(() => setRequested(null));
    },
    [bridge, targetId, fault, onError, requested],
  );
  return { checked: requested ?? actual, pending: requested !== null, toggle };
};
