import { launchHost } from '../cli/start-host';
import { bootFleetscope } from './boot';

bootFleetscope({
  // esbuild bundles this file to dist-electron/main.cjs, where `__dirname` is that folder.
  bundleDir: __dirname,
  // launchHost is the CLI's and the desktop's one decision of which fleet to watch: the named
  // config, else the default config file, else (desktop only) the simulated fleet.
  startHost: async (options) => {
    const launched = await launchHost({ ...options, demoWhenUnconfigured: true, warn: (message) => console.warn(`[fleetscope] ${message}`) });
    console.log(`[fleetscope] watching ${launched.description}`);
    return launched.host;
  },
});
