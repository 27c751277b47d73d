import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startDemoFleet, demoFleetConfigYaml } from '../demo';
import { ConfigError } from '../engine/config/load-config';
import { startFleetHost } from '../host/fleet-host';
import { startServer } from '../server/server';
import { parseShard, type Shard } from '../engine/config/shard';
import { buildCheckReport, EXIT, formatCheckReport, needsConfirmation } from './check-report';
import { runDesktop } from './desktop';
import { collectorAccess, startCollectorExtras } from './collector-options';
import { probeCommand } from './probe-command';
import { serveClient } from './serve-client';
import { findElectronBinary } from './electron-binary';
import { openInBrowser } from './open-browser';
import { appRoot, rendererDir } from './app-root';
import { defaultDataDir } from '../engine/config/default-paths';
import { launchHost } from '../host/launch';
import { LOGS_USAGE, logsCommand } from './logs';
import { REPORT_USAGE, reportCommand } from './report-command';
import { chromiumPrintPdf, findChromium } from './chromium-pdf';

/** How long `check` waits for the second poll that confirms a problem seen once. */
const CONFIRM_TIMEOUT_MS = 60_000;

const USAGE = `Usage:
  fleetscope [--config FILE] [--demo [--scenario NAME]] [--accept-weak-vault] [--data-dir DIR] [Electron/Chromium switches]
                                               the desktop app; switches such as --no-sandbox, --disable-gpu,
                                               --ozone-platform-hint=auto go to Electron. Browser mode when
                                               Electron is missing or cannot start (then --port applies)
  fleetscope serve [--config FILE] [--demo] [--host 127.0.0.1] [--port 4780] [--open] [--data-dir DIR]
                   [--poll-interval S] [--speed X] [--scenario NAME]   (the last three apply to the demo fleet;
                   --scenario starts one of its stories, docs/demo-scenarios.md)
                   [--metrics-port N]   also serve /metrics without a token on 127.0.0.1:N
                   [--tls-cert FILE --tls-key FILE | --insecure-no-tls]   required beyond loopback
                   [--shard I/N]   poll only this collector's share of the fleet (a stable hash of each id)
                   [--collector URL [--collector-ca FILE]]   serve a team collector's fleet instead of polling
                                                             (its token in FLEETSCOPE_COLLECTOR_TOKEN)
  fleetscope demo [--port-base N] [--speed X]  run only the simulated fleet; prints a config that points at it
  fleetscope check --config FILE [--json]      one poll (two where a problem needs confirming), every target and open finding;
                                               exit 0 ok, 1 warning, 2 critical, 3 could not check
  fleetscope probe (--config FILE | --demo) PROJECT/slug [--json] [--full] [--protocol 1|2] [--transport http|ssh|both] [--cap-mb N] [--timeout S]
                                               clone doctor: real git against every endpoint that serves the repository;
                                               exit 0 alike everywhere, 1 refs differ or a clone was capped, 2 an endpoint failed, 3 could not probe
${LOGS_USAGE}
${REPORT_USAGE}

Environment: FLEETSCOPE_TOKEN (fixed browser-mode token), FLEETSCOPE_ADMIN_TOKENS and FLEETSCOPE_VIEWER_TOKENS
(a team collector's named tokens: name=TOKEN,name=TOKEN), FLEETSCOPE_COLLECTOR_TOKEN (with --collector),
FLEETSCOPE_CONFIG, FLEETSCOPE_DATA_DIR, FLEETSCOPE_LOG_FOLDERS (folders the Logs view may read access logs from).`;

const warn = (m: string): void => void process.stderr.write(`warning: ${m}\n`);

