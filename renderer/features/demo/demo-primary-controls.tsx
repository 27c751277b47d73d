import { useCallback, useMemo, useState } from 'react';
import type { DemoFault } from '../../../shared/model';
import { selectDemoPrimary, useDemoStore, type DemoStoreState } from '../../state/demo.store';
import { FaultSwitch } from './fault-switch';

const SLOW: DemoFault = { kind: 'slow' };
const SERVER_ERROR: DemoFault = { kind: 'server-error' };
const HTML_LOGIN: DemoFault = { kind: 'html-login' };

/** The fault switches of one simulated primary, with the last failure shown inline. */
export const DemoPrimaryControls = ({ id }: { id: string }) => {
  const primary = useDemoStore(useCallback((s: DemoStoreState) => selectDemoPrimary(id)(s), [id]));
  const [error, setError] = useState<string | null>(null);
  const nodeFaults = useMemo(() => (primary?.nodes ?? []).map((node): [string, DemoFault] => [node, { kind: 'node-down', node }]), [primary?.nodes]);
  if (!primary) return null;
  const { faults } = primary;
  return (
    <fieldset className="demo-primary" data-testid="demo-primary" data-primary-id={id}>
      <legend>{primary.name}</legend>
      <div className="demo-primary__group" role="group" aria-label={`${primary.name} nodes`}>
        {nodeFaults.map(([node, fault]) => (
          <FaultSwitch
            key={node}
            targetId={id}
            fault={fault}
            actual={faults.nodesDown.includes(node)}
            label={`${node} down`}
            testId="demo-node-down"
            nodeName={node}
            onError={setError}
          />
        ))}
      </div>
      <div className="demo-primary__group" role="group" aria-label={`${primary.name} responses`}>
        <FaultSwitch targetId={id} fault={SLOW} actual={faults.slowMs > 0} label="Slow responses" testId="demo-slow" onError={setError} />
        <FaultSwitch targetId={id} fault={SERVER_ERROR} actual={faults.serverError} label="5xx errors" testId="demo-server-error" onError={setError} />
        <FaultSwitch targetId={id} fault={HTML_LOGIN} actual={faults.htmlLogin} label="HTML login page" testId="demo-html-login" onError={setError} />
      </div>
      {error && (
        <p className="inline-error" role="alert" data-testid="demo-error">
          {error}
        </p>
      )}
    </fieldset>
  );
};
