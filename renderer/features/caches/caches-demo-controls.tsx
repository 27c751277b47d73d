import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { DemoFault } from '../../../shared/model';
import type { CacheDemoState } from '../../../shared/model/demo-cache';
import { useDemoStore, type DemoStoreState } from '../../state/demo.store';
import { FaultSwitch } from '../demo/fault-switch';

const DISK_FULL: DemoFault = { kind: 'cache-disk-full' };
const PUSH_STORM: DemoFault = { kind: 'cache-push-storm' };
const ODD_BODIES: DemoFault = { kind: 'cache-odd-bodies' };

type CachePrimary = CacheDemoState['primaries'][number];
const NO_PRIMARIES: readonly CachePrimary[] = [];
const selectCachePrimaries = (s: DemoStoreState): readonly CachePrimary[] => s.demo?.cache?.primaries ?? NO_PRIMARIES;

const PrimarySwitches = ({ p }: { p: CachePrimary }) => {
  const [error, setError] = useState<string | null>(null);
  return (
    <fieldset className="demo-primary" data-testid="demo-cache-primary" data-primary-id={p.id}>
      <legend>
        {p.name} · SCM cache{' '}
        <span className="muted small">
          ({p.version}
          {p.refsSupported ? ', ref-advertisement caching' : ''})
        </span>
      </legend>
      <div className="demo-primary__group" role="group" aria-label={`${p.name} SCM cache`}>
        <FaultSwitch targetId={p.id} fault={DISK_FULL} actual={p.faults.diskFull} label="Disk nearly full" testId="demo-cache-disk-full" onError={setError} />
        <FaultSwitch targetId={p.id} fault={PUSH_STORM} actual={p.faults.pushStorm} label="Push storm" testId="demo-cache-push-storm" onError={setError} />
        <FaultSwitch targetId={p.id} fault={ODD_BODIES} actual={p.faults.oddBodies} label="Odd answers" testId="demo-cache-odd-bodies" onError={setError} />
      </div>
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
};

/** Demo switches of the SCM cache: a nearly full disk (the disk guard trips), a push storm, odd answers. */
export const CachesDemoControls = () => {
  const primaries = useDemoStore(useShallow(selectCachePrimaries));
  if (primaries.length === 0) return null;
  return (
    <div className="demo-cache" data-testid="demo-cache-controls">
      {primaries.map((p) => (
        <PrimarySwitches key={p.id} p={p} />
      ))}
    </div>
  );
};
