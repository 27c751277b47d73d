import type { DemoFault, DemoState } from '../../../shared/model/demo';

export interface ActiveFault {
  targetId: string;
  fault: DemoFault;
}

/**
 * Every fault switched on in `state`, as the switch that turns it off takes it. A mirror's
 * pending authorization request is left out: the healthy fleet has one on purpose.
 */
export function activeFaults(state: DemoState): ActiveFault[] {
  const out: ActiveFault[] = [];
  const on = (targetId: string, fault: DemoFault, when: boolean): void => {
    if (when) out.push({ targetId, fault });
  };
  for (const p of state.primaries) {
    p.faults.nodesDown.forEach((node) => on(p.id, { kind: 'node-down', node }, true));
    on(p.id, { kind: 'slow' }, p.faults.slowMs > 0);
    on(p.id, { kind: 'server-error' }, p.faults.serverError);
    on(p.id, { kind: 'html-login' }, p.faults.htmlLogin);
  }
  for (const c of state.cache?.primaries ?? []) {
    on(c.id, { kind: 'cache-disk-full' }, c.faults.diskFull);
    on(c.id, { kind: 'cache-push-storm' }, c.faults.pushStorm);
    on(c.id, { kind: 'cache-odd-bodies' }, c.faults.oddBodies);
  }
  for (const f of state.mirrors?.farms ?? []) {
    f.faults.nodesOffline.forEach((node) => on(f.id, { kind: 'mirror-node-offline', node }, true));
    new Set(f.faults.failing.map((r) => r.node)).forEach((node) => on(f.id, { kind: 'mirror-repo-failing', node }, true));
    new Set(f.faults.hashMismatch.map((r) => r.node)).forEach((node) => on(f.id, { kind: 'mirror-hash-mismatch', node }, true));
    on(f.id, { kind: 'mirror-farm-behind' }, f.faults.behind);
  }
  for (const p of state.mirrors?.primaries ?? []) on(p.primaryId, { kind: 'mirroring-unavailable' }, p.unavailable !== null);
  for (const c of state.storage?.clusters ?? []) {
    const { faults } = c;
    faults.bricksDown.forEach(({ volume, brick }) => on(c.id, { kind: 'gluster-brick-down', volume, brick }, true));
    faults.healBacklog.forEach((volume) => on(c.id, { kind: 'gluster-heal-backlog', volume }, true));
    faults.splitBrain.forEach((volume) => on(c.id, { kind: 'gluster-split-brain', volume }, true));
    faults.diskFull.forEach((volume) => on(c.id, { kind: 'gluster-disk-full', volume }, true));
    faults.inodesLow.forEach((volume) => on(c.id, { kind: 'gluster-inodes-low', volume }, true));
    faults.peersDisconnected.forEach((peer) => on(c.id, { kind: 'gluster-peer-disconnected', peer }, true));
    faults.nodesDown.forEach((peer) => on(c.id, { kind: 'gluster-node-down', peer }, true));
    on(c.id, { kind: 'gluster-georep-faulty' }, faults.geoRepFaulty);
    on(c.id, { kind: 'gluster-glusterd-down' }, faults.glusterdDown);
  }
  return out;
}
