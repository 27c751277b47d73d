import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export { isAppPageUrl } from './app-page-url';

/** Where the shell finds its own files, all derived from the folder of the main bundle. */
export interface AppPaths {
  /** `dist-electron/preload.cjs`, next to `main.cjs`. */
  readonly preload: string;
  /** `dist/renderer/index.html`, the only page a Fleetscope window ever shows. */
  readonly page: string;
  /** The page as a `file://` URL, the form in which navigations and IPC senders report it. */
  readonly pageUrl: string;
}

/**
 * Paths of the preload and the app page, given the folder that holds `main.cjs`.
 *
 * Derived from the bundle's own folder rather than `app.getAppPath()`, because the latter is the
 * script's folder when Electron is started on a file (`electron dist-electron/main.cjs`), not the
 * project root; inside `app.asar` both agree.
 */
export function appPaths(bundleDir: string): AppPaths {
  const page = join(bundleDir, '..', 'dist', 'renderer', 'index.html');
  return { preload: join(bundleDir, 'preload.cjs'), page, pageUrl: pathToFileURL(page).href };
}