/** Runs the CLI; resolves with the exit code for one-shot commands, or never for long-running ones. */
export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  const command = first && !first.startsWith('-') ? first : 'desktop';
  const args = command === 'desktop' ? argv : rest;
  try {
    switch (command) {
      case 'desktop':
        return await desktop(args);
      case 'serve':
        return await serve(args, false);
      case 'demo':
        return await demo(args);
      case 'check':
        return await check(args);
      case 'probe':
        return await probeCommand(args);
      case 'logs':
        return await logsCommand(
          args,
          (s) => void process.stdout.write(s),
          (s) => void process.stderr.write(s),
        );
      case 'report':
        return await reportCommand(args, process.env, (s) => void process.stderr.write(s));
      case 'help':
        process.stdout.write(`${USAGE}\n`);
        return 0;
      default:
        process.stderr.write(`Unknown command "${command}".\n${USAGE}\n`);
        return 64;
    }
  } catch (err) {
    if (err instanceof ConfigError || err instanceof RangeError || (err as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      process.stderr.write(`${(err as Error).message}\n`);
      return 64;
    }
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      process.stderr.write(`The port is already in use: ${(err as Error).message}. Pick another with --port.\n`);
      return 69;
    }
    process.stderr.write(`fleetscope: ${(err as Error).message}\n`);
    return 1;
  }
}

async function desktop(argv: string[]): Promise<number> {
  // --port and --data-dir matter for the browser-mode fallback (and --data-dir for the desktop's history).
  return runDesktop(argv, { findElectron: findElectronBinary, appDir: appRoot(), serve: (args) => serve(args, true), help });
}

async function serve(argv: string[], demoWhenUnconfigured: boolean): Promise<number> {
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
    const opened = await openInBrowser(`${server.url}#token=${server.token}`);
    if (!opened) process.stdout.write(`No browser could be opened here; open the URL above yourself.\n`);
  }
  await stopRequested;
  await server.close();
  await extras.stop();
  await launched.host.stop();
  return 0;
}

async function demo(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { 'port-base': { type: 'string' }, speed: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) return help();
  const portBase = values['port-base'] === undefined ? 0 : Number(values['port-base']);
  const speed = values.speed === undefined ? 1 : Number(values.speed);
  if (!Number.isInteger(portBase) || portBase < 0 || portBase > 65_000) throw new ConfigError('--port-base must be a whole number from 0 to 65000.');
  if (!(speed > 0 && speed <= 10_000)) throw new ConfigError('--speed must be a number above 0 (at most 10000).');
  const stopRequested = untilSignal();
  // The primaries' access logs stay after the demo stops, for `fleetscope logs` and the Logs view.
  const accessLogDir = mkdtempSync(join(tmpdir(), 'fleetscope-demo-logs-'));
  const fleet = await startDemoFleet({ portBase, speed, accessLogDir });
  process.stdout.write(demoFleetConfigYaml(fleet));
  for (const f of fleet.files()) process.stderr.write(`${f.label}: ${f.path}\n`);
  process.stderr.write(
    `Simulated fleet running (control API ${fleet.controlUrl}). Save the config above and run: fleetscope serve --config FILE; read its access logs with: fleetscope logs ${accessLogDir}. Ctrl+C stops it.\n`,
  );
  await stopRequested;
  await fleet.stop();
  return 0;
}

async function check(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { config: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' } } });
  if (values.help) return help();
  if (!values.config) throw new ConfigError('check needs --config FILE.');
  const host = await startFleetHost({ configPath: values.config, dataDir: ':memory:', warn, shell: 'check' });
  try {
    await host.engine.firstPoll();
    // A problem seen once is still confirming (storage rules need two polls): look once more now
    // rather than call it unknown, so one invocation reports what it is.
    const unconfirmed = needsConfirmation(host.engine.snapshot());
    await Promise.all(unconfirmed.map((id) => host.engine.repoll(id, CONFIRM_TIMEOUT_MS)));
    const report = buildCheckReport(host.engine.snapshot());
    process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatCheckReport(report)}\n`);
    return report.exitCode;
  } catch (err) {
    process.stderr.write(`Could not check the fleet: ${(err as Error).message}\n`);
    return EXIT.unchecked;
  } finally {
    await host.stop();
  }
}

function help(): number {
  process.stdout.write(`${USAGE}\n`);
  return 0;
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}

function parseShardFlag(text: string): Shard {
  try {
    return parseShard(text);
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
}
