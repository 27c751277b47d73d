// First: V8's heap flags must be set before the engine allocates.
import '../engine/heap-flags';
import { join } from 'node:path';
import { app, safeStorage } from 'electron';
import { startDesktopHost } from '../host/desktop-host';
import { useAccessLogWorker } from '../engine/access-log/range-runner';
import { startInventoryReader, useInventoryWorker } from '../engine/bitbucket/inventory-reader';
import { launchHost } from '../host/launch';
import { bootFleetscope } from './boot';
import { openVault } from './secrets/vault';

// Packaged, the workers are unpacked beside app.asar (build/electron-builder.yml): Node's Worker reads a real file.
const unpacked = __dirname.replace(/app\.asar(?=[\\/]|$)/, 'app.asar.unpacked');
useAccessLogWorker(join(unpacked, 'access-log-worker.cjs'));
useInventoryWorker(join(unpacked, 'inventory-worker.cjs'));

bootFleetscope({
  // esbuild bundles this file to dist-electron/main.cjs, where `__dirname` is that folder.
  bundleDir: __dirname,
  // launchHost is the CLI's and the desktop's one decision of which fleet to watch: the named
  // config, else the default config file, else (desktop only) the simulated fleet. The desktop
  // host may instead be a team collector's client, as Settings saved it.
  startHost: async ({ acceptWeakVault, ...options }) => {
    // safeStorage works only once the app is ready, which boot guarantees before calling this.
    const vault = await openVault({ file: join(app.getPath('userData'), 'vault.json'), safeStorage, platform: process.platform, acceptWeak: acceptWeakVault });
    if (!vault.ok) console.warn(`[fleetscope] ${vault.reason}`);
    const secrets = vault.ok ? { secrets: vault.vault } : { secretsUnavailableReason: vault.reason };
    return startDesktopHost({
      settingsFile: join(app.getPath('userData'), 'desktop-settings.json'),
      ...(vault.ok ? { secrets: vault.vault } : { secrets: undefined, secretsUnavailableReason: vault.reason }),
      fleetNamed: options.demo || options.configPath !== undefined,
      startLocal: async () => {
        // A local engine's first walk reads through this thread: its boot overlaps building the host.
        startInventoryReader();
        const launched = await launchHost({ ...options, demoWhenUnconfigured: true, ...secrets, warn: (message) => console.warn(`[fleetscope] ${message}`) });
        console.log(`[fleetscope] watching ${launched.description}`);
        return launched.host;
      },
      log: (line) => console.log(`[fleetscope] ${line}`),
    });
  },
});
