import { fakeHandlers } from '../../helpers/fake-handlers';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { REQUEST_NAMES, requestChannel } from '../../../shared/contract';
import { createDispatch } from '../../../electron/host/dispatch';
import type { BootHost, HostLaunchOptions } from '../../../electron/main/boot';
import { bootFleetscope } from '../../../electron/main/boot';
import { FakeBrowserWindow, FakeWebContents, app, dialog, ipcMain, resetFakeElectron, session, shell } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const bundleDir = '/opt/fleetscope/dist-electron';
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function fakeHost(stop: () => Promise<void> = async () => undefined): BootHost {
  return {
    dispatch: createDispatch(fakeHandlers({ getSnapshot: async () => ({ primaries: [], mirrorFarms: [] }) as never })),
    on: () => () => undefined,
    stop: vi.fn(stop),
  };
}

describe('boot', () => {
  beforeEach(resetFakeElectron);

  it('quits at once when another instance holds the lock', () => {
    app.requestSingleInstanceLock.mockReturnValue(false);
    const startHost = vi.fn(async () => fakeHost());
    bootFleetscope({ startHost, bundleDir });
    expect(app.quit).toHaveBeenCalledOnce();
    expect(app.listenerCount('web-contents-created')).toBe(0);
    expect(startHost).not.toHaveBeenCalled();
  });

  it("takes the packaged app's name, user-data folder and (on Windows) taskbar id before the lock", () => {
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    Object.defineProperty(process, 'platform', { value: 'win32' });
    try {
      bootFleetscope({ startHost: async () => fakeHost(), bundleDir });
    } finally {
      Object.defineProperty(process, 'platform', platform);
    }
    expect(app.setName).toHaveBeenCalledWith('Fleetscope');
    expect(app.setPath).toHaveBeenCalledWith('userData', '/tmp/fleetscope-app-data/Fleetscope');
    expect(app.setAppUserModelId).toHaveBeenCalledWith('dev.fleetscope.app');
    expect(app.setPath.mock.invocationCallOrder[0]).toBeLessThan(app.requestSingleInstanceLock.mock.invocationCallOrder[0]!);
  });

  it('on ready: session policy, then the engine with history in the data folder (as in browser mode), then IPC, then the window', async () => {
    const startHost = vi.fn(async () => fakeHost());
    const saved = process.env.FLEETSCOPE_DATA_DIR;
    process.env.FLEETSCOPE_DATA_DIR = '/tmp/fleetscope-history';
    bootFleetscope({ startHost, bundleDir });
    expect(app.enableSandbox).toHaveBeenCalledOnce();
    expect(startHost).not.toHaveBeenCalled();

    app.becomeReady();
    await flush();
    expect(session.defaultSession.setPermissionRequestHandler).toHaveBeenCalledOnce();
    if (saved === undefined) delete process.env.FLEETSCOPE_DATA_DIR;
    else process.env.FLEETSCOPE_DATA_DIR = saved;
    expect(startHost).toHaveBeenCalledWith(expect.objectContaining({ dataDir: '/tmp/fleetscope-history' }));
    expect([...ipcMain.handlers.keys()].sort()).toEqual(REQUEST_NAMES.map(requestChannel).sort());
    expect(FakeBrowserWindow.created).toHaveLength(1);
    expect(FakeBrowserWindow.created[0]?.loadFile).toHaveBeenCalledWith('/opt/fleetscope/dist/renderer/index.html');
  });

  it('gives the host a command confirmation that main shows natively over the app window (a no unless the person says yes)', async () => {
    const startHost = vi.fn(async (_options: HostLaunchOptions) => fakeHost());
    bootFleetscope({ startHost, bundleDir });
    app.becomeReady();
    await flush();
    const { confirmCommand } = startHost.mock.calls[0]![0];
    const change = { sourceId: 'gl', where: 'gluster.local.command', before: 'gluster', line: '/opt/bin/gluster' };
    expect(await confirmCommand(change)).toBe(false);
    expect(dialog.showMessageBox).toHaveBeenCalledWith(
      FakeBrowserWindow.created[0],
      expect.objectContaining({ detail: expect.stringMatching(/^\/opt\/bin\/gluster\n/) }),
    );
    dialog.showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false });
    expect(await confirmCommand(change)).toBe(true);
  });

  it("opens external links only to the fleet's hosts, as the engine last reported them", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const listeners: Array<(s: unknown) => void> = [];
    const pushSnapshot = (s: unknown): void => listeners.forEach((l) => l(s));
    const host: BootHost = {
      ...fakeHost(),
      on: ((event: string, l: (s: unknown) => void) => {
        if (event === 'snapshot') listeners.push(l);
        return () => undefined;
      }) as BootHost['on'],
    };
    bootFleetscope({ startHost: async () => host, bundleDir });
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    app.becomeReady();
    for (let i = 0; i < 5; i++) await flush();
    contents.windowOpenHandler?.({ url: 'https://bb.example.com/projects' });
    expect(shell.openExternal).not.toHaveBeenCalled();
    pushSnapshot({ primaries: [{ baseUrl: 'https://bb.example.com', nodes: [] }], mirrorFarms: [], alerts: [] });
    contents.windowOpenHandler?.({ url: 'https://bb.example.com/projects' });
    contents.windowOpenHandler?.({ url: 'https://evil.example/' });
    expect(shell.openExternal.mock.calls).toEqual([['https://bb.example.com/projects']]);
    warn.mockRestore();
  });

  it('hardens every webContents as it is created', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    bootFleetscope({ startHost: async () => fakeHost(), bundleDir });
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.attempt('will-navigate', 'https://example.com/')).toBe(true);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/blocked navigation/));
    warn.mockRestore();
  });

  it('on quit, stops the engine and unregisters IPC before letting the app quit', async () => {
    let finishStop: () => void = () => undefined;
    const host = fakeHost(() => new Promise<void>((resolve) => (finishStop = resolve)));
    bootFleetscope({ startHost: async () => host, bundleDir });
    app.becomeReady();
    await flush();

    expect(app.quit()).toBe(true); // the first quit is held back
    expect(app.quit()).toBe(true); // and so is a second one while stopping
    await flush();
    expect(host.stop).toHaveBeenCalledOnce();
    expect(ipcMain.handlers.size).toBe(0);

    finishStop();
    await flush();
    // The app quits again by itself, and this time nothing prevents it.
    expect(app.quit).toHaveBeenCalledTimes(3);
    expect(app.quit.mock.results[2]?.value).toBe(false);
  });

  it('still quits when the engine fails to stop', async () => {
    const host = fakeHost(async () => {
      throw new Error('disk full');
    });
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    bootFleetscope({ startHost: async () => host, bundleDir });
    app.becomeReady();
    await flush();
    app.quit();
    await flush();
    expect(error).toHaveBeenCalledWith(expect.stringMatching(/did not stop cleanly/), expect.any(Error));
    expect(app.quit.mock.results.at(-1)?.value).toBe(false);
    error.mockRestore();
  });

  it('says why and exits when the engine cannot start', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    bootFleetscope({ startHost: async () => Promise.reject(new Error('fleet.yaml has 1 problem(s)')), bundleDir });
    app.becomeReady();
    await flush();
    expect(dialog.showErrorBox).toHaveBeenCalledWith('Fleetscope could not start', 'fleet.yaml has 1 problem(s)');
    expect(app.exit).toHaveBeenCalledWith(1);
    expect(FakeBrowserWindow.created).toHaveLength(0);
    error.mockRestore();
  });

  it('focuses the existing window when a second instance starts', async () => {
    bootFleetscope({ startHost: async () => fakeHost(), bundleDir });
    app.becomeReady();
    await flush();
    const win = FakeBrowserWindow.created[0]!;
    win.minimized = true;
    app.emit('second-instance');
    expect(win.restore).toHaveBeenCalledOnce();
    expect(win.focus).toHaveBeenCalledOnce();
  });

  it('opens a window on a second launch or activate while none is open, once the engine is up', async () => {
    let started: (host: BootHost) => void = () => undefined;
    bootFleetscope({ startHost: () => new Promise<BootHost>((resolve) => (started = resolve)), bundleDir });
    app.becomeReady();
    await flush();
    app.emit('second-instance');
    expect(FakeBrowserWindow.created).toHaveLength(0); // the engine is not up yet: ready opens it
    started(fakeHost());
    await flush();
    expect(FakeBrowserWindow.created).toHaveLength(1);
    FakeBrowserWindow.created[0]!.close();
    app.emit('second-instance');
    expect(FakeBrowserWindow.created).toHaveLength(2);
    FakeBrowserWindow.created[1]!.close();
    app.emit('activate');
    expect(FakeBrowserWindow.created).toHaveLength(3);
    expect(FakeBrowserWindow.created[2]!.loadFile).toHaveBeenCalledWith('/opt/fleetscope/dist/renderer/index.html');
  });
});
