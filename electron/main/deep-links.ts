import { app, type BrowserWindow } from 'electron';
import { DEEP_LINK_SCHEME, hashFromLink } from '../../shared/logic/route';

/**
 * Links into the desktop app: `fleetscope://repo/WEB/web-ui?primary=prod` (the scheme the app
 * registers with the OS) or a hash route given on the command line (`fleetscope '#/repo/WEB/web-ui'`).
 * Both become the same hash route the browser uses, so a link copied from browser mode and one
 * clicked in a chat land on the same page.
 */

/** The route of the first argument that is a link; null when none is. */
export function routeFromArgv(argv: readonly string[]): string | null {
  for (const arg of argv) {
    const hash = hashFromLink(arg);
    if (hash) return hash;
  }
  return null;
}

/** Shows a route in a window: the page is loaded with that hash (loadFile's `hash` takes it without `#`). */
export function showRoute(win: BrowserWindow, page: string, hash: string): void {
  if (win.isMinimized()) win.restore();
  win.focus();
  win.loadFile(page, { hash: hash.replace(/^#/, '') }).catch((err: unknown) => {
    console.error(`[fleetscope] could not open ${hash}: ${err instanceof Error ? err.message : String(err)}`);
  });
}

export interface DeepLinkOptions {
  /** The app page (index.html) that every route is a hash of. */
  page: string;
  /** The window a link goes to (the first live one), or undefined before any exists. */
  window(): BrowserWindow | undefined;
}

/**
 * Registers the scheme and follows links: macOS hands them to `open-url`, Windows and Linux start
 * a second instance whose argv carries them (the first instance holds the single-instance lock).
 * Returns the route of this instance's own command line, for its first window.
 */
export function registerDeepLinks(opts: DeepLinkOptions, argv: readonly string[] = process.argv): string | null {
  // In development the app runs as `electron main.cjs`: the OS must start that, not bare electron.
  const registered =
    process.defaultApp && process.argv[1] !== undefined
      ? app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [process.argv[1]])
      : app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  if (!registered) console.warn(`[fleetscope] could not register ${DEEP_LINK_SCHEME}:// links with the system; routes on the command line still work.`);
  const follow = (hash: string | null): void => {
    const win = opts.window();
    if (hash && win) showRoute(win, opts.page, hash);
  };
  app.on('open-url', (event, url) => {
    event.preventDefault();
    follow(hashFromLink(url));
  });
  app.on('second-instance', (_event, secondArgv: readonly string[] | undefined) => follow(Array.isArray(secondArgv) ? routeFromArgv(secondArgv) : null));
  return routeFromArgv(argv);
}
