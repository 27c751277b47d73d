import { readFileSync } from 'node:fs';
import { ConfigError } from '../engine/config/load-config';
import type { FleetHost } from '../host/host-types';
import { createFleetMetrics, type FleetMetrics } from '../engine/metrics/fleet-metrics';
import { startMetricsListener, type MetricsListener } from '../server/metrics-route';
import { hostMetricsSource } from '../server/metrics-source';
import { tokensFromEnv, type TokenEntry } from '../server/tokens';

export interface CollectorExtras {
  metrics: FleetMetrics;
  /** Where `--metrics-port` serves /metrics without a token, if asked for. */
  metricsUrl: string | null;
  stop(): Promise<void>;
}

/** What `serve` adds to browser mode to be a team's collector: /metrics, optionally on its own loopback port. */
export async function startCollectorExtras(
  host: FleetHost,
  opts: { metricsPort?: string | undefined; warn?: (message: string) => void },
): Promise<CollectorExtras> {
  const metrics = createFleetMetrics(hostMetricsSource(host), { ...(opts.warn ? { warn: opts.warn } : {}) });
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

export interface CollectorFlags {
  host: string;
  tlsCert?: string | undefined;
  tlsKey?: string | undefined;
  insecureNoTls?: boolean | undefined;
}

const isLoopback = (host: string): boolean => host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);

/**
 * Who may call the collector and over what: the owner's token and the team's named tokens, and
 * TLS, which a bind beyond loopback requires unless the person starting it opts out loudly.
 */
export function collectorAccess(
  flags: CollectorFlags,
  env: NodeJS.ProcessEnv,
  warn: (m: string) => void,
): { token: string; teamTokens: TokenEntry[]; tls?: { cert: string; key: string } } {
  const { owner, team } = tokensFromEnv(env);
  if ((flags.tlsCert === undefined) !== (flags.tlsKey === undefined)) throw new ConfigError('--tls-cert and --tls-key go together: give both files (PEM).');
  let tls: { cert: string; key: string } | undefined;
  if (flags.tlsCert !== undefined && flags.tlsKey !== undefined) {
    tls = { cert: readPem(flags.tlsCert, '--tls-cert'), key: readPem(flags.tlsKey, '--tls-key') };
  }
  if (!isLoopback(flags.host) && !tls) {
    if (!flags.insecureNoTls) {
      throw new ConfigError(
        `Listening on ${flags.host} reaches beyond this machine, so the tokens would cross the network in clear text. ` +
          'Give --tls-cert FILE --tls-key FILE, or put a TLS proxy in front and pass --insecure-no-tls.',
      );
    }
    const line = '!'.repeat(100);
    warn(
      `${line}\nINSECURE: serving plain HTTP on ${flags.host} (--insecure-no-tls). Tokens and fleet data cross the network unencrypted;\nanyone on the path can take an admin token. Use this only behind a TLS-terminating proxy on the same host.\n${line}`,
    );
  }
  return { token: owner, teamTokens: team, ...(tls ? { tls } : {}) };
}

function readPem(file: string, flag: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`${flag}: cannot read ${file}: ${(err as Error).message}`);
  }
}
