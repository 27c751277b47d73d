// The `electron` module as the built main.cjs and preload.cjs see it during the boot rehearsal:
// real enough to run them (an app with its lifecycle, windows whose pages load in a real
// Chromium, ipcMain/ipcRenderer joined through structured clones), and recording every call so
// the rehearsal can check what the shell asked of Electron, in which order.
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import type { SafeStorageLike } from '../../../electron/main/secrets/vault';

type Handler = (event: unknown, args: unknown) => unknown;

/** What the page side needs of a window: load its page, and forget it when closed. */
export interface PageHost {
  load(win: StandInWindow, path: string): Promise<void>;
  close(win: StandInWindow): Promise<void>;
  /** What `webContents.printToPDF` answers for the page at a URL (the report's data: URL). */
  print?(url: string, options: unknown): Promise<Buffer>;
}

export class StandInWebContents extends EventEmitter {
  private static nextId = 1;
  readonly id = StandInWebContents.nextId++;
  destroyed = false;
  /** Updated from the URL Chromium itself reports for the page, as Electron's would be. */
  readonly mainFrame = { url: 'about:blank' };
  /** What the preload's ipcRenderer hears: main's `send` arrives here. */
  readonly toRenderer = new EventEmitter();

  constructor(private readonly calls: string[]) {
    super();
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** Prints the page loaded by `loadURL` through the page host, as Electron's Chromium would. */
  printToPDF(options: unknown): Promise<Buffer> {
    this.calls.push(`webContents.printToPDF ${this.id}`);
    if (!this.print) throw new Error('This stand-in prints no PDF: give its PageHost a print()');
    return this.print(this.mainFrame.url, options);
  }

  print?: (url: string, options: unknown) => Promise<Buffer>;

  setWindowOpenHandler(_handler: unknown): void {
    this.calls.push(`webContents.setWindowOpenHandler ${this.id}`);
  }

  send(channel: string, payload: unknown): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.toRenderer.emit(channel, { sender: null }, structuredClone(payload));
  }
}

export class StandInWindow extends EventEmitter {
  destroyed = false;
  readonly webContents: StandInWebContents;
  /** What the preload exposed with contextBridge, by name (`fleet`). */
  readonly exposed = new Map<string, unknown>();

  constructor(
    readonly options: { webPreferences?: { preload?: string; sandbox?: boolean; contextIsolation?: boolean } },
    private readonly electron: StandInElectron,
  ) {
    super();
    this.webContents = new StandInWebContents(electron.calls);
    if (electron.pages.print) this.webContents.print = electron.pages.print.bind(electron.pages);
    electron.calls.push(`new BrowserWindow ${this.webContents.id}`);
    electron.windows.push(this);
    electron.app.emit('web-contents-created', {}, this.webContents);
  }

  async loadFile(path: string): Promise<void> {
    this.electron.calls.push(`win.loadFile ${path}`);
    runPreload(this, this.options.webPreferences?.preload ?? '', this.electron);
    this.webContents.emit('did-start-loading');
    await this.electron.pages.load(this, path);
    this.webContents.emit('did-finish-load');
    this.emit('ready-to-show');
  }

  /** A page by URL (no preload runs for it: the shell loads its own page with loadFile). */
  async loadURL(url: string): Promise<void> {
    this.electron.calls.push(`win.loadURL ${url.slice(0, 40)}`);
    this.webContents.mainFrame.url = url;
  }

  destroy(): void {
    this.electron.calls.push(`win.destroy ${this.webContents.id}`);
    this.destroyed = true;
    this.webContents.destroyed = true;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return false;
  }
  show(): void {
    this.electron.calls.push(`win.show ${this.webContents.id}`);
  }
  focus(): void {
    this.electron.calls.push(`win.focus ${this.webContents.id}`);
  }
  restore(): void {}

  /** Closes the window as the user would; like macOS, the app keeps running without one. */
  async close(): Promise<void> {
    this.destroyed = true;
    this.webContents.destroyed = true;
    await this.electron.pages.close(this);
    this.emit('closed');
  }
}

/**
 * Runs the built preload as Electron's sandbox does: a fresh context, no Node, and a `require`
 * that knows only `electron` (contextBridge and ipcRenderer bound to this window).
 */
function runPreload(win: StandInWindow, preloadPath: string, electron: StandInElectron): void {
  const contents = win.webContents;
  const ipcRenderer = {
    invoke: async (channel: string, args: unknown): Promise<unknown> => {
      const handler = electron.ipcHandlers.get(channel);
      if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
      const event = { sender: contents, senderFrame: contents.destroyed ? null : contents.mainFrame };
      return structuredClone(await handler(event, structuredClone(args)));
    },
    on: (channel: string, listener: (...a: unknown[]) => void) => contents.toRenderer.on(channel, listener),
    removeListener: (channel: string, listener: (...a: unknown[]) => void) => contents.toRenderer.removeListener(channel, listener),
  };
  const contextBridge = {
    exposeInMainWorld: (name: string, api: unknown) => {
      electron.calls.push(`contextBridge.exposeInMainWorld ${name}`);
      win.exposed.set(name, api);
    },
  };
  const module = { exports: {} };
  const sandboxRequire = (name: string): unknown => {
    if (name === 'electron') return { contextBridge, ipcRenderer };
    throw new Error(`Cannot find module '${name}' (a sandboxed preload can require only electron)`);
  };
  runInNewContext(readFileSync(preloadPath, 'utf8'), { require: sandboxRequire, module, exports: module.exports, console }, { filename: preloadPath });
}

