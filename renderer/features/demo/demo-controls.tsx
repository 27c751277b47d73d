import { useShallow } from 'zustand/react/shallow';
import { selectDemoLoadError, selectDemoLoaded, selectDemoPrimaryIds, useDemoStore } from '../../state/demo.store';
import { CachesDemoControls } from '../caches/caches-demo-controls';
import { MirrorsDemoControls } from '../mirrors/mirrors-demo-controls';
import { StorageDemoControls } from '../storage/storage-demo-controls';
import { DemoPrimaryControls } from './demo-primary-controls';
import { ScenarioPanel } from './scenario-panel';

/** Fault switches for the simulated fleet; the engine sees the faults as it would real ones. */
export const DemoControls = () => {
  const ids = useDemoStore(useShallow(selectDemoPrimaryIds));
  const loaded = useDemoStore(selectDemoLoaded);
  const loadError = useDemoStore(selectDemoLoadError);
  return (
    <section className="panel demo-controls" data-testid="demo-controls" aria-labelledby="demo-controls-title">
      <h2 id="demo-controls-title" className="section-title">
        Demo controls
      </h2>
      <p className="muted small">Faults on the simulated fleet. The engine cannot tell them from real ones.</p>
      {loadError && (
        <p className="inline-error" role="alert">
          Could not load the demo state: {loadError}
        </p>
      )}
      {!loaded && !loadError && <p className="muted small">Loading…</p>}
      {loaded && <ScenarioPanel />}
      {ids.map((id) => (
        <DemoPrimaryControls key={id} id={id} />
      ))}
      <CachesDemoControls />
      <MirrorsDemoControls />
      <StorageDemoControls />
    </section>
  );
};
