import type { BrowserWindow, WebContents } from 'electron';

/** The windows this app created; IPC answers only their webContents. */
export interface WindowRegistry {
  add(win: BrowserWindow): void;
  owns(contents: WebContents): boolean;
  live(): BrowserWindow[];
}

/**
 * Tracks our windows until they close.
 *
 * The IPC sender check uses it as a floor under the frame and URL checks (Fiddle's
 * `IpcMainManager` check): a webContents we did not create — a devtools page, a future helper
 * view — never reaches a handler even if it somehow loaded our page.
 */
export function createWindowRegistry(): WindowRegistry {
  const windows = new Set<BrowserWindow>();
  const live = (): BrowserWindow[] => [...windows].filter((w) => !w.isDestroyed());
  return {
    add(win) {
      windows.add(win);
      win.once('closed', () => windows.delete(win));
    },
    owns(contents) {
      return live().some((w) => w.webContents === contents);
    },
    live,
  };
}
