import { EventEmitter } from 'node:events';
import type { IpcRendererEvent } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { PUSH_EVENT_NAMES, REQUEST_NAMES, eventChannel, requestChannel, type PushEventName } from '../../../shared/contract/names';
import { createFleetApi } from '../../../electron/preload/fleet-api';
import { contextBridge, ipcRenderer, resetFakeElectron } from '../main/fake-electron';

vi.mock('electron', () => import('../main/fake-electron'));

function fakeIpc() {
  const emitter = new EventEmitter();
  return Object.assign(emitter, { invoke: vi.fn(async (channel: string, args: unknown) => ({ ok: true, value: { channel, args } })) });
}

describe('preload API', () => {
  it('has one method per request and `on`, nothing else', () => {
    const api = createFleetApi(fakeIpc());
    expect(Object.keys(api).sort()).toEqual([...REQUEST_NAMES, 'on'].sort());
    expect(Object.keys(api)).not.toContain('invoke');
  });

  it('invokes each request on its own channel with the arguments as given', async () => {
    const ipc = fakeIpc();
    const api = createFleetApi(ipc);
    await expect(api.pollNow({ targetId: 'prod' })).resolves.toEqual({ ok: true, value: { channel: 'fleet:request:pollNow', args: { targetId: 'prod' } } });
    for (const name of REQUEST_NAMES) {
      ipc.invoke.mockClear();
      await (api[name] as (a: unknown) => Promise<unknown>)({});
      expect(ipc.invoke).toHaveBeenCalledWith(requestChannel(name), {});
    }
  });

  it('gives listeners the payload only, and unsubscribes', () => {
    const ipc = fakeIpc();
    const api = createFleetApi(ipc);
    const listener = vi.fn();
    const off = api.on('snapshotPush', listener);
    const ipcEvent = { sender: ipc } as unknown as IpcRendererEvent;
    ipc.emit(eventChannel('snapshotPush'), ipcEvent, { generatedAt: 1 });
    expect(listener).toHaveBeenCalledWith({ generatedAt: 1 });
    expect(listener.mock.calls[0]).toHaveLength(1);
    off();
    ipc.emit(eventChannel('snapshotPush'), ipcEvent, { generatedAt: 2 });
    expect(listener).toHaveBeenCalledOnce();
    expect(ipc.listenerCount(eventChannel('snapshotPush'))).toBe(0);
  });

  it('subscribes to each contract event on its channel', () => {
    const ipc = fakeIpc();
    const api = createFleetApi(ipc);
    for (const name of PUSH_EVENT_NAMES) api.on(name, () => undefined);
    for (const name of PUSH_EVENT_NAMES) expect(ipc.listenerCount(eventChannel(name))).toBe(1);
  });

  it('throws on an unknown event name and a non-function listener', () => {
    const ipc = fakeIpc();
    const api = createFleetApi(ipc);
    expect(() => api.on('fleet:request:pollNow' as PushEventName, () => undefined)).toThrow(/Unknown Fleetscope event/);
    expect(() => api.on('__proto__' as PushEventName, () => undefined)).toThrow(/Unknown Fleetscope event/);
    expect(() => api.on('snapshotPush', 'nope' as unknown as () => void)).toThrow(/function/);
    expect(ipc.eventNames()).toEqual([]);
  });
});

describe('preload entry', () => {
  beforeEach(resetFakeElectron);

  it('exposes the API as window.fleet through contextBridge, wired to ipcRenderer', async () => {
    await import('../../../electron/preload/index');
    expect(contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
    const [key, api] = contextBridge.exposeInMainWorld.mock.calls[0] as [string, Record<string, unknown>];
    expect(key).toBe('fleet');
    expect(Object.keys(api).sort()).toEqual([...REQUEST_NAMES, 'on'].sort());
    await (api['getSnapshot'] as (a: unknown) => Promise<unknown>)({});
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('fleet:request:getSnapshot', {});
  });
});
