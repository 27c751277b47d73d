// A small stand-in for the `electron` module, which cannot load under Node (toolchain.md §3).
// Tests route it in with `vi.mock('electron', () => import('./fake-electron'))` and inspect the
// same instances here; `resetFakeElectron()` gives each test a clean app.
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';
import type { BrowserWindowConstructorOptions } from 'electron';
import { vi } from 'vitest';

export class FakeWebFrame {
  constructor(
    public url: string,
    public parent: FakeWebFrame | null = null,
  ) {}
}

/** An Electron-style event: handlers call preventDefault, the emitter reads the outcome. */
export interface FakeEvent {
  url: string;
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function fakeEvent(url = ''): FakeEvent {
  return {
    url,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

let nextContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  destroyed = false;
  loading = false;
  readonly mainFrame: FakeWebFrame;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  readonly send = vi.fn<(channel: string, ...args: unknown[]) => void>();

  constructor(url = 'about:blank') {
    super();
    this.mainFrame = new FakeWebFrame(url);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }

  /** Fires a navigation-style event and says whether a listener prevented it. */
  attempt(event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect' | 'will-attach-webview', url = ''): boolean {
    const e = fakeEvent(url);
    this.emit(event, e);
    return e.defaultPrevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly created: FakeBrowserWindow[] = [];
  destroyed = false;
  minimized = false;
  readonly webContents = new FakeWebContents();
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  fullScreen = false;
  readonly isFullScreen = vi.fn(() => this.fullScreen);
  readonly setFullScreen = vi.fn((on: boolean) => {
    this.fullScreen = on;
  });
  readonly loadFile = vi.fn(async (path: string, options?: { hash?: string }) => {
    this.webContents.mainFrame.url = `${pathToFileURL(path).href}${options?.hash ? `#${options.hash}` : ''}`;
  });

  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    FakeBrowserWindow.created.push(this);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  close(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

type IpcHandler = (event: unknown, ...args: unknown[]) => unknown;
const ipcHandlers = new Map<string, IpcHandler>();

export const ipcMain = {
  handlers: ipcHandlers,
  handle: vi.fn((channel: string, handler: IpcHandler) => {
    // Electron throws on a second handler for one channel; so does the fake.
    if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    ipcHandlers.set(channel, handler);
  }),
  removeHandler: vi.fn((channel: string) => {
    ipcHandlers.delete(channel);
  }),
};

let markReady: () => void = () => undefined;
let ready = new Promise<void>((resolve) => {
  markReady = resolve;
});

export const app = Object.assign(new EventEmitter(), {
  requestSingleInstanceLock: vi.fn(() => true),
  enableSandbox: vi.fn(),
  whenReady: vi.fn(() => ready),
  getPath: vi.fn((name: string) => (name === 'appData' ? '/tmp/fleetscope-app-data' : '/tmp/fleetscope-user-data')),
  setName: vi.fn(),
  setPath: vi.fn(),
  setAppUserModelId: vi.fn(),
  setAsDefaultProtocolClient: vi.fn((_scheme: string, _path?: string, _args?: string[]) => true),
  exit: vi.fn(),
  /** Like Electron: quitting emits `before-quit`, which a listener may prevent. */
  quit: vi.fn(() => {
    const event = fakeEvent();
    app.emit('before-quit', event);
    return event.defaultPrevented;
  }),
  /** Test control: resolves `whenReady()`. */
  becomeReady: () => markReady(),
});

export const session = {
  defaultSession: {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    webRequest: { onHeadersReceived: vi.fn() },
  },
};

export const shell = { openExternal: vi.fn(async (_url: string) => undefined) };
export const dialog = { showErrorBox: vi.fn(), showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 0, checkboxChecked: false })) };
export const nativeTheme = { shouldUseDarkColors: true };
export const contextBridge = { exposeInMainWorld: vi.fn() };
export const ipcRenderer = Object.assign(new EventEmitter(), { invoke: vi.fn(async (..._args: unknown[]) => undefined) });
/** Electron's Notification: every one shown is kept in `shown`, to count and click. */
export class FakeNotification extends EventEmitter {
  static readonly shown: FakeNotification[] = [];
  static isSupported(): boolean {
    return true;
  }
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
  show(): void {
    FakeNotification.shown.push(this);
  }
}
export { FakeBrowserWindow as BrowserWindow, FakeNotification as Notification };

/** Forgets every window, handler, listener and call, and makes the app not ready again. */
export function resetFakeElectron(): void {
  vi.clearAllMocks();
  FakeBrowserWindow.created.length = 0;
  FakeNotification.shown.length = 0;
  ipcHandlers.clear();
  app.removeAllListeners();
  ipcRenderer.removeAllListeners();
  ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  nativeTheme.shouldUseDarkColors = true;
  app.requestSingleInstanceLock.mockReturnValue(true);
}
