import type { BrowserWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENT_NAMES, eventChannel, type EventName } from '../../../../shared/contract';
import type { FleetHost } from '../../../../electron/host/host-types';
import { startPush, type PushHub } from '../../../../electron/main/ipc/push';
import { FakeBrowserWindow } from '../fake-electron';

/** A host whose events the test fires by hand. */
function fakeHost() {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const host: Pick<FleetHost, 'on'> = {
    on: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
  const emit = (event: EventName, payload: unknown): void => listeners.get(event)?.forEach((l) => l(payload));
  const count = (): number => [...listeners.values()].reduce((n, s) => n + s.size, 0);
  return { host, emit, count };
}

describe('push', () => {
  let queue: Array<() => void>;
  const runQueued = (): void => {
    const jobs = queue.splice(0);
    jobs.forEach((job) => job());
  };
  let fake: ReturnType<typeof fakeHost>;
  let hub: PushHub;
  const log = { warn: vi.fn() };

  const loadedWindow = (): FakeBrowserWindow => {
    const win = new FakeBrowserWindow({});
    hub.addWindow(win as unknown as BrowserWindow);
    win.webContents.emit('did-finish-load');
    return win;
  };

  beforeEach(() => {
    queue = [];
    fake = fakeHost();
    hub = startPush(fake.host, (flush) => queue.push(flush), log);
  });

  it('subscribes to every host event', () => {
    expect(fake.count()).toBe(EVENT_NAMES.length);
  });

  it('sends each event to every live window on its channel', () => {
    const a = loadedWindow();
    const b = loadedWindow();
    fake.emit('snapshot', { generatedAt: 1 });
    fake.emit('demo', { speed: 1, primaries: [] });
    runQueued();
    for (const win of [a, b]) {
      expect(win.webContents.send).toHaveBeenCalledWith(eventChannel('snapshot'), { generatedAt: 1 });
      expect(win.webContents.send).toHaveBeenCalledWith(eventChannel('demo'), { speed: 1, primaries: [] });
    }
  });

  it('coalesces a burst to the latest payload per event', () => {
    const win = loadedWindow();
    fake.emit('snapshot', { generatedAt: 1 });
    fake.emit('snapshot', { generatedAt: 2 });
    fake.emit('snapshot', { generatedAt: 3 });
    runQueued();
    expect(win.webContents.send).toHaveBeenCalledOnce();
    expect(win.webContents.send).toHaveBeenCalledWith(eventChannel('snapshot'), { generatedAt: 3 });
  });

  it('queues until the page has loaded, then sends only the latest', () => {
    const win = new FakeBrowserWindow({});
    hub.addWindow(win as unknown as BrowserWindow);
    fake.emit('snapshot', { generatedAt: 1 });
    fake.emit('snapshot', { generatedAt: 2 });
    runQueued();
    expect(win.webContents.send).not.toHaveBeenCalled();
    win.webContents.emit('did-finish-load');
    runQueued();
    expect(win.webContents.send).toHaveBeenCalledOnce();
    expect(win.webContents.send).toHaveBeenCalledWith(eventChannel('snapshot'), { generatedAt: 2 });
  });

  it('holds events again while the page reloads', () => {
    const win = loadedWindow();
    win.webContents.emit('did-start-loading');
    fake.emit('snapshot', { generatedAt: 5 });
    runQueued();
    expect(win.webContents.send).not.toHaveBeenCalled();
    win.webContents.emit('did-finish-load');
    runQueued();
    expect(win.webContents.send).toHaveBeenCalledWith(eventChannel('snapshot'), { generatedAt: 5 });
  });

  it('skips destroyed windows, including one destroyed between event and flush', () => {
    const closed = loadedWindow();
    const crashed = loadedWindow();
    const live = loadedWindow();
    closed.close();
    fake.emit('snapshot', { generatedAt: 1 });
    crashed.webContents.destroyed = true;
    runQueued();
    expect(closed.webContents.send).not.toHaveBeenCalled();
    expect(crashed.webContents.send).not.toHaveBeenCalled();
    expect(live.webContents.send).toHaveBeenCalledOnce();
  });

  it('logs a send that fails and carries on with the other windows', () => {
    const broken = loadedWindow();
    broken.webContents.send.mockImplementation(() => {
      throw new Error('An object could not be cloned.');
    });
    const fine = loadedWindow();
    fake.emit('snapshot', { generatedAt: 1 });
    runQueued();
    expect(log.warn).toHaveBeenCalledWith(expect.stringMatching(/could not push snapshot/));
    expect(fine.webContents.send).toHaveBeenCalledOnce();
  });

  it('dispose unsubscribes from the host and forgets the windows', () => {
    const win = loadedWindow();
    hub.dispose();
    expect(fake.count()).toBe(0);
    fake.emit('snapshot', { generatedAt: 1 });
    runQueued();
    expect(win.webContents.send).not.toHaveBeenCalled();
  });
});
