import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script (electron-builder loads it as a hook), without type declarations
import beforePack, { checkLibsql, libsqlPackagesFor } from '../../../scripts/prepackage-check.mjs';

type Check = { ok: true; packages: string[] } | { ok: false; message: string };
const check = checkLibsql as (o: { platform: string; arch: string; appDir: string }) => Check;
const packagesFor = libsqlPackagesFor as (platform: string, arch: string) => string[] | null;

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** An app folder with libsql and the given native packages installed (each with its .node file). */
function appWith(...packages: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'fs-prepack-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'node_modules', 'libsql'), { recursive: true });
  writeFileSync(join(dir, 'node_modules', 'libsql', 'package.json'), '{"name":"libsql","version":"0.5.29"}');
  for (const pkg of packages) {
    mkdirSync(join(dir, 'node_modules', pkg), { recursive: true });
    writeFileSync(join(dir, 'node_modules', pkg, 'index.node'), 'binary');
  }
  return dir;
}

describe('pre-package libsql check', () => {
  it('knows the package of each target, both for a universal macOS build, and none for Windows on arm64', () => {
    expect(packagesFor('linux', 'x64')).toEqual(['@libsql/linux-x64-gnu']);
    expect(packagesFor('linux', 'arm64')).toEqual(['@libsql/linux-arm64-gnu']);
    expect(packagesFor('darwin', 'arm64')).toEqual(['@libsql/darwin-arm64']);
    expect(packagesFor('mas', 'x64')).toEqual(['@libsql/darwin-x64']);
    expect(packagesFor('darwin', 'universal')).toEqual(['@libsql/darwin-x64', '@libsql/darwin-arm64']);
    expect(packagesFor('win32', 'x64')).toEqual(['@libsql/win32-x64-msvc']);
    expect(packagesFor('win32', 'arm64')).toBeNull();
  });

  it('passes when the target package and its binary are installed', () => {
    expect(check({ platform: 'linux', arch: 'x64', appDir: appWith('@libsql/linux-x64-gnu') })).toEqual({ ok: true, packages: ['@libsql/linux-x64-gnu'] });
  });

  it('refuses a cross-built target, naming the package and how to add it', () => {
    const result = check({ platform: 'win32', arch: 'x64', appDir: appWith('@libsql/linux-x64-gnu') });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/Refusing to package Fleetscope for win32-x64: @libsql\/win32-x64-msvc is not installed/);
    expect(!result.ok && result.message).toContain('npm install --no-save --os=win32 --cpu=x64 @libsql/win32-x64-msvc@0.5.29');
  });

  it('refuses a package folder without its binary, half a universal build, and a target libsql does not build', () => {
    const empty = appWith();
    mkdirSync(join(empty, 'node_modules', '@libsql', 'darwin-arm64'), { recursive: true });
    expect(check({ platform: 'darwin', arch: 'arm64', appDir: empty }).ok).toBe(false);
    expect(check({ platform: 'darwin', arch: 'universal', appDir: appWith('@libsql/darwin-arm64') })).toMatchObject({
      ok: false,
      message: /@libsql\/darwin-x64/,
    });
    expect(check({ platform: 'win32', arch: 'arm64', appDir: appWith() })).toMatchObject({ ok: false, message: /no native build for it/ });
  });

  it("as electron-builder's beforePack hook: throws for a missing package, resolves for a present one", async () => {
    const hook = beforePack as (context: unknown) => Promise<void>;
    const context = (platform: string, arch: number, appDir: string) => ({ electronPlatformName: platform, arch, packager: { info: { appDir } } });
    await expect(hook(context('darwin', 1, appWith('@libsql/darwin-arm64')))).rejects.toThrow(/@libsql\/darwin-x64 is not installed/);
    await expect(hook(context('linux', 3, appWith('@libsql/linux-arm64-gnu')))).resolves.toBeUndefined();
  });
});
