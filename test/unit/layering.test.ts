import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// Import and syntax rules need no types: linted without the project service, any path will do.
const eslint = new ESLint({ cwd: process.cwd(), overrideConfig: tseslint.configs.disableTypeChecked });
// Type-aware rules run with the project's own config, on paths of files the tsconfig includes
// (the text linted is the test's, not the file's).
const typed = new ESLint({ cwd: process.cwd() });

/** Lints `code` as if it lived at `path`; returns the ids of the rules it broke. */
async function broken(path: string, code: string, linter = eslint): Promise<string[]> {
  const [result] = await linter.lintText(code, { filePath: path });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

describe('layering is enforced by lint rules', () => {
  it.each([
    ['shared/model/x.ts', "import { readFileSync } from 'node:fs'; export const x = readFileSync;"],
    ['shared/model/x.ts', "import fs from 'fs'; export const x = fs;"],
    ['shared/model/x.ts', "import { app } from 'electron'; export const x = app;"],
    ['shared/model/x.ts', "import { startFleetHost } from '../../electron/host/fleet-host'; export const x = startFleetHost;"],
    ['shared/model/x.ts', "import { App } from '../../renderer/app/app'; export const x = App;"],
    ['renderer/x.ts', "import { join } from 'node:path'; export const x = join;"],
    ['renderer/x.ts', "import { ipcRenderer } from 'electron'; export const x = ipcRenderer;"],
    ['renderer/x.ts', "import { startServer } from '../electron/server/server'; export const x = startServer;"],
    ['electron/engine/x.ts', "import { app } from 'electron'; export const x = app;"],
    ['electron/server/x.ts', "import { safeStorage } from 'electron'; export const x = safeStorage;"],
    ['electron/demo/x.ts', "import { app } from 'electron'; export const x = app;"],
    ['electron/main/window.ts', "import { ipcMain } from 'electron'; export const x = ipcMain;"],
    // The engine never imports the demo, the server, the CLI, the shell or the host.
    ['electron/engine/x.ts', "import { startDemoFleet } from '../demo'; export const x = startDemoFleet;"],
    ['electron/engine/cache/x.ts', "import { startDemoFleet } from '../../demo/fleet'; export const x = startDemoFleet;"],
    ['electron/engine/x.ts', "import { startServer } from '../server/server'; export const x = startServer;"],
    ['electron/engine/x.ts', "import { main } from '../cli/main'; export const x = main;"],
    ['electron/engine/x.ts', "import type { VaultOutcome } from '../main/secrets/vault'; export type X = VaultOutcome;"],
    ['electron/engine/x.ts', "import { startHost } from '../host'; export const x = startHost;"],
    ['electron/engine/x.ts', "import { startHost } from '../../electron/host/host'; export const x = startHost;"],
    // The demo is a simulated fleet: shared/ and Node only.
    ['electron/demo/x.ts', "import { createEngine } from '../engine/engine'; export const x = createEngine;"],
    ['electron/demo/storage/x.ts', "import type { GlusterVolumeInfo } from '../../engine/storage/gluster-types'; export type X = GlusterVolumeInfo;"],
    ['electron/demo/x.ts', "import { startServer } from '../server/server'; export const x = startServer;"],
    ['electron/demo/x.ts', "import { main } from '../cli/main'; export const x = main;"],
    ['electron/demo/x.ts', "import { startHost } from '../host'; export const x = startHost;"],
    // Nothing under electron/main imports electron/cli.
    ['electron/main/boot.ts', "import { main } from '../cli/main'; export const x = main;"],
    ['electron/main/ipc/x.ts', "import { main } from '../../cli/main'; export const x = main;"],
    // electron/host/ is the only place that chooses a fleet: the shell starts the host, which the server, CLI and shell adapt.
    ['electron/main/boot.ts', "import { startDemoFleet } from '../demo'; export const x = startDemoFleet;"],
    ['electron/main/ipc/x.ts', "import { startServer } from '../../server/server'; export const x = startServer;"],
    ['electron/host/x.ts', "import { startServer } from '../server/server'; export const x = startServer;"],
    ['electron/host/x.ts', "import { main } from '../cli/main'; export const x = main;"],
    ['electron/host/x.ts', "import { bootFleetscope } from '../main/boot'; export const x = bootFleetscope;"],
    ['electron/host/x.ts', "import { app } from 'electron'; export const x = app;"],
    // The server chooses no fleet; the preload is sandboxed; the CLI starts the shell as a process.
    ['electron/server/x.ts', "import { startDemoFleet } from '../demo'; export const x = startDemoFleet;"],
    ['electron/preload/x.ts', "import { readFileSync } from 'node:fs'; export const x = readFileSync;"],
    ['electron/preload/x.ts', "import { createEngine } from '../engine/engine'; export const x = createEngine;"],
    ['electron/cli/x.ts', "import { bootFleetscope } from '../main/boot'; export const x = bootFleetscope;"],
  ])('%s: %s is refused', async (path, code) => {
    expect(await broken(path, code)).toContain('no-restricted-imports');
  });

  it.each([
    ['shared/model/x.ts', "import { z } from 'zod'; export const x = z;"],
    ['electron/main/x.ts', "import { app } from 'electron'; export const x = app;"],
    ['electron/preload/x.ts', "import { contextBridge } from 'electron'; export const x = contextBridge;"],
    ['electron/main/ipc/x.ts', "import { ipcMain } from 'electron'; export const x = ipcMain;"],
    ['electron/engine/x.ts', "import { readFileSync } from 'node:fs'; export const x = readFileSync;"],
    ['electron/engine/cache/x.ts', "import type { CacheKind } from '../../../shared/model'; export type X = CacheKind;"],
    ['electron/engine/cache/x.ts', "import { buildUrl } from '../http/url'; export const x = buildUrl;"],
    ['electron/demo/x.ts', "import { createServer } from 'node:http'; export const x = createServer;"],
    ['electron/demo/storage/x.ts', "import { GlusterSshServer } from './ssh-server'; export const x = GlusterSshServer;"],
    ['electron/cli/x.ts', "import { main } from './main'; export const x = main;"],
    ['electron/cli/x.ts', "import { startDemoFleet } from '../demo'; export const x = startDemoFleet;"],
    ['electron/host/x.ts', "import { startDemoFleet } from '../demo'; export const x = startDemoFleet;"],
    ['electron/host/x.ts', "import { createEngine } from '../engine/engine'; export const x = createEngine;"],
    ['electron/main/x.ts', "import { launchHost } from '../host/launch'; export const x = launchHost;"],
    ['electron/server/x.ts', "import { createDispatch } from '../host/dispatch'; export const x = createDispatch;"],
  ])('%s: %s is allowed', async (path, code) => {
    expect(await broken(path, code)).not.toContain('no-restricted-imports');
  });

  it.each([
    ['electron/main/window.ts', "declare const webContents: { send(c: string): void }; webContents.send('x');"],
    ['electron/main/window.ts', "declare const win: { webContents: { send(c: string): void } }; win.webContents.send('x');"],
    ['electron/main/window.ts', "declare const win: { webContents?: { send(c: string): void } }; win.webContents?.send('x');"],
    [
      'electron/main/x.ts',
      "export class W { constructor(private readonly win: { webContents: { send(c: string): void } }) {} push() { this.win.webContents.send('x'); } }",
    ],
    ['electron/main/ipc/register.ts', "declare const win: { webContents: { send(c: string): void } }; win.webContents.send('x');"],
    ['electron/host/x.ts', "declare const w: { win: { webContents: { send(c: string): void } } }; w.win.webContents.send('x');"],
  ])('%s: a raw webContents push (%s) is refused', async (path, code) => {
    expect(await broken(path, code)).toContain('no-restricted-syntax');
  });

  it('allows the raw push in electron/main/ipc/push.ts alone', async () => {
    const code = "declare const win: { webContents: { send(c: string): void } }; win.webContents.send('x');";
    expect(await broken('electron/main/ipc/push.ts', code)).not.toContain('no-restricted-syntax');
  });

  it('refuses disabling TLS verification anywhere', async () => {
    expect(await broken('electron/engine/x.ts', 'export const o = { rejectUnauthorized: false };')).toContain('no-restricted-syntax');
  });
});

// Type-aware: these need the types of the calls, so they prove that electron/ is linted with its tsconfig.
describe('promises in electron/ are awaited or voided', { timeout: 180_000 }, () => {
  // The first type-aware lint builds the TypeScript program of the whole Node side.
  beforeAll(() => typed.lintText('', { filePath: 'electron/engine/engine.ts' }), 180_000);

  const work = 'export async function work(): Promise<void> {}\n';
  it.each([
    ['electron/engine/engine.ts', `${work}export function f(): void { work(); }`, '@typescript-eslint/no-floating-promises'],
    ['electron/main/boot.ts', `${work}export function f(): void { work().then(() => undefined); }`, '@typescript-eslint/no-floating-promises'],
    ['electron/server/server.ts', `${work}export function f(): void { setTimeout(work, 1); }`, '@typescript-eslint/no-misused-promises'],
    ['electron/demo/fleet.ts', `${work}export function f(): void { if (work()) return; }`, '@typescript-eslint/no-misused-promises'],
  ])('%s: %s breaks %s', async (path, code, rule) => {
    expect(await broken(path, code, typed)).toContain(rule);
  });

  it('accepts a promise that is awaited, or voided where fire-and-forget is meant', async () => {
    const code = `${work}export async function f(): Promise<void> { await work(); }\nexport function g(): void { void work(); }`;
    expect(await broken('electron/engine/engine.ts', code, typed)).toEqual([]);
  });
});
