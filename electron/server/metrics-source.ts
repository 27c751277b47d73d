import type { MetricsSource } from '../engine/metrics/fleet-metrics';
import type { FleetHost } from '../host/host-types';

/** The metrics' view of a host: the engine running now (Settings may replace it), and its pushed snapshots. */
export function hostMetricsSource(host: Pick<FleetHost, 'engine' | 'on'>): MetricsSource {
  return {
    snapshot: () => host.engine.snapshot(),
    onSnapshot: (listener) => host.on('snapshot', listener),
    requestsMade: () => host.engine.requestsMade(),
  };
}
