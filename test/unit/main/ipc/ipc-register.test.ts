import { fakeHandlers as allHandlers } from '../../../helpers/fake-handlers';
import type { WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FleetApiError, REQUEST_NAMES, requestChannel, type Outcome } from '../../../../shared/contract';
import { appPaths, isAppPageUrl } from '../../../../electron/main/app-paths';
import type { FleetHandlers } from '../../../../electron/engine/handlers';
import { createDispatch } from '../../../../electron/host/dispatch';
import { registerIpc, unregisterAll } from '../../../../electron/main/ipc/register';
import { FakeWebContents, FakeWebFrame, ipcMain, resetFakeElectron } from '../fake-electron';

vi.mock('electron', () => import('../fake-electron'));

const { pageUrl } = appPaths('/opt/fleetscope/dist-electron');
const history = { points: [[1, 2]] as [number, number][] };

function fakeHandlers(): FleetHandlers {
  return allHandlers({
    getSnapshot: vi.fn(async () => {
      throw new Error('not used here');
    }),
    getHistory: vi.fn(async () => history),
    pollNow: vi.fn(async () => ({ ok: true as const })),
    getDemoState: vi.fn(async () => {
      throw new FleetApiError('not-available', 'The simulated fleet is not running.');
    }),
    setDemoFault: vi.fn(async () => {
      throw new TypeError('boom');
    }),
  });
}

describe('IPC register', () => {
  let handlers: FleetHandlers;
  let ours: FakeWebContents;
  const log = { warn: vi.fn(), error: vi.fn() };

  const call = async (name: string, args: unknown, event?: { sender: FakeWebContents; senderFrame: FakeWebFrame | null }): Promise<Outcome<unknown>> => {
    const handler = ipcMain.handlers.get(`fleet:request:${name}`);
    if (!handler) throw new Error(`no handler for ${name}`);
    return (await handler(event ?? { sender: ours, senderFrame: ours.mainFrame }, args)) as Outcome<unknown>;
  };

  beforeEach(() => {
    resetFakeElectron();
    handlers = fakeHandlers();
    ours = new FakeWebContents(`${pageUrl}#/overview`);
    registerIpc({
      host: { dispatch: createDispatch(handlers, log) },
      senders: { isAppPage: (url) => isAppPageUrl(url, pageUrl), isOurWindow: (wc: WebContents) => wc === (ours as unknown) },
      log,
    });
  });

  it('handles exactly the contract channels', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual(REQUEST_NAMES.map(requestChannel).sort());
  });

  it('passes parsed arguments (defaults filled) to the handler and answers ok', async () => {
    const outcome = await call('getHistory', { targetId: 'prod', metric: 'repos.total', rangeSeconds: 3600 });
    expect(outcome).toEqual({ ok: true, value: history });
    expect(handlers.getHistory).toHaveBeenCalledWith({ targetId: 'prod', metric: 'repos.total', rangeSeconds: 3600, maxPoints: 600 });
  });

  it('treats missing arguments of a no-argument request as {}', async () => {
    expect(await call('pollNow', undefined)).toEqual({ ok: true, value: { ok: true } });
  });

  it('answers invalid-argument with the zod message and never calls the handler', async () => {
    const outcome = await call('getHistory', { targetId: 'prod', metric: 'cpu', rangeSeconds: -1, extra: true });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe('invalid-argument');
    expect(outcome.error.message).toMatch(/metric/);
    expect(outcome.error.message).toMatch(/rangeSeconds/);
    expect(handlers.getHistory).not.toHaveBeenCalled();
    expect(await call('pollNow', 'not an object')).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });

  it('keeps the code of a FleetApiError', async () => {
    expect(await call('getDemoState', {})).toEqual({ ok: false, error: { code: 'not-available', message: 'The simulated fleet is not running.' } });
  });

  it('answers internal for any other error, with its message, and logs it', async () => {
    const outcome = await call('setDemoFault', { targetId: 'p', fault: { kind: 'server-error' }, enabled: true });
    expect(outcome).toEqual({ ok: false, error: { code: 'internal', message: 'boom' } });
    expect(handlers.setDemoFault).toHaveBeenCalledOnce();
    expect(log.error).toHaveBeenCalled();
  });

  it('refuses a sub-frame of our window', async () => {
    const subFrame = new FakeWebFrame(pageUrl, ours.mainFrame);
    expect(await call('pollNow', {}, { sender: ours, senderFrame: subFrame })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(handlers.pollNow).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalledWith(expect.stringMatching(/refused pollNow.*sub-frame/));
  });

  it('refuses our window once it shows a foreign page', async () => {
    ours.mainFrame.url = 'https://evil.example/';
    expect(await call('pollNow', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(handlers.pollNow).not.toHaveBeenCalled();
  });

  it('refuses a webContents that is not one of our windows, even on our page', async () => {
    const stranger = new FakeWebContents(pageUrl);
    expect(await call('pollNow', {}, { sender: stranger, senderFrame: stranger.mainFrame })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(handlers.pollNow).not.toHaveBeenCalled();
  });

  it('refuses a sender whose frame is gone, or cannot be inspected', async () => {
    expect(await call('pollNow', {}, { sender: ours, senderFrame: null })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const disposed = new FakeWebFrame(pageUrl);
    Object.defineProperty(disposed, 'url', {
      get() {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    });
    Object.defineProperty(ours, 'mainFrame', { value: disposed });
    expect(await call('pollNow', {}, { sender: ours, senderFrame: disposed })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(handlers.pollNow).not.toHaveBeenCalled();
  });

  it('unregisterAll removes every handler, so registering again works', () => {
    unregisterAll();
    expect(ipcMain.handlers.size).toBe(0);
    expect(ipcMain.removeHandler).toHaveBeenCalledTimes(REQUEST_NAMES.length);
    expect(() => registerIpc({ host: { dispatch: createDispatch(handlers, log) }, senders: { isAppPage: () => true, isOurWindow: () => true } })).not.toThrow();
  });
});
