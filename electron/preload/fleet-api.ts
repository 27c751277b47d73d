import type { IpcRendererEvent } from 'electron';
import type { PreloadApi } from '../../shared/contract/contract';
import { PUSH_EVENT_NAMES, REQUEST_NAMES, eventChannel, requestChannel, type PushEventName, type RequestName } from '../../shared/contract/names';

/** The part of `ipcRenderer` the API uses, so tests can pass a fake. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown;
}

const isPushEventName = (name: unknown): name is PushEventName => (PUSH_EVENT_NAMES as readonly unknown[]).includes(name);

/**
 * What the page gets as `window.fleet`: one named method per contract request, and `on`.
 *
 * Never a generic `invoke(channel)`: the page can reach exactly the contract's channels and no
 * other. Listeners receive only the payload, never the IpcRendererEvent (its `sender` is the
 * ipcRenderer itself). Imports only the zod-free names module, so the sandboxed bundle stays small.
 */
export function createFleetApi(ipc: IpcRendererLike): PreloadApi {
  const requests = Object.fromEntries(REQUEST_NAMES.map((name: RequestName) => [name, (args: unknown) => ipc.invoke(requestChannel(name), args)]));

  const on = (event: PushEventName, listener: (payload: never) => void): (() => void) => {
    if (!isPushEventName(event)) throw new TypeError(`Unknown Fleetscope event: ${String(event)}`);
    if (typeof listener !== 'function') throw new TypeError('The listener must be a function.');
    const channel = eventChannel(event);
    const strip = (_event: IpcRendererEvent, payload: unknown): void => listener(payload as never);
    ipc.on(channel, strip);
    return () => {
      ipc.removeListener(channel, strip);
    };
  };

  // The object is built from REQUEST_NAMES, so TS cannot see its keys; main's register answers
  // each channel with the Outcome that PreloadApi declares for it.
  return { ...requests, on } as unknown as PreloadApi;
}
