import type { MetricsSource } from '../engine/metrics/fleet-metrics';
import { repositoryFiguresFrom } from '../engine/metrics/repository-metrics';
import type { FleetHost } from '../host/host-types';

/**
 * The metrics' view of a host: the engine running now (Settings may replace it), its pushed
 * snapshots, and the per-repository tables with the opt-in of the config in force.
 */
export function hostMetricsSource(host: Pick<FleetHost, 'engine' | 'on' | 'handlers' | 'config'>): MetricsSource {
  return {
    snapshot: () => host.engine.snapshot(),
    onSnapshot: (listener) => host.on('snapshot', listener),
    requestsMade: () => host.engine.requestsMade(),
    repositories: repositoryFiguresFrom(host.handlers, () => host.config.metrics?.perRepository),
  };
}
