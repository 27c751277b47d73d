import type { BrowserWindow, Event, Input } from 'electron';

/** F11 alone, pressed (not released, not with a modifier that another shortcut may own). */
export const isFullScreenKey = (input: Pick<Input, 'type' | 'key' | 'control' | 'alt' | 'meta' | 'shift'>): boolean =>
  input.type === 'keyDown' && input.key === 'F11' && !input.control && !input.alt && !input.meta && !input.shift;

/**
 * F11 toggles full screen, as in a browser: the page may not enter it itself (the session refuses
 * every permission), and a presenter at a wall screen expects the key to work.
 */
export function toggleFullScreenOnF11(win: Pick<BrowserWindow, 'webContents' | 'isFullScreen' | 'setFullScreen'>): void {
  win.webContents.on('before-input-event', (event: Event, input: Input) => {
    if (!isFullScreenKey(input)) return;
    event.preventDefault();
    win.setFullScreen(!win.isFullScreen());
  });
}
