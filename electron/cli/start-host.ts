import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startDemoFleet, demoFleetConfig, type DemoFleet } from '../demo';
import { fleetConfigSchema } from '../engine/config/fleet-config-schema';
import { startFleetHost } from '../engine/host';
import type { FleetHost } from '../engine/host-types';
import { defaultConfigPath } from './paths';

export interface HostLaunch {
  configPath?: string | undefined;
  /** Run the simulated fleet and watch it. */
  demo?: boolean;
  /** With neither a config nor --demo: fall back to the default config file, else to the demo. */
  demoWhenUnconfigured?: boolean;
  dataDir: string;
  demoSpeed?: number;
  pollIntervalSeconds?: number;
  /** Which shell hosts the engine, for the audit log. */
  shell?: 'desktop' | 'browser mode';
  warn: (message: string) => void;
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
  if (configPath && !opts.demo) {
    const host = await startFleetHost({ configPath, dataDir: opts.dataDir, warn: opts.warn, shell: opts.shell ?? 'desktop' });
    return { host, description: `fleet from ${configPath}`, demoFleet: null };
  }
  const fleet = await startDemoFleet({ speed: opts.demoSpeed ?? 1 });
  try {
    const config = fleetConfigSchema.parse(demoFleetConfig(fleet, { pollIntervalSeconds: opts.pollIntervalSeconds ?? 5 }));
    // The demo keeps its history apart, so it never mixes with a real fleet's.
    const dataDir = opts.dataDir === ':memory:' ? ':memory:' : join(opts.dataDir, 'demo');
    const host = await startFleetHost({ config, dataDir, demo: fleet, warn: opts.warn, shell: opts.shell ?? 'desktop' });
    return { host, description: `the simulated fleet (${fleet.primaries.length} primary cluster; its control API: ${fleet.controlUrl})`, demoFleet: fleet };
  } catch (err) {
    await fleet.stop();
    throw err;
  }
}
