import { parseArgs } from 'node:util';
import { ConfigError } from '../engine/config/config-error';
import { defaultDataDir } from '../engine/config/default-paths';
import { parseShard, type Shard } from '../engine/config/shard';
import { launchHost } from '../host/launch';
import { startServer } from '../server/server';
import { rendererDir } from './app-root';
import { chromiumPrintPdf, findChromium } from './chromium-pdf';
import { help, untilSignal, warn } from './cli-io';
import { collectorAccess, startCollectorExtras } from './collector-options';

/** `fleetscope serve`: browser mode, a team's collector, or a collector's client (`--collector`). */
export async function serveCommand(argv: string[], demoWhenUnconfigured: boolean): Promise<number> {
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
  // The server's token is made after the host starts: the support bundle learns it through this list.
  const serverTokens: string[] = [];
  const chromium = findChromium();
  const launched = await launchHost({
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
  });
  let server;
  let extras;
  try {
    extras = await startCollectorExtras(launched.host, { metricsPort: values['metrics-port'], warn });
    server = await startServer({
      host: launched.host,
      metrics: extras.metrics,
      staticDir: rendererDir(),
      bindHost: values.host,
      port,
      ...access,
      log: (l) => {
        process.stderr.write(`${l}\n`);
        launched.host.log(l);
      },
    });
    serverTokens.push(server.token, ...access.teamTokens.map((t) => t.token));
  } catch (err) {
    await extras?.stop();
    await launched.host.stop();
    throw err;
  }
  if (extras.metricsUrl) process.stderr.write(`Metrics without a token at ${extras.metricsUrl} (loopback only).\n`);
  if (access.teamTokens.length > 0) {
    const count = (role: string): number => access.teamTokens.filter((t) => t.role === role).length;
    process.stderr.write(`Team tokens: ${count('admin')} admin, ${count('viewer')} viewer.\n`);
  }
  process.stderr.write(`Watching ${launched.description}.\n`);
  if (shard) {
    const ids = launched.host.engine.snapshot().primaries.map((p) => p.id);
    process.stderr.write(`Shard ${shard.index}/${shard.count}: polling ${ids.length} primaries (${ids.join(', ') || 'none'}) and their mirrors.\n`);
  }
  process.stdout.write(`${server.readyLine}\n`);
  if (values.open) {
    const { openInBrowser } = await import('./open-browser');
    const opened = await openInBrowser(`${server.url}#token=${server.token}`);
    if (!opened) process.stdout.write(`No browser could be opened here; open the URL above yourself.\n`);
  }
  await stopRequested;
  await server.close();
  await extras.stop();
  await launched.host.stop();
  return 0;
}

function parseShardFlag(text: string): Shard {
  try {
    return parseShard(text);
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
}
