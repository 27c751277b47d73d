import { join } from 'node:path';
import type { App } from 'electron';

/** The name and id the packaged app has (`productName` and `appId` in build/electron-builder.yml). */
export const APP_NAME = 'Fleetscope';
export const APP_ID = 'dev.fleetscope.app';

/**
 * Gives every run the packaged app's identity before anything reads it: the name, the user-data
 * folder (single-instance lock, vault, keyring entry) and, on Windows, the AppUserModelID that
 * groups the window with its shortcut on the taskbar. Without it a development run started on a
 * script would be "Electron" with its data in `~/.config/Electron`. Must run before `ready` and
 * before the single-instance lock is asked for.
 */
export function applyAppIdentity(app: Pick<App, 'setName' | 'setPath' | 'getPath' | 'setAppUserModelId'>, platform: NodeJS.Platform): void {
  app.setName(APP_NAME);
  app.setPath('userData', join(app.getPath('appData'), APP_NAME));
  if (platform === 'win32') app.setAppUserModelId(APP_ID);
}
