import type { IpcMainInvokeEvent, WebContents } from 'electron';

/** What the sender check needs to know about the app, injected so it can be tested alone. */
export interface SenderPolicy {
  isAppPage(url: string): boolean;
  isOurWindow(contents: WebContents): boolean;
}

/**
 * Why an IPC sender is refused, or `null` when it may call the engine.
 *
 * Three checks, each closing a different door (Electron security checklist item 17; VS Code's
 * `validatedIpcMain`): the webContents must be one of our windows; the frame must be its main
 * frame, since a sub-frame runs whatever it was navigated to; and that frame must show our own
 * page, not something it was navigated or redirected to. `senderFrame` is null once the frame
 * has navigated away or been destroyed — a call from a page that no longer exists is refused.
 */
export function senderRejection(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, policy: SenderPolicy): string | null {
  const frame = event.senderFrame;
  if (!policy.isOurWindow(event.sender)) return 'the webContents is not a Fleetscope window';
  if (frame === null) return 'the sending frame no longer exists';
  if (frame !== event.sender.mainFrame) return `a sub-frame (${frame.url.slice(0, 200)}) is not allowed`;
  if (!policy.isAppPage(frame.url)) return `the page ${frame.url.slice(0, 200)} is not the app page`;
  return null;
}
