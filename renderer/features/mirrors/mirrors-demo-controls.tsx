import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { DemoFault } from '../../../shared/model';
import type { MirrorsDemoState } from '../../../shared/model/demo-mirrors';
import { useDemoStore, type DemoStoreState } from '../../state/demo.store';
import { FaultSwitch } from '../demo/fault-switch';

const selectMirrors = (s: DemoStoreState): MirrorsDemoState | undefined => s.demo?.mirrors;
/** Builds a new object each call: read it through `useShallow`. */
const selectPrimaryNames = (s: DemoStoreState): Record<string, string> => Object.fromEntries((s.demo?.primaries ?? []).map((p) => [p.id, p.name]));

type Farm = MirrorsDemoState['farms'][number];

const FarmSwitches = ({ farm, onError }: { farm: Farm; onError(m: string | null): void }) => {
  const { faults } = farm;
  const last = farm.nodes.at(-1) ?? '';
  const failing = (node: string) => faults.failing.find((f) => f.node === node);
  const mismatch = faults.hashMismatch.find((m) => m.node === last);
  const active = faults.nodesOffline.length + faults.failing.length + faults.hashMismatch.length + (faults.behind ? 1 : 0);
  return (
    <details className="demo-mirror" data-testid="demo-mirror" data-mirror-id={farm.id}>
      <summary className="small">
        {farm.name} ({farm.api}, {farm.mirrorType === 'FARM' ? `${farm.nodes.length} nodes` : 'single'})
        {active > 0 && <span className="demo-mirror__active"> · {active} on</span>}
      </summary>
      <div className="demo-primary__group" role="group" aria-label={`${farm.name} faults`}>
        {farm.nodes.map((node) => (
          <FaultSwitch
            key={`off:${node}`}
            targetId={farm.id}
            fault={{ kind: 'mirror-node-offline', node } satisfies DemoFault}
            actual={faults.nodesOffline.includes(node)}
            label={`${node} offline`}
            testId="demo-mirror-node-offline"
            nodeName={node}
            onError={onError}
          />
        ))}
        {farm.nodes.map((node) => (
          <FaultSwitch
            key={`fail:${node}`}
            targetId={farm.id}
            fault={{ kind: 'mirror-repo-failing', node } satisfies DemoFault}
            actual={failing(node) !== undefined}
            label={failing(node) ? `${failing(node)?.repo} failing on ${node}` : `A repository failing on ${node}`}
            testId="demo-mirror-repo-failing"
            nodeName={node}
            onError={onError}
          />
        ))}
        <FaultSwitch
          targetId={farm.id}
          fault={{ kind: 'mirror-farm-behind' }}
          actual={faults.behind}
          label="Falling behind (queue grows)"
          testId="demo-mirror-behind"
          onError={onError}
        />
        <FaultSwitch
          targetId={farm.id}
          fault={{ kind: 'mirror-hash-mismatch', node: last }}
          actual={mismatch !== undefined}
          label={mismatch ? `Hash mismatch: ${mismatch.repo} on ${last}` : `Hash mismatch on ${last}`}
          testId="demo-mirror-hash-mismatch"
          nodeName={last}
          onError={onError}
        />
      </div>
    </details>
  );
};

/** Demo switches of the mirror farms: nodes offline, failing repositories, a farm behind, hash mismatches, new mirrors asking. */
export const MirrorsDemoControls = () => {
  const mirrors = useDemoStore(selectMirrors);
  const names = useDemoStore(useShallow(selectPrimaryNames));
  const [error, setError] = useState<string | null>(null);
  if (!mirrors) return null;
  const accepted = mirrors.farms.filter((f) => f.registration === 'accepted');
  return (
    <fieldset className="demo-primary demo-mirrors" data-testid="demo-mirrors">
      <legend>Mirrors</legend>
      {mirrors.primaries.map((p) => (
        <div key={p.primaryId} className="demo-primary__group" role="group" aria-label={`Mirroring of ${p.primaryId}`}>
          <FaultSwitch
            targetId={p.primaryId}
            fault={{ kind: 'mirror-request' }}
            actual={p.pendingRequests > 0}
            label={`A new mirror asks ${names[p.primaryId] ?? p.primaryId} to be authorized`}
            testId="demo-mirror-request"
            onError={setError}
          />
          <FaultSwitch
            targetId={p.primaryId}
            fault={{ kind: 'mirroring-unavailable', reason: 'plugin-disabled' }}
            actual={p.unavailable !== null}
            label={`Mirroring unavailable on ${names[p.primaryId] ?? p.primaryId}${p.unavailable === 'no-licence' ? ' (409)' : ' (404)'}`}
            testId="demo-mirroring-unavailable"
            onError={setError}
          />
        </div>
      ))}
      {accepted.map((farm) => (
        <FarmSwitches key={farm.id} farm={farm} onError={setError} />
      ))}
      {error && (
        <p className="inline-error" role="alert" data-testid="demo-error">
          {error}
        </p>
      )}
    </fieldset>
  );
};
