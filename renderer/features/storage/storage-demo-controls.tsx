import { useMemo, useState } from 'react';
import type { DemoFault } from '../../../shared/model';
import type { StorageDemoCluster } from '../../../shared/model/demo-storage';
import { useDemoStore, type DemoStoreState } from '../../state/demo.store';
import { FaultSwitch } from '../demo/fault-switch';

const selectClusters = (s: DemoStoreState): StorageDemoCluster[] | undefined => s.demo?.storage?.clusters;

/** Short label of a brick in a switch: its server and the last part of its path. */
const brickLabel = (brick: string): string => {
  const [host = brick, path = ''] = brick.split(':');
  return `${host} ${path.split('/').at(-1) ?? ''}`;
};

const ClusterControls = ({ cluster }: { cluster: StorageDemoCluster }) => {
  const [error, setError] = useState<string | null>(null);
  const f = cluster.faults;
  const id = cluster.id;
  const perVolume = useMemo(
    () =>
      cluster.volumes.map((v) => ({
        ...v,
        backlog: { kind: 'gluster-heal-backlog', volume: v.name } as DemoFault,
        split: { kind: 'gluster-split-brain', volume: v.name } as DemoFault,
        disk: { kind: 'gluster-disk-full', volume: v.name } as DemoFault,
        inodes: { kind: 'gluster-inodes-low', volume: v.name } as DemoFault,
        bricks: v.bricks.map((b) => ({ brick: b, fault: { kind: 'gluster-brick-down', volume: v.name, brick: b } as DemoFault })),
      })),
    [cluster.volumes],
  );
  const peers = useMemo(
    () =>
      cluster.peers.map((p) => ({
        peer: p,
        fault: { kind: 'gluster-peer-disconnected', peer: p } as DemoFault,
        nodeDown: { kind: 'gluster-node-down', peer: p } as DemoFault,
      })),
    [cluster.peers],
  );
  const georep = useMemo<DemoFault>(() => ({ kind: 'gluster-georep-faulty' }), []);
  const glusterd = useMemo<DemoFault>(() => ({ kind: 'gluster-glusterd-down' }), []);
  return (
    <fieldset className="demo-primary demo-storage" data-testid="demo-storage" data-storage-id={id}>
      <legend>{cluster.name}</legend>
      {perVolume.map((v) => (
        <div key={v.name} className="demo-primary__group" role="group" aria-label={`${v.name} faults`} data-volume={v.name}>
          <span className="demo-storage__volume mono">{v.name}</span>
          {v.bricks.map(({ brick, fault }) => (
            <FaultSwitch
              key={brick}
              targetId={id}
              fault={fault}
              actual={f.bricksDown.some((d) => d.volume === v.name && d.brick === brick)}
              label={`${brickLabel(brick)} down`}
              testId="demo-gluster-brick-down"
              nodeName={brick}
              onError={setError}
            />
          ))}
          <FaultSwitch
            targetId={id}
            fault={v.backlog}
            actual={f.healBacklog.includes(v.name)}
            label="Heal backlog"
            testId="demo-gluster-heal-backlog"
            onError={setError}
          />
          <FaultSwitch
            targetId={id}
            fault={v.split}
            actual={f.splitBrain.includes(v.name)}
            label="Split-brain"
            testId="demo-gluster-split-brain"
            onError={setError}
          />
          <FaultSwitch
            targetId={id}
            fault={v.disk}
            actual={f.diskFull.includes(v.name)}
            label="Disk nearly full"
            testId="demo-gluster-disk-full"
            onError={setError}
          />
          <FaultSwitch
            targetId={id}
            fault={v.inodes}
            actual={f.inodesLow.includes(v.name)}
            label="Inodes nearly out"
            testId="demo-gluster-inodes-low"
            onError={setError}
          />
        </div>
      ))}
      <div className="demo-primary__group" role="group" aria-label={`${cluster.name} cluster`}>
        {peers.map(({ peer, fault }) => (
          <FaultSwitch
            key={peer}
            targetId={id}
            fault={fault}
            actual={f.peersDisconnected.includes(peer)}
            label={`${peer} disconnected`}
            testId="demo-gluster-peer-disconnected"
            nodeName={peer}
            onError={setError}
          />
        ))}
        {peers.map(({ peer, nodeDown }) => (
          <FaultSwitch
            key={`${peer}-down`}
            targetId={id}
            fault={nodeDown}
            actual={f.nodesDown.includes(peer)}
            label={`${peer} lost (glusterd and bricks)`}
            testId="demo-gluster-node-down"
            nodeName={peer}
            onError={setError}
          />
        ))}
        <FaultSwitch
          targetId={id}
          fault={georep}
          actual={f.geoRepFaulty}
          label="Geo-replication Faulty"
          testId="demo-gluster-georep-faulty"
          onError={setError}
        />
        <FaultSwitch
          targetId={id}
          fault={glusterd}
          actual={f.glusterdDown}
          label={`glusterd down on ${cluster.server}`}
          testId="demo-gluster-glusterd-down"
          onError={setError}
        />
      </div>
      {error && (
        <p className="inline-error" role="alert" data-testid="demo-error">
          {error}
        </p>
      )}
    </fieldset>
  );
};

/** Fault switches of the simulated GlusterFS cluster (`DemoState.storage`). */
export const StorageDemoControls = () => {
  const clusters = useDemoStore(selectClusters);
  if (!clusters || clusters.length === 0) return null;
  return (
    <>
      {clusters.map((c) => (
        <ClusterControls key={c.id} cluster={c} />
      ))}
    </>
  );
};
