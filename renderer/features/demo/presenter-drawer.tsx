import { useEffect } from 'react';
import { KioskControls } from '../../app/kiosk';
import { selectDemo, selectDemoLoadError, useDemoStore } from '../../state/demo.store';
import { selectDemoEnabled, useFleetStore } from '../../state/fleet.store';
import { FaultList } from './fault-list';
import { presenterActions, selectPresenterOpen, usePresenterStore } from './presenter-store';
import { ScenarioPanel } from './scenario-panel';
import { SpeedControl } from './speed-control';

/**
 * The presenter's controls, over whichever view is shown: scenarios, speed, kiosk and every
 * fault of the simulated fleet. Only with the demo fleet: a real fleet has nothing to switch.
 */
export const PresenterDrawer = () => {
  const demoFleet = useFleetStore(selectDemoEnabled);
  const open = usePresenterStore(selectPresenterOpen);
  const demo = useDemoStore(selectDemo);
  const loadError = useDemoStore(selectDemoLoadError);
  useEffect(() => {
    if (!demoFleet) presenterActions.close();
  }, [demoFleet]);
  if (!demoFleet || !open) return null;
  return (
    <aside
      className="presenter"
      data-testid="presenter-drawer"
      aria-labelledby="presenter-title"
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        // Esc closes the drawer first; kiosk mode (if on) stays until the next Esc.
        e.preventDefault();
        presenterActions.close();
      }}
    >
      <header className="presenter__header">
        <h2 id="presenter-title" className="presenter__title">
          Presenter controls
        </h2>
        <span className="muted small">
          <kbd>P</kbd> opens and closes
        </span>
        <button
          type="button"
          className="button button--ghost"
          data-testid="presenter-close"
          aria-label="Close the presenter controls"
          onClick={presenterActions.close}
        >
          ✕
        </button>
      </header>
      <div className="presenter__body">
        {loadError && (
          <p className="inline-error" role="alert">
            Could not load the demo state: {loadError} Fleetscope reads it again with the next update from the engine.
          </p>
        )}
        {demo === null ? (
          !loadError && <p className="muted small">Loading the demo state…</p>
        ) : (
          <>
            {/* First in the drawer: the scenarios and "Reset to a healthy fleet" (issue 17 item 2). */}
            <ScenarioPanel />
            <SpeedControl speed={demo.speed} />
            <KioskControls />
            <FaultList demo={demo} autoFocus />
          </>
        )}
      </div>
    </aside>
  );
};
