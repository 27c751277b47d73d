import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoFleet } from '../demo';
import type { DemoScenario } from '../../shared/model';
import { ConfigError } from '../engine/config/load-config';
import { defaultConfigPath } from '../engine/config/default-paths';
import { fleetConfigSchema } from '../engine/config/fleet-config-schema';
import type { Shard } from '../engine/config/shard';
import type { SecretStore } from '../engine/secrets/secret-store';
import type { ConfirmCommand } from '../engine/settings/settings-guards';
import type { PrintPdf } from '../engine/report/report-handlers';
import { startFleetHost, type FleetHostOptions } from './fleet-host';
import type { FleetHost } from './host-types';
import { startMark } from '../engine/start-marks';

export interface HostLaunch {
  configPath?: string | undefined;
  /** Run the simulated fleet and watch it. */
  demo?: boolean;
  /** With neither a config nor --demo: fall back to the default config file, else to the demo. */
  demoWhenUnconfigured?: boolean;
  dataDir: string;
  demoSpeed?: number;
  /** A demo scenario to start with the fleet (`--scenario NAME`). */
  scenario?: string | undefined;
  pollIntervalSeconds?: number;
  /** Which shell hosts the engine, for the audit log. */
  shell?: 'desktop' | 'browser mode';
  /** The desktop vault; browser mode has none. */
  secrets?: SecretStore;
  /** Why there is no vault, for the Settings view (the desktop refused a weak or missing keyring). */
  secretsUnavailableReason?: string;
  /** This collector's share of the fleet (`serve --shard I/N`). */
  shard?: Shard | undefined;
  warn: (message: string) => void;
  /** The desktop's native confirmation of a gluster command change. */
  confirmCommand?: ConfirmCommand;
  /** The desktop's native file dialog for access logs. */
  chooseLogFiles?: () => Promise<string[]>;
  /** How the incident report becomes PDF here (printToPDF, headless Chromium); none: the PDF request says why. */
  printPdf?: PrintPdf;
  /** Secrets made after the host (the server's token), kept out of support bundles. */
  knownSecrets?: () => readonly string[];
}

export interface LaunchedHost {
  host: FleetHost;
  /** Which fleet is being watched, for the one line a shell prints at start. */
  description: string;
  demoFleet: DemoFleet | null;
}

/** The one place that decides which fleet a shell watches; Electron's main and the CLI share it. */
export async function launchHost(opts: HostLaunch): Promise<LaunchedHost> {
  let configPath = opts.configPath;
  if (!configPath && !opts.demo) {
    const fallback = defaultConfigPath();
    if (existsSync(fallback)) configPath = fallback;
    else if (!opts.demoWhenUnconfigured) {
      throw new Error(`No fleet configured: pass --config FILE (or create ${fallback}), or --demo to watch the simulated fleet.`);
    }
  }
  if (opts.scenario !== undefined && configPath && !opts.demo)
    throw new ConfigError('--scenario plays a story on the simulated fleet; add --demo (or leave out --config).');
  if (configPath && !opts.demo) {
    const host = await startFleetHost({
      configPath,
      dataDir: opts.dataDir,
      warn: opts.warn,
      shell: opts.shell ?? 'desktop',
      ...secretsOf(opts),
      ...(opts.shard ? { shard: opts.shard } : {}),
    });
    return { host, description: `fleet from ${configPath}`, demoFleet: null };
  }
  // The simulated fleet's code (and ssh2 and yaml, which it uses) is loaded only to watch it: a
  // configured fleet's engine does not carry it (issue 13: modules are most of its memory).
  const [{ startDemoFleet, demoFleetConfig }, { demoScenarios }] = await Promise.all([import('../demo'), import('../demo/scenarios/catalog')]);
  // Parsed once, when first asked for: four YAML files were ≈ 9 % of `serve --demo`'s CPU before
  // its first count (issue 13 item 7). A named `--scenario` is checked here, before anything starts.
  let parsed: DemoScenario[] | null = null;
  const scenarios = (): DemoScenario[] => (parsed ??= demoScenarios());
  if (opts.scenario !== undefined) {
    if (!scenarios().some((s) => s.name === opts.scenario)) {
      throw new ConfigError(
        `No demo scenario "${opts.scenario}". The scenarios are: ${scenarios()
          .map((s) => s.name)
          .join(', ')}.`,
      );
    }
  }
  // The primaries' access logs, for the Logs view (a fresh log each start: the demo's clock starts
  // again); ':memory:' keeps nothing on disk, so no log either.
  const accessLogDir = opts.dataDir === ':memory:' ? '' : join(opts.dataDir, 'demo', 'access-logs');
  startMark('launching the demo fleet');
  const fleet = await startDemoFleet({ speed: opts.demoSpeed ?? 1, accessLogDir });
  startMark('demo fleet listening');
  try {
    const config = fleetConfigSchema.parse(demoFleetConfig(fleet, { pollIntervalSeconds: opts.pollIntervalSeconds ?? 5 }));
    // The demo keeps its history apart from the configured fleet's (until Settings switches to
    // a real fleet in this session; the next start files that fleet's history in the usual place).
    const dataDir = opts.dataDir === ':memory:' ? ':memory:' : join(opts.dataDir, 'demo');
    // Settings saves to the config file: the one named, else the default, which then replaces the demo.
    const host = await startFleetHost({
      config,
      configPath: opts.configPath ?? defaultConfigPath(),
      dataDir,
      demo: fleet,
      scenarios,
      ...(opts.scenario ? { scenario: opts.scenario } : {}),
      ...(opts.shard ? { shard: opts.shard } : {}),
      warn: opts.warn,
      shell: opts.shell ?? 'desktop',
      ...secretsOf(opts),
    });
    return { host, description: `the simulated fleet (${fleet.primaries.length} primary clusters; its control API: ${fleet.controlUrl})`, demoFleet: fleet };
  } catch (err) {
    await fleet.stop();
    throw err;
  }
}

const secretsOf = (
  opts: HostLaunch,
): Pick<FleetHostOptions, 'secrets' | 'secretsUnavailableReason' | 'confirmCommand' | 'chooseLogFiles' | 'printPdf' | 'knownSecrets'> => ({
  ...(opts.printPdf ? { printPdf: opts.printPdf } : {}),
  ...(opts.knownSecrets ? { knownSecrets: opts.knownSecrets } : {}),
  ...(opts.confirmCommand ? { confirmCommand: opts.confirmCommand } : {}),
  ...(opts.chooseLogFiles ? { chooseLogFiles: opts.chooseLogFiles } : {}),
  ...(opts.secrets ? { secrets: opts.secrets } : {}),
  ...(opts.secretsUnavailableReason ? { secretsUnavailableReason: opts.secretsUnavailableReason } : {}),
});
