import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError } from '../engine/config/config-error';
import { defaultConfigPath, defaultDataDir } from '../engine/config/default-paths';
import { parseShard, type Shard } from '../engine/config/shard';
import type { FleetMetrics } from '../engine/metrics/fleet-metrics';
import type { LaunchedHost } from '../host/launch';
import { pendingHost } from '../host/pending-host';
import { startServer } from '../server/server';
import { rendererDir } from './app-root';
import { chromiumPrintPdf, findChromium } from './chromium-pdf';
import { help, untilSignal, warn } from './cli-io';
import type { CollectorExtras } from './collector-extras';
import { collectorAccess, parseMetricsPort } from './collector-options';
import { importHostInSteps } from './host-in-steps';
import { startMark } from '../engine/start-marks';
import { afterFirstSnapshot } from '../host/first-snapshot';
import { startInventoryReader } from '../engine/bitbucket/inventory-reader';

/** The longest the metrics wait for the demo's first snapshot (a scrape meanwhile waits too). */
const EXTRAS_WAIT_MS = 5_000;

/** `fleetscope serve`: browser mode, a team's collector, or a collector's client (`--collector`). */
export async function serveCommand(argv: string[], demoWhenUnconfigured: boolean): Promise<number> {
  startMark('serve command loaded');
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      demo: { type: 'boolean' },
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '4780' },
      open: { type: 'boolean' },
      'data-dir': { type: 'string' },
      'poll-interval': { type: 'string' },
      speed: { type: 'string' },
      scenario: { type: 'string' },
      'metrics-port': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'insecure-no-tls': { type: 'boolean' },
      shard: { type: 'string' },
      collector: { type: 'string' },
      'collector-ca': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return help();
  // Listen for Ctrl+C before anything starts, so a signal during start-up still shuts down cleanly.
  const stopRequested = untilSignal();
  const port = Number(values.port);
  const speed = values.speed === undefined ? 1 : Number(values.speed);
  if (!(speed > 0 && speed <= 10_000)) throw new ConfigError('--speed must be a number above 0 (at most 10000).');
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new ConfigError(`--port must be a whole number from 0 to 65535, not "${values.port}".`);
  // Checked before anything starts: a collector that would expose tokens in clear text does not start.
  const access = collectorAccess(
    { host: values.host, tlsCert: values['tls-cert'], tlsKey: values['tls-key'], insecureNoTls: values['insecure-no-tls'] },
    process.env,
    warn,
  );
  if (values.collector !== undefined) {
    const own = (['config', 'demo', 'shard', 'metrics-port', 'poll-interval', 'scenario'] as const).filter((k) => values[k] !== undefined);
    if (own.length > 0) throw new ConfigError(`--collector serves a team collector's fleet, so --${own.join(', --')} do not apply; leave them out.`);
    const { serveClient } = await import('./serve-client');
    return serveClient({
      collector: values.collector,
      caFile: values['collector-ca'],
      env: process.env,
      bindHost: values.host,
      port,
      open: values.open ?? false,
      access,
      stopRequested,
      log: (l) => process.stderr.write(`${l}\n`),
    });
  }
  const shard = values.shard === undefined ? undefined : parseShardFlag(values.shard);
  const metricsPort = parseMetricsPort(values['metrics-port']);
  // The demo's config is made here and cannot be wrong, so its server listens (and prints its URL)
  // while the fleet and the engine start: the browser loads the page meanwhile (issue 13 item 7).
  // A configured fleet, or a named scenario, is checked first: a mistake there exits before any URL.
  const watchesDemo = values.demo === true || (values.config === undefined && demoWhenUnconfigured && !existsSync(defaultConfigPath()));
  const listenFirst = watchesDemo && values.scenario === undefined;
  // The server's token is made after the host starts: the support bundle learns it through this list.
  const serverTokens: string[] = [];
  const chromium = findChromium();
  // Every engine's first walk reads through this thread: its boot overlaps the host's modules.
  startInventoryReader();
  const starting = importHostInSteps().then(({ launchHost }) =>
    launchHost({
      ...(chromium ? { printPdf: chromiumPrintPdf(chromium) } : {}),
      knownSecrets: () => serverTokens,
      shard,
      configPath: values.config,
      demo: values.demo ?? false,
      demoWhenUnconfigured,
      shell: 'browser mode',
      dataDir: values['data-dir'] ?? defaultDataDir(),
      ...(values['poll-interval'] ? { pollIntervalSeconds: Number(values['poll-interval']) } : {}),
      demoSpeed: speed,
      scenario: values.scenario,
      warn,
    }),
  );
  // The metrics are not on the first screen: with the demo they start after its first snapshot (the
  // polling state, before any answer). Started after the first count they landed where the page
  // waits for the count's push (docs/start-up.md, "Reverted: storage and metrics after the first count").
  const extrasStarting = starting.then(async (l) => {
    if (listenFirst) await afterFirstSnapshot(l.host, EXTRAS_WAIT_MS);
    return (await import('./collector-extras')).startCollectorExtras(l.host, { metricsPort, warn });
  });
  // Both are awaited below (and their failure reported there); these handlers only keep a failure
  // while the server is still starting from counting as unhandled.
  starting.catch(() => undefined);
  extrasStarting.catch(() => undefined);
  let launched: LaunchedHost | undefined;
  let extras: CollectorExtras | undefined;
  const stopStarted = async (): Promise<void> => {
    await extrasStarting.then(
      (e) => e.stop(),
      () => undefined,
    );
    await starting.then(
      (l) => l.host.stop(),
      () => undefined,
    );
  };
  if (!listenFirst) {
    try {
      [launched, extras] = await Promise.all([starting, extrasStarting]);
    } catch (err) {
      await stopStarted();
      throw err;
    }
  }
  // Lines the server logs before the host is up join the host's log once it is.
  const early: string[] = [];
  let server;
  try {
    server = await startServer({
      host: pendingHost(starting.then((l) => l.host)),
      metrics: pendingMetrics(extrasStarting),
      staticDir: rendererDir(),
      bindHost: values.host,
      port,
      ...access,
      log: (l) => {
        process.stderr.write(`${l}\n`);
        if (launched) launched.host.log(l);
        else early.push(l);
      },
    });
    serverTokens.push(server.token, ...access.teamTokens.map((t) => t.token));
  } catch (err) {
    await stopStarted();
    throw err;
  }
  if (listenFirst) {
    startMark('ready line');
    process.stdout.write(`${server.readyLine}\n`);
  }
  const running = server;
  // Whatever fails from here stops everything that started, the server included.
  const orStopAll = async <T>(step: Promise<T>): Promise<T> => {
    try {
      return await step;
    } catch (err) {
      await running.close();
      await stopStarted();
      throw err;
    }
  };
  // The fleet's line (with the demo's control API) as soon as the host runs; the metrics after.
  launched = await orStopAll(starting);
  startMark('host started');
  const host = launched.host;
  early.splice(0).forEach((l) => host.log(l));
  process.stderr.write(`Watching ${launched.description}.\n`);
  if (shard) {
    const ids = host.engine.snapshot().primaries.map((p) => p.id);
    process.stderr.write(`Shard ${shard.index}/${shard.count}: polling ${ids.length} primaries (${ids.join(', ') || 'none'}) and their mirrors.\n`);
  }
  extras = await orStopAll(extrasStarting);
  if (extras.metricsUrl) process.stderr.write(`Metrics without a token at ${extras.metricsUrl} (loopback only).\n`);
  if (access.teamTokens.length > 0) {
    const count = (role: string): number => access.teamTokens.filter((t) => t.role === role).length;
    process.stderr.write(`Team tokens: ${count('admin')} admin, ${count('viewer')} viewer.\n`);
  }
  if (!listenFirst) {
    startMark('ready line');
    process.stdout.write(`${server.readyLine}\n`);
  }
  if (values.open) {
    const { openInBrowser } = await import('./open-browser');
    const opened = await openInBrowser(`${server.url}#token=${server.token}`);
    if (!opened) process.stdout.write(`No browser could be opened here; open the URL above yourself.\n`);
  }
  await stopRequested;
  await server.close();
  await extras.stop();
  await host.stop();
  return 0;
}

/** The server's /metrics while the host starts: a scrape waits for it. */
const pendingMetrics = (starting: Promise<CollectorExtras>): FleetMetrics => {
  let ready: FleetMetrics | null = null;
  return {
    get contentType() {
      // Read after `render`, which waited for the host: always the real one by then.
      return ready?.contentType ?? 'text/plain; version=0.0.4; charset=utf-8';
    },
    render: async () => {
      ready = (await starting).metrics;
      return ready.render();
    },
    stop: () => undefined,
  };
};

function parseShardFlag(text: string): Shard {
  try {
    return parseShard(text);
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
}
