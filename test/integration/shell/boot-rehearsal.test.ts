// The boot rehearsal: Electron cannot run here, so the desktop shell is exercised as built. The
// built main.cjs boots under Node with a stand-in `electron` (stand-in-electron.ts) that records
// every call; each window runs the built preload in a context that can require only `electron`;
// its page is the built renderer, loaded over file:// in Debian's Chromium under the shell's CSP,
// with `window.fleet` calling the preload's API and so main's real IPC handlers.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/csp';
import { REQUEST_NAMES } from '../../../shared/contract/names';
import { fakeSafeStorage } from '../../helpers/fake-safe-storage';
import { StandInElectron, type PageHost, type StandInWindow } from './stand-in-electron';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/fixtures/chromium-args';

const root = join(import.meta.dirname, '..', '..', '..');
const requireCjs = createRequire(import.meta.url);

let browser: Browser;
let work: string;
/** A copy of the built app in a folder whose name needs percent-encoding, as real install paths do. */
let appDir: string;

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: root, stdio: 'inherit' });
  work = mkdtempSync(join(tmpdir(), 'fs-boot-'));
  appDir = join(work, 'Fleetscope app é');
  mkdirSync(appDir);
  cpSync(join(root, 'dist-electron'), join(appDir, 'dist-electron'), { recursive: true });
  cpSync(join(root, 'dist', 'renderer'), join(appDir, 'dist', 'renderer'), { recursive: true });
  cpSync(join(root, 'package.json'), join(appDir, 'package.json'));
  symlinkSync(join(root, 'node_modules'), join(appDir, 'node_modules'));
  // The shell sends its CSP as a header; a page loaded from file:// has none, so the policy is
  // added as a second <meta>, which Chromium enforces together with the page's own, as it does
  // a header and a meta. frame-ancestors has no effect in a <meta> and is left out.
  const page = join(appDir, 'dist', 'renderer', 'index.html');
  const shellPolicy = CONTENT_SECURITY_POLICY.replace(/; frame-ancestors [^;]+/, '');
  writeFileSync(page, readFileSync(page, 'utf8').replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${shellPolicy}" />`));
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    // The file-access switch stands in for Electron's grantFileProtocolExtraPrivileges fuse, which
    // lets the built page load its module script from file://.
    args: [...CHROMIUM_ARGS, '--allow-file-access-from-files'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

interface PageRecord {
  page: Page;
  violations: string[];
  consoleErrors: string[];
  invoked: Array<{ name: string; ok: boolean; code?: string }>;
}

/** Opens each window's page in Chromium with `window.fleet` wired to the window's preload API. */
function chromiumPages(records: Map<StandInWindow, PageRecord>): PageHost {
  return {
    async load(win, path) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const record: PageRecord = { page, violations: [], consoleErrors: [], invoked: [] };
      records.set(win, record);
      const fleet = win.exposed.get('fleet') as Record<string, (args: unknown) => Promise<{ ok: boolean; error?: { code: string } }>> & {
        on(event: string, listener: (payload: unknown) => void): () => void;
      };
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) win.webContents.mainFrame.url = frame.url();
      });
      page.on('console', (m) => {
        if (m.type() === 'error') record.consoleErrors.push(m.text());
      });
      await page.exposeFunction('__fleetInvoke', async (name: string, args: unknown) => {
        const outcome = await fleet[name]!(args);
        record.invoked.push({ name, ok: outcome.ok, ...(outcome.ok ? {} : { code: outcome.error?.code ?? '' }) });
        return outcome;
      });
      await page.exposeFunction('__fleetSubscribe', (event: string) => {
        fleet.on(event, (payload) => {
          void page
            .evaluate(([e, p]) => (window as unknown as { __fleetDispatch(e: string, p: unknown): void }).__fleetDispatch(e, p), [event, payload] as const)
            .catch(() => undefined);
        });
      });
      await page.exposeFunction('__cspViolation', (text: string) => void record.violations.push(text));
      await page.addInitScript((names: readonly string[]) => {
        const w = window as unknown as Record<string, unknown>;
        document.addEventListener('securitypolicyviolation', (e) =>
          (w.__cspViolation as (t: string) => void)(`${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`),
        );
        const listeners = new Map<string, Set<(p: unknown) => void>>();
        w.__pushes = 0;
        w.__fleetDispatch = (event: string, payload: unknown) => {
          w.__pushes = (w.__pushes as number) + 1;
          for (const l of listeners.get(event) ?? []) l(payload);
        };
        const api: Record<string, unknown> = {
          on(event: string, listener: (p: unknown) => void) {
            if (!listeners.has(event)) {
              listeners.set(event, new Set());
              void (w.__fleetSubscribe as (e: string) => Promise<void>)(event);
            }
            listeners.get(event)!.add(listener);
            return () => listeners.get(event)!.delete(listener);
          },
        };
        for (const name of names) api[name] = (args: unknown) => (w.__fleetInvoke as (n: string, a: unknown) => Promise<unknown>)(name, args);
        w.fleet = Object.freeze(api);
      }, REQUEST_NAMES);
      await page.goto(pathToFileURL(path).href);
    },
    async close(win) {
      await records.get(win)?.page.close();
    },
  };
}

interface Booted {
  electron: StandInElectron;
  records: Map<StandInWindow, PageRecord>;
  home: string;
}

