import { app, BrowserWindow as ElectronWindow, dialog, session, shell, type BrowserWindow } from 'electron';
import { defaultDataDir } from '../engine/config/default-paths';
import type { FleetHost } from '../host/host-types';
import type { ConfirmCommand } from '../engine/settings/settings-guards';
import type { Snapshot } from '../../shared/model';
import { startAlertNotifications } from './alert-notifications';
import { applyAppIdentity } from './app-identity';
import { fleetOrigins } from './external-links';
import { createLogFileDialog } from './log-file-dialog';
import { createPdfPrinter } from './report-pdf';
import { createCommandConfirmation } from './command-confirmation';
import { appPaths, isAppPageUrl } from './app-paths';
import { registerIpc, unregisterAll } from './ipc/register';
import { startPush, type PushHub } from './ipc/push';
import { registerDeepLinks, showRoute } from './deep-links';
import { parseShellArgs, type ShellArgs } from './shell-args';
import { applySessionPolicy, hardenWebContents } from './web-contents-hardening';
import { createMainWindow } from './window';
import { createWindowRegistry } from './window-registry';

/** What boot asks of the engine's launcher: the command line's wishes, where data lives, and the native command confirmation. */
export type HostLaunchOptions = ShellArgs & {
  dataDir: string;
  confirmCommand: ConfirmCommand;
  chooseLogFiles: () => Promise<string[]>;
  /** The incident report as PDF, printed by Electron's own Chromium. */
  printPdf: (html: string) => Promise<Buffer>;
};

/** What the shell uses of the host: the dispatch for IPC, events to push, and a stop. */
export type BootHost = Pick<FleetHost, 'dispatch' | 'on' | 'stop'>;

export interface BootOptions {
  /** Starts the engine (and the demo fleet when that is what runs); a fake in tests. */
  startHost: (options: HostLaunchOptions) => Promise<BootHost>;
  /** The folder of `main.cjs`; the preload and the renderer are found from it. */
  bundleDir: string;
}

/** How long quitting waits for the engine to stop before leaving anyway. */
export const STOP_TIMEOUT_MS = 5_000;

/**
 * The desktop app, in boot order: one instance, hardening for every webContents, then on ready
 * the engine, IPC and the window; on quit, the engine stops before the process ends.
 */
export function bootFleetscope({ startHost, bundleDir }: BootOptions): void {
  applyAppIdentity(app, process.platform);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // Before ready, so that every renderer is sandboxed whatever options created it.
  app.enableSandbox();

  const paths = appPaths(bundleDir);
  const isAppPage = (url: string): boolean => isAppPageUrl(url, paths.pageUrl);
  const windows = createWindowRegistry();
  let push: PushHub | undefined;
  let stopNotifications = (): void => undefined;

  // The fleet's hosts as the engine last reported them: the web hosts a link may open in the browser.
  let fleet: ReadonlySet<string> = new Set();
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, { isAppPage, opener: shell, fleetOrigins: () => fleet }));

  const initialRoute = registerDeepLinks({ page: paths.page, window: () => windows.live()[0] });
  const openWindow = (): BrowserWindow => {
    const win = createMainWindow(paths, windows.live().length === 0 ? initialRoute : null);
    windows.add(win);
    push?.addWindow(win);
    return win;
  };

  // Only once the engine is up (push is set then), so IPC can answer; before that, ready opens one.
  const showWindow = (): void => {
    const [win] = windows.live();
    if (!win) {
      if (push) openWindow();
      return;
    }
    if (win.isMinimized()) win.restore();
    win.focus();
  };
  // A second launch, or macOS re-opening from the dock, while no window is open opens one.
  app.on('second-instance', showWindow);
  app.on('activate', showWindow);

  const hostReady = app.whenReady().then(async () => {
    applySessionPolicy(session.defaultSession);
    // History follows --data-dir / FLEETSCOPE_DATA_DIR like browser mode; the vault stays in userData.
    const { dataDir, ...args } = parseShellArgs(process.argv);
    // A new gluster command is confirmed here, in main, where the renderer cannot answer for the person.
    const confirmCommand = createCommandConfirmation(dialog, () => windows.live()[0]);
    const chooseLogFiles = createLogFileDialog(dialog, () => windows.live()[0]);
    const printPdf = createPdfPrinter(ElectronWindow);
    const host = await startHost({ ...args, dataDir: dataDir ?? defaultDataDir(), confirmCommand, chooseLogFiles, printPdf });
    host.on('snapshot', (snapshot) => (fleet = fleetOrigins(snapshot)));
    const first = await host.dispatch('getSnapshot', {});
    if (first.ok) fleet = fleetOrigins(first.value as Snapshot);
    registerIpc({ host, senders: { isAppPage, isOurWindow: (contents) => windows.owns(contents) } });
    push = startPush(host);
    stopNotifications = startAlertNotifications({ host, openRoute: (hash) => showRoute(windows.live()[0] ?? openWindow(), paths.page, hash) });
    openWindow();
    return host;
  });
  hostReady.catch((err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    console.error('[fleetscope] could not start:', err);
    dialog.showErrorBox('Fleetscope could not start', message);
    app.exit(1);
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let phase: 'running' | 'stopping' | 'stopped' = 'running';
  app.on('before-quit', (event) => {
    if (phase === 'stopped') return;
    event.preventDefault();
    if (phase === 'stopping') return;
    phase = 'stopping';
    void hostReady
      .then((host) => {
        stopNotifications();
        return stopHost(host, push);
      })
      .catch((err: unknown) => console.error('[fleetscope] the engine did not stop cleanly:', err))
      .finally(() => {
        phase = 'stopped';
        app.quit();
      });
  });
}

/** Stops IPC and pushes first, so no request reaches an engine that is shutting down. */
async function stopHost(host: BootHost, push: PushHub | undefined): Promise<void> {
  unregisterAll();
  push?.dispose();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer after ${STOP_TIMEOUT_MS} ms`)), STOP_TIMEOUT_MS);
  });
  try {
    await Promise.race([host.stop(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
