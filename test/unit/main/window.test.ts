import { beforeEach, describe, expect, it, vi } from 'vitest';
import { appPaths } from '../../../electron/main/app-paths';
import { WINDOW_BACKGROUND, buildWindowOptions, createMainWindow } from '../../../electron/main/window';
import { FakeBrowserWindow, fakeEvent, nativeTheme, resetFakeElectron } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const paths = appPaths('/opt/fleetscope/resources/app.asar/dist-electron');

describe('window options', () => {
  beforeEach(resetFakeElectron);

  it('spells out every security flag', () => {
    const prefs = buildWindowOptions(paths, 'dark').webPreferences;
    expect(prefs).toMatchObject({
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
    });
    // Options that would re-open what the flags close are absent.
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
  });

  it('uses the bundled preload next to main.cjs', () => {
    expect(buildWindowOptions(paths, 'dark').webPreferences?.preload).toBe('/opt/fleetscope/resources/app.asar/dist-electron/preload.cjs');
  });

  it('is titled Fleetscope, hidden until painted, on the theme background', () => {
    const dark = buildWindowOptions(paths, 'dark');
    expect(dark).toMatchObject({ title: 'Fleetscope', show: false, backgroundColor: WINDOW_BACKGROUND.dark });
    expect(buildWindowOptions(paths, 'light').backgroundColor).toBe(WINDOW_BACKGROUND.light);
  });

  it('loads the app page with loadFile and shows on ready-to-show', () => {
    nativeTheme.shouldUseDarkColors = false;
    createMainWindow(paths);
    const win = FakeBrowserWindow.created[0]!;
    expect(win.options.backgroundColor).toBe(WINDOW_BACKGROUND.light);
    expect(win.loadFile).toHaveBeenCalledWith('/opt/fleetscope/resources/app.asar/dist/renderer/index.html');
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalledOnce();
  });
});

describe('F11 in the shell', () => {
  beforeEach(resetFakeElectron);

  const key = (over: Partial<{ type: string; key: string; control: boolean; alt: boolean; meta: boolean; shift: boolean }> = {}) => ({
    type: 'keyDown',
    key: 'F11',
    control: false,
    alt: false,
    meta: false,
    shift: false,
    ...over,
  });
  const press = (win: FakeBrowserWindow, input: ReturnType<typeof key>): boolean => {
    const event = fakeEvent();
    win.webContents.emit('before-input-event', event, input);
    return event.defaultPrevented;
  };

  it('toggles the window in and out of full screen, and the page never sees the key', () => {
    createMainWindow(paths);
    const win = FakeBrowserWindow.created[0]!;
    expect(press(win, key())).toBe(true);
    expect(win.setFullScreen).toHaveBeenLastCalledWith(true);
    expect(press(win, key())).toBe(true);
    expect(win.setFullScreen).toHaveBeenLastCalledWith(false);
  });

  it('leaves other keys, F11 with a modifier and the key release to the page', () => {
    createMainWindow(paths);
    const win = FakeBrowserWindow.created[0]!;
    for (const input of [key({ key: 'F10' }), key({ control: true }), key({ shift: true }), key({ type: 'keyUp' }), key({ key: 'Escape' })]) {
      expect(press(win, input)).toBe(false);
    }
    expect(win.setFullScreen).not.toHaveBeenCalled();
  });
});