export interface StandInOptions {
  appData: string;
  safeStorage: SafeStorageLike;
  pages: PageHost;
}

export class StandInElectron {
  readonly calls: string[] = [];
  readonly windows: StandInWindow[] = [];
  readonly ipcHandlers = new Map<string, Handler>();
  readonly pages: PageHost;
  readonly app: EventEmitter & { quit(): void };
  /** Resolves once a quit went through (no before-quit listener held it back). */
  readonly quitted: Promise<void>;
  private markReady: () => void = () => undefined;
  private readonly paths = new Map<string, string>();

  private readonly safeStorage: SafeStorageLike;

  constructor(opts: StandInOptions) {
    this.pages = opts.pages;
    this.safeStorage = opts.safeStorage;
    const calls = this.calls;
    const ready = new Promise<void>((resolve) => (this.markReady = resolve));
    let quitDone: () => void = () => undefined;
    this.quitted = new Promise<void>((resolve) => (quitDone = resolve));
    this.paths.set('appData', opts.appData);
    this.paths.set('userData', join(opts.appData, 'Electron'));
    const paths = this.paths;
    const app = Object.assign(new EventEmitter(), {
      setName: (name: string) => void calls.push(`app.setName ${name}`),
      setPath: (name: string, value: string) => {
        calls.push(`app.setPath ${name} ${value}`);
        paths.set(name, value);
      },
      getPath: (name: string) => {
        const p = paths.get(name);
        if (!p) throw new Error(`Failed to get '${name}' path`);
        return p;
      },
      setAppUserModelId: (id: string) => void calls.push(`app.setAppUserModelId ${id}`),
      requestSingleInstanceLock: () => (calls.push('app.requestSingleInstanceLock'), true),
      setAsDefaultProtocolClient: (scheme: string) => (calls.push(`app.setAsDefaultProtocolClient ${scheme}`), true),
      enableSandbox: () => void calls.push('app.enableSandbox'),
      whenReady: () => (calls.push('app.whenReady'), ready),
      exit: (code: number) => void calls.push(`app.exit ${code}`),
      quit: () => {
        calls.push('app.quit');
        const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
        app.emit('before-quit', event);
        if (!event.defaultPrevented) {
          calls.push('app.quit went through');
          quitDone();
        }
      },
    });
    this.app = app;
  }

  /** Electron emits `ready`: whenReady resolves. */
  becomeReady(): void {
    this.calls.push('(ready)');
    this.markReady();
  }

  /** The `electron` module main.cjs and preload.cjs require. */
  get module(): Record<string, unknown> {
    return (this.electronModule ??= this.createModule());
  }

  private electronModule?: Record<string, unknown>;

  private createModule(): Record<string, unknown> {
    const calls = this.calls;
    return {
      app: this.app,
      BrowserWindow: windowClassOf(this),
      ipcMain: {
        handle: (channel: string, handler: Handler) => {
          if (this.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
          this.ipcHandlers.set(channel, handler);
        },
        removeHandler: (channel: string) => void this.ipcHandlers.delete(channel),
      },
      session: {
        defaultSession: {
          setPermissionRequestHandler: () => void calls.push('session.setPermissionRequestHandler'),
          setPermissionCheckHandler: () => void calls.push('session.setPermissionCheckHandler'),
          webRequest: { onHeadersReceived: () => void calls.push('session.webRequest.onHeadersReceived') },
        },
      },
      shell: { openExternal: async (url: string) => void calls.push(`shell.openExternal ${url}`) },
      dialog: { showErrorBox: (title: string, message: string) => void calls.push(`dialog.showErrorBox ${title}: ${message}`) },
      nativeTheme: { shouldUseDarkColors: false },
      safeStorage: this.safeStorage,
      // Desktop notifications of new alerts: each one shown is a call.
      Notification: class extends EventEmitter {
        static isSupported = (): boolean => true;
        constructor(private readonly options: { title: string }) {
          super();
        }
        show(): void {
          calls.push(`Notification.show ${this.options.title}`);
        }
      },
    };
  }
}

/** `BrowserWindow` as main.cjs constructs it (`new BrowserWindow(options)`), bound to one stand-in. */
function windowClassOf(electron: StandInElectron): new (options: ConstructorParameters<typeof StandInWindow>[0]) => StandInWindow {
  return class extends StandInWindow {
    constructor(options: ConstructorParameters<typeof StandInWindow>[0]) {
      super(options, electron);
    }
  };
}
