import { ConfigError } from '../engine/config/load-config';
import type { FleetHost } from '../host/host-types';
import { createFleetMetrics, type FleetMetrics } from '../engine/metrics/fleet-metrics';
import { startMetricsListener, type MetricsListener } from '../server/metrics-route';
import { hostMetricsSource } from '../server/metrics-source';

export interface CollectorExtras {
  metrics: FleetMetrics;
  /** Where `--metrics-port` serves /metrics without a token, if asked for. */
  metricsUrl: string | null;
  stop(): Promise<void>;
}

/** What `serve` adds to browser mode to be a team's collector: /metrics, optionally on its own loopback port. */
export async function startCollectorExtras(host: FleetHost, opts: { metricsPort?: string | undefined }): Promise<CollectorExtras> {
  const metrics = createFleetMetrics(hostMetricsSource(host));
  let listener: MetricsListener | null = null;
  if (opts.metricsPort !== undefined) {
    const port = Number(opts.metricsPort);
    if (!Number.isInteger(port) || port < 0 || port > 65_535) {
      metrics.stop();
      throw new ConfigError(`--metrics-port must be a whole number from 0 to 65535, not "${opts.metricsPort}".`);
    }
    try {
      listener = await startMetricsListener(metrics, port);
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
