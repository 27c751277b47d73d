import { useMemo } from 'react';
import { selectDemo, useDemoStore } from '../../state/demo.store';
import { faultGroups, faultsOn } from './fault-groups';
import { presenterActions, selectPresenterOpen, usePresenterStore } from './presenter-store';

/**
 * The header's demo tag is also its way into the presenter drawer (one item where a narrow header
 * has room for one), with how many faults are on.
 */
export const PresenterButton = () => {
  const open = usePresenterStore(selectPresenterOpen);
  const demo = useDemoStore(selectDemo);
  const on = useMemo(() => (demo ? faultsOn(faultGroups(demo)) : 0), [demo]);
  return (
    <button
      type="button"
      className="tag tag--demo presenter-button"
      data-testid="open-presenter"
      aria-expanded={open}
      aria-label="Demo fleet: presenter controls"
      title="The engine also runs the simulated demo fleet. Presenter controls: faults, speed, kiosk (P)"
      onClick={presenterActions.toggle}
    >
      Demo fleet
      {on > 0 && (
        <span className="presenter-button__on" data-testid="presenter-faults-on" title={`${on} faults switched on`}>
          {on}
        </span>
      )}
    </button>
  );
};
