import { BrowserWindow, nativeTheme, type BrowserWindowConstructorOptions } from 'electron';
import type { AppPaths } from './app-paths';
import { toggleFullScreenOnF11 } from './full-screen-key';

/**
 * The page background of each renderer theme, painted by the window before the first frame so
 * that opening and resizing never flash the wrong colour. The renderer follows the OS theme
 * unless told otherwise, so the window does too; keep these in step with its CSS.
 */
export const WINDOW_BACKGROUND = { dark: '#0f141a', light: '#f6f8fa' } as const;

/**
 * Every option of a Fleetscope window, in one place.
 *
 * Each security flag is spelled out even where it equals Electron's default, so that a reader
 * (and the test) sees the whole policy and a future default change cannot weaken it silently.
 * `show: false` with `ready-to-show` avoids showing an empty frame.
 */
export function buildWindowOptions(paths: Pick<AppPaths, 'preload'>, theme: keyof typeof WINDOW_BACKGROUND): BrowserWindowConstructorOptions {
  return {
    title: 'Fleetscope',
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: WINDOW_BACKGROUND[theme],
    webPreferences: {
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  };
}

/**
 * Creates the main window and starts loading the app page; the window shows itself once the
 * page has painted.
 */
export function createMainWindow(paths: AppPaths, route: string | null = null): BrowserWindow {
  const win = new BrowserWindow(buildWindowOptions(paths, nativeTheme.shouldUseDarkColors ? 'dark' : 'light'));
  win.once('ready-to-show', () => win.show());
  toggleFullScreenOnF11(win);
  // A route from a deep link or the command line opens as the page's hash, as in a browser.
  (route ? win.loadFile(paths.page, { hash: route.replace(/^#/, '') }) : win.loadFile(paths.page)).catch((err: unknown) => {
    // Reached when the page is missing (renderer not built) or a navigation replaced it; the
    // window stays and the log says why, rather than the app quitting without a word.
    console.error(`[fleetscope] could not load ${paths.page}: ${err instanceof Error ? err.message : String(err)}`);
  });
  return win;
}
