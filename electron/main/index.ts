import { join } from 'node:path';
import { app, safeStorage } from 'electron';
import { launchHost } from '../host/launch';
import { bootFleetscope } from './boot';
import { openVault } from './secrets/vault';

bootFleetscope({
  // esbuild bundles this file to dist-electron/main.cjs, where `__dirname` is that folder.
  bundleDir: __dirname,
  // launchHost is the CLI's and the desktop's one decision of which fleet to watch: the named
  // config, else the default config file, else (desktop only) the simulated fleet.
  startHost: async ({ acceptWeakVault, ...options }) => {
    // safeStorage works only once the app is ready, which boot guarantees before calling this.
    const vault = await openVault({ file: join(app.getPath('userData'), 'vault.json'), safeStorage, platform: process.platform, acceptWeak: acceptWeakVault });
    if (!vault.ok) console.warn(`[fleetscope] ${vault.reason}`);
    const launched = await launchHost({
      ...options,
      demoWhenUnconfigured: true,
      ...(vault.ok ? { secrets: vault.vault } : { secretsUnavailableReason: vault.reason }),
      warn: (message) => console.warn(`[fleetscope] ${message}`),
    });
    console.log(`[fleetscope] watching ${launched.description}`);
    return launched.host;
  },
});
