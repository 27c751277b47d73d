import type { FleetHost } from '../host/host-types';
import { createFleetMetrics, type FleetMetrics } from '../engine/metrics/fleet-metrics';
import { startMetricsListener, type MetricsListener } from '../server/metrics-route';
import { hostMetricsSource } from '../server/metrics-source';

// Apart from collector-options.ts (checked before anything starts): this is imported once the host
// runs, so prom-client is not on the path to the ready line.

export interface CollectorExtras {
  metrics: FleetMetrics;
  /** Where `--metrics-port` serves /metrics without a token, if asked for. */
  metricsUrl: string | null;
  stop(): Promise<void>;
}

/** What `serve` adds to browser mode to be a team's collector: /metrics, optionally on its own loopback port. */
export async function startCollectorExtras(
  host: FleetHost,
  opts: { metricsPort?: number | undefined; warn?: (message: string) => void },
): Promise<CollectorExtras> {
  const metrics = createFleetMetrics(hostMetricsSource(host), { ...(opts.warn ? { warn: opts.warn } : {}) });
  let listener: MetricsListener | null = null;
  if (opts.metricsPort !== undefined) {
    try {
      listener = await startMetricsListener(metrics, opts.metricsPort);
    } catch (err) {
      metrics.stop();
      throw err;
    }
  }
  return {
    metrics,
    metricsUrl: listener?.url ?? null,
    stop: async () => {
      await listener?.close();
      metrics.stop();
    },
  };
}
