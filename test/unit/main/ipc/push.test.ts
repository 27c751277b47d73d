import type { BrowserWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { eventChannel } from '../../../../shared/contract';
import { startPush, type PushHub } from '../../../../electron/main/ipc/push';
import { FakeBrowserWindow } from '../fake-electron';
import { fakePushHost, manualTimers, settle } from '../../../helpers/fake-push-host';

const PUSH = eventChannel('snapshotPush');

describe('push', () => {
  let queue: Array<() => void>;
  const runQueued = (): void => {
    const jobs = queue.splice(0);
    jobs.forEach((job) => job());
  };
  let current: { generatedAt: number; n?: number };
  let fake: ReturnType<typeof fakePushHost>;
  let clock: ReturnType<typeof manualTimers>;
  let hub: PushHub;
  const log = { warn: vi.fn() };

  /** A window that has loaded and taken its full copy. */
  const loadedWindow = async (): Promise<FakeBrowserWindow> => {
    const win = new FakeBrowserWindow({});
    hub.addWindow(win as unknown as BrowserWindow);
    win.webContents.emit('did-finish-load');
    runQueued();
    await settle();
    return win;
  };
  const pushesTo = (win: FakeBrowserWindow): unknown[] => win.webContents.send.mock.calls.filter(([channel]) => channel === PUSH).map(([, payload]) => payload);

  beforeEach(() => {
    queue = [];
    log.warn.mockClear();
    current = { generatedAt: 1 };
    fake = fakePushHost(() => current);
    clock = manualTimers(10_000);
    hub = startPush(fake.host, { schedule: (flush) => queue.push(flush), log, feed: { now: clock.now, setTimer: clock.setTimer } });
  });

  it('subscribes to the snapshot, demo and link events', () => {
    expect(fake.count()).toBe(3);
  });

  it('gives a loaded window the full snapshot first, then only what changed', async () => {
    const win = await loadedWindow();
    expect(pushesTo(win)).toEqual([{ kind: 'full', version: 1, snapshot: { generatedAt: 1 } }]);
    fake.emit('snapshot', { generatedAt: 2 });
    clock.advance(0);
    runQueued();
    expect(pushesTo(win)[1]).toEqual({ kind: 'patch', base: 1, version: 2, ops: [{ op: 's', p: ['generatedAt'], v: 2 }] });
  });

  it('sends demo and link events whole, to every live window', async () => {
    const a = await loadedWindow();
    const b = await loadedWindow();
    fake.emit('demo', { speed: 1, primaries: [] });
    runQueued();
    for (const win of [a, b]) expect(win.webContents.send).toHaveBeenCalledWith(eventChannel('demo'), { speed: 1, primaries: [] });
  });

  it('coalesces the publishes of one second into one patch', async () => {
    const win = await loadedWindow();
    fake.emit('snapshot', { generatedAt: 2 });
    clock.advance(0);
    for (let i = 3; i <= 6; i++) {
      fake.emit('snapshot', { generatedAt: i, n: i });
      clock.advance(200);
    }
    runQueued();
    // One at once, the next no sooner than a second later carrying the latest.
    expect(pushesTo(win)).toHaveLength(2);
    clock.advance(200);
    runQueued();
    const pushes = pushesTo(win);
    expect(pushes).toHaveLength(3);
    expect(pushes[2]).toEqual({
      kind: 'patch',
      base: 2,
      version: 3,
      ops: [
        { op: 's', p: ['generatedAt'], v: 6 },
        { op: 's', p: ['n'], v: 6 },
      ],
    });
  });

  it('sends nothing when nothing changed', async () => {
    const win = await loadedWindow();
    fake.emit('snapshot', { generatedAt: 1 });
    clock.advance(1000);
    runQueued();
    expect(pushesTo(win)).toHaveLength(1);
  });

  it('waits for the page to load, then starts from a full copy of the latest', async () => {
    const win = new FakeBrowserWindow({});
    hub.addWindow(win as unknown as BrowserWindow);
    current = { generatedAt: 7 };
    fake.emit('snapshot', { generatedAt: 7 });
    clock.advance(0);
    runQueued();
    expect(win.webContents.send).not.toHaveBeenCalled();
    win.webContents.emit('did-finish-load');
    runQueued();
    await settle();
    expect(pushesTo(win)).toEqual([{ kind: 'full', version: 1, snapshot: { generatedAt: 7 } }]);
  });

  it('starts a reloaded page from a full copy again', async () => {
    const win = await loadedWindow();
    win.webContents.emit('did-start-loading');
    fake.emit('snapshot', { generatedAt: 5 });
    clock.advance(0);
    runQueued();
    expect(pushesTo(win)).toHaveLength(1);
    win.webContents.emit('did-finish-load');
    runQueued();
    await settle();
    expect(pushesTo(win)[1]).toEqual({ kind: 'full', version: 2, snapshot: { generatedAt: 5 } });
  });

  it('skips destroyed windows, including one destroyed between event and flush', async () => {
    const closed = await loadedWindow();
    const crashed = await loadedWindow();
    const live = await loadedWindow();
    closed.close();
    fake.emit('snapshot', { generatedAt: 2 });
    clock.advance(0);
    crashed.webContents.destroyed = true;
    runQueued();
    expect(pushesTo(closed)).toHaveLength(1);
    expect(pushesTo(crashed)).toHaveLength(1);
    expect(pushesTo(live)).toHaveLength(2);
  });

  it('logs a send that fails and carries on with the other windows', async () => {
    const broken = await loadedWindow();
    broken.webContents.send.mockImplementation(() => {
      throw new Error('An object could not be cloned.');
    });
    const fine = await loadedWindow();
    fake.emit('snapshot', { generatedAt: 2 });
    clock.advance(0);
    runQueued();
    expect(log.warn).toHaveBeenCalledWith(expect.stringMatching(/could not push snapshotPush/));
    expect(pushesTo(fine)).toHaveLength(2);
  });

  it('dispose unsubscribes from the host and forgets the windows', async () => {
    const win = await loadedWindow();
    hub.dispose();
    expect(fake.count()).toBe(0);
    expect(clock.pending()).toBe(0);
    fake.emit('snapshot', { generatedAt: 2 });
    runQueued();
    expect(pushesTo(win)).toHaveLength(1);
  });
});
