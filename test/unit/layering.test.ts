import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

/** Lints `code` as if it lived at `path`; returns the ids of the rules it broke. */
async function broken(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path });
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
  ])('%s: %s is refused', async (path, code) => {
    expect(await broken(path, code)).toContain('no-restricted-imports');
  });

  it.each([
    ['shared/model/x.ts', "import { z } from 'zod'; export const x = z;"],
    ['electron/main/x.ts', "import { app } from 'electron'; export const x = app;"],
    ['electron/preload/x.ts', "import { contextBridge } from 'electron'; export const x = contextBridge;"],
    ['electron/main/ipc/x.ts', "import { ipcMain } from 'electron'; export const x = ipcMain;"],
    ['electron/engine/x.ts', "import { readFileSync } from 'node:fs'; export const x = readFileSync;"],
  ])('%s: %s is allowed', async (path, code) => {
    expect(await broken(path, code)).not.toContain('no-restricted-imports');
  });

  it('refuses disabling TLS verification anywhere', async () => {
    expect(await broken('electron/engine/x.ts', 'export const o = { rejectUnauthorized: false };')).toContain('no-restricted-syntax');
  });
});
