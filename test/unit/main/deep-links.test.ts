import { beforeEach, describe, expect, it, vi } from 'vitest';
import { bootFleetscope } from '../../../electron/main/boot';
import { registerDeepLinks, routeFromArgv } from '../../../electron/main/deep-links';
import { createDispatch } from '../../../electron/host/dispatch';
import type { BootHost } from '../../../electron/main/boot';
import { fakeHandlers } from '../../helpers/fake-handlers';
import { FakeBrowserWindow, app, fakeEvent, resetFakeElectron } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const page = '/opt/fleetscope/dist/renderer/index.html';
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const fakeHost = (): BootHost => ({ dispatch: createDispatch(fakeHandlers()), on: () => () => undefined, stop: vi.fn(async () => undefined) });

describe('deep links', () => {
  beforeEach(resetFakeElectron);

  it('reads a fleetscope:// link or a hash route from the command line, and nothing else', () => {
    expect(routeFromArgv(['/usr/bin/fleetscope', '--demo', 'fleetscope://repo/WEB/web-ui?primary=prod&range=6h'])).toBe(
      '#/repo/WEB/web-ui?primary=prod&range=6h',
    );
    expect(routeFromArgv(['/usr/bin/fleetscope', '#/mirrors?farm=f1&state=LAGGING'])).toBe('#/mirrors?farm=f1&state=LAGGING');
    expect(routeFromArgv(['/usr/bin/fleetscope', '/storage?source=gl&volume=bbshared'])).toBe('#/storage?source=gl&volume=bbshared');
    expect(routeFromArgv(['/usr/bin/fleetscope', '--config', '/etc/fleet.yaml'])).toBeNull();
    expect(routeFromArgv(['fleetscope://nowhere/at/all'])).toBeNull();
    expect(routeFromArgv(['fleetscope://repo/WEB'])).toBeNull();
  });

  it('registers the fleetscope scheme with the system', () => {
    registerDeepLinks({ page, window: () => undefined }, []);
    expect(app.setAsDefaultProtocolClient).toHaveBeenCalledWith('fleetscope', ...(process.defaultApp ? [expect.any(String), expect.any(Array)] : []));
  });

  it('opens the first window on the route given on the command line', async () => {
    const argv = process.argv;
    process.argv = [...argv, 'fleetscope://repo/WEB/web-ui'];
    try {
      bootFleetscope({ startHost: async () => fakeHost(), bundleDir: '/opt/fleetscope/dist-electron' });
      app.becomeReady();
      await flush();
    } finally {
      process.argv = argv;
    }
    const win = FakeBrowserWindow.created[0];
    expect(win?.loadFile).toHaveBeenCalledWith(page, { hash: '/repo/WEB/web-ui' });
    expect(win?.webContents.mainFrame.url).toBe('file:///opt/fleetscope/dist/renderer/index.html#/repo/WEB/web-ui');
  });

  it('follows a link of a second instance (Windows, Linux) and of open-url (macOS) in the open window', async () => {
    bootFleetscope({ startHost: async () => fakeHost(), bundleDir: '/opt/fleetscope/dist-electron' });
    app.becomeReady();
    await flush();
    const win = FakeBrowserWindow.created[0]!;
    win.minimized = true;
    app.emit('second-instance', fakeEvent(), ['/usr/bin/fleetscope', 'fleetscope://mirrors?farm=f1'], '/home/u');
    expect(win.restore).toHaveBeenCalled();
    expect(win.loadFile).toHaveBeenLastCalledWith(page, { hash: '/mirrors?farm=f1' });

    const event = fakeEvent();
    app.emit('open-url', event, 'fleetscope://repo/PLAT/api?primary=prod');
    expect(event.defaultPrevented).toBe(true);
    expect(win.loadFile).toHaveBeenLastCalledWith(page, { hash: '/repo/PLAT/api?primary=prod' });
    expect(FakeBrowserWindow.created).toHaveLength(1);

    // Not a route: the window stays where it is.
    const calls = win.loadFile.mock.calls.length;
    app.emit('open-url', fakeEvent(), 'fleetscope://evil/../../etc/passwd');
    app.emit('second-instance', fakeEvent(), ['/usr/bin/fleetscope', '--demo'], '/home/u');
    expect(win.loadFile.mock.calls.length).toBe(calls);
  });
});