/** Boots a fresh copy of the built main.cjs with this command line; `electron` is the stand-in. */
async function boot(args: string[], safeStorage = fakeSafeStorage()): Promise<Booted> {
  const home = mkdtempSync(join(work, 'home-'));
  const records = new Map<StandInWindow, PageRecord>();
  const electron = new StandInElectron({ appData: join(home, 'config'), safeStorage, pages: chromiumPages(records) });
  const loader = Module as unknown as { _load(request: string, ...rest: unknown[]): unknown };
  const original = loader._load;
  loader._load = function (request: string, ...rest: unknown[]) {
    return request === 'electron' ? electron.module : original.call(this, request, ...rest);
  };
  const saved = { argv: process.argv, env: { ...process.env } };
  Object.assign(process.env, { HOME: home, XDG_CONFIG_HOME: join(home, 'config'), XDG_DATA_HOME: join(home, 'data') });
  delete process.env.FLEETSCOPE_CONFIG;
  delete process.env.FLEETSCOPE_DATA_DIR;
  process.argv = ['/opt/Fleetscope/fleetscope', appDir, ...args];
  const main = join(appDir, 'dist-electron', 'main.cjs');
  delete requireCjs.cache[main];
  try {
    requireCjs(main);
    electron.becomeReady();
    await until(() => electron.windows.length > 0 && records.has(electron.windows[0]!));
  } finally {
    loader._load = original;
    process.argv = saved.argv;
    process.env = saved.env;
  }
  return { electron, records, home };
}

async function until(condition: () => boolean, what = 'the condition'): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

async function quit(b: Booted): Promise<void> {
  b.electron.app.quit();
  await b.electron.quitted;
  expect(b.electron.ipcHandlers.size).toBe(0);
}

function expectCleanPage(record: PageRecord): void {
  expect(record.violations, 'CSP violations').toEqual([]);
  expect(
    record.consoleErrors.filter((e) => /Content Security Policy|EvalError/i.test(e)),
    'CSP errors on the console',
  ).toEqual([]);
  expect(
    record.invoked.filter((i) => !i.ok && i.code === 'forbidden'),
    'IPC calls refused by the sender check',
  ).toEqual([]);
}

describe('boot rehearsal of the built desktop shell', () => {
  it('starts with a fleet config holding an unresolvable ${vault:…}: the target shows the error, Settings says what to do, quit stops the engine', async () => {
    const dir = mkdtempSync(join(work, 'cfg-'));
    const config = join(dir, 'fleet.yaml');
    writeFileSync(
      config,
      `pollIntervalSeconds: 60
primaries:
  - id: vaulted
    name: Vaulted primary
    baseUrl: http://127.0.0.1:1
    read: { token: "\${vault:primary.vaulted.read}" }
  - id: plain
    name: Plain primary
    baseUrl: http://127.0.0.1:1
`,
    );
    const b = await boot(['--config', config, '--data-dir', join(dir, 'data')]);
    const record = b.records.get(b.electron.windows[0]!)!;
    const { page } = record;
    const card = page.locator('[data-testid="primary-card"]', { hasText: 'Vaulted primary' });
    await expect
      .poll(() => card.textContent(), { timeout: 30_000 })
      .toMatch(/The vault holds no secret "primary\.vaulted\.read" .*enter the secret again in Settings/);
    await expect.poll(() => page.locator('[data-testid="primary-card"]', { hasText: 'Plain primary' }).textContent(), { timeout: 30_000 }).toMatch(/refused/i);
    await page.getByTestId('nav-settings').click();
    await expect.poll(() => page.locator('.settings').textContent(), { timeout: 10_000 }).toMatch(/vaulted is not polled: The vault holds no secret/);

    expect(b.electron.calls.filter((c) => c.startsWith('dialog.') || c.startsWith('app.exit'))).toEqual([]);
    // The identity comes before the lock; history goes where --data-dir says, the vault to userData.
    const calls = b.electron.calls;
    expect(calls.indexOf(`app.setPath userData ${join(b.home, 'config', 'Fleetscope')}`)).toBeLessThan(calls.indexOf('app.requestSingleInstanceLock'));
    expect(calls.indexOf('app.enableSandbox')).toBeLessThan(calls.indexOf('(ready)'));
    expect(calls).toContain('contextBridge.exposeInMainWorld fleet');
    expect(record.invoked.map((i) => i.name)).toEqual(expect.arrayContaining(['getSnapshot', 'getSettings']));
    expectCleanPage(record);
    await quit(b);
  }, 120_000);

  it('starts on the demo: a request and pushed snapshots through the real preload and IPC; a second launch with no window opens one; quit', async () => {
    const b = await boot(['--demo', '--data-dir', join(work, 'demo-data')]);
    const first = b.records.get(b.electron.windows[0]!)!;
    await expect.poll(() => first.page.getByTestId('primary-card').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => first.page.evaluate(() => (window as unknown as { __pushes: number }).__pushes), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(first.invoked).toContainEqual({ name: 'getSnapshot', ok: true });
    expectCleanPage(first);

    // Close the only window (the app keeps running, as on macOS), then launch a second instance.
    await b.electron.windows[0]!.close();
    b.electron.app.emit('second-instance', {}, ['fleetscope'], appDir);
    await until(() => b.electron.windows.length === 2 && b.records.has(b.electron.windows[1]!), 'a second window');
    const second = b.records.get(b.electron.windows[1]!)!;
    await expect.poll(() => second.page.getByTestId('primary-card').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => second.page.evaluate(() => (window as unknown as { __pushes: number }).__pushes), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(second.invoked).toContainEqual({ name: 'getSnapshot', ok: true });
    expectCleanPage(second);
    await quit(b);
  }, 120_000);
});
