import type { PrometheusConfig } from '../engine/config/fleet-config-schema';
import { createPrometheusHistory, type PrometheusHistory, type RangeQuery } from '../engine/history/prometheus-history';

export interface PrometheusSource {
  /** The query of the Prometheus the config in force names, if any. */
  query(): RangeQuery | undefined;
  /** A saved config names another Prometheus (or none): the old client is closed. */
  use(next: PrometheusConfig | undefined): void;
  close(): Promise<void>;
}

/** Where the charts' ranges older than the local history come from, when the config names it. */
export function prometheusSource(initial: PrometheusConfig | undefined): PrometheusSource {
  let inForce = initial;
  let history: PrometheusHistory | null = initial ? createPrometheusHistory(initial) : null;
  return {
    query: () => history?.query,
    use: (next) => {
      if (JSON.stringify(next) === JSON.stringify(inForce)) return;
      void history?.close();
      inForce = next;
      history = next ? createPrometheusHistory(next) : null;
    },
    close: async () => {
      await history?.close();
    },
  };
}
