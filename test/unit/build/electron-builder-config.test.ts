import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
// An internal path of app-builder-lib (checked for 26.17.0, toolchain.md §4); re-check it when
// upgrading electron-builder. Validation reads the schema only: nothing is downloaded or packaged.
import type { Configuration } from 'app-builder-lib';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { beforeAll, describe, expect, it } from 'vitest';
import { APP_ID, APP_NAME } from '../../../electron/main/app-identity';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const configFile = 'build/electron-builder.yml';
// The same matcher and options electron-builder applies to `files` (app-builder-lib/out/fileMatcher.js).
const appBuilderRequire = createRequire(createRequire(import.meta.url).resolve('app-builder-lib/package.json'));
const { minimatch } = appBuilderRequire('minimatch') as { minimatch: (path: string, pattern: string, options: { dot: boolean }) => boolean };

/** Whether electron-builder's `files` list would take a path: some pattern includes it and no `!` pattern drops it. */
function packaged(files: string[], path: string): boolean {
  const included = files.filter((f) => !f.startsWith('!')).some((f) => minimatch(path, f, { dot: true }));
  const excluded = files.filter((f) => f.startsWith('!')).some((f) => minimatch(path, f.slice(1), { dot: true }));
  return included && !excluded;
}

const targetsOf = (platform: unknown): string[] => {
  const target = (platform as { target?: unknown }).target;
  return (Array.isArray(target) ? target : [target]).map((t) => (typeof t === 'string' ? t : (t as { target: string }).target));
};

describe('electron-builder config', () => {
  let config: Configuration;

  beforeAll(async () => {
    config = await getConfig(root, configFile, null);
  });

  it('validates against electron-builder 26 schema', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('is really checked: an unknown option fails validation', async () => {
    const broken = { ...config, linux: { ...config.linux, bogusOption: true } } as Configuration;
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/Invalid configuration object/);
  });

  it('names the app and its folders', () => {
    expect(config.appId).toBe('dev.fleetscope.app');
    expect(config.productName).toBe('Fleetscope');
    expect(config.directories).toEqual({ output: 'release', buildResources: 'build' });
    expect(config.extraMetadata).toEqual({ main: 'dist-electron/main.cjs' });
    expect(config.asar).toBe(true);
    expect(config.publish).toBeNull();
  });

  it('never rebuilds native modules (that downloads Electron headers)', () => {
    expect(config.npmRebuild).toBe(false);
  });

  it('builds AppImage and deb on Linux, dmg on macOS, nsis on Windows', () => {
    expect(targetsOf(config.linux)).toEqual(['AppImage', 'deb']);
    expect(config.linux).toMatchObject({ category: 'Development', maintainer: expect.stringMatching(/<.+@.+>/) });
    expect(targetsOf(config.mac)).toEqual(['dmg']);
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(targetsOf(config.win)).toEqual(['nsis']);
  });

  it('flips every fuse as decided', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      // On because the UI is loaded with loadFile from inside app.asar; see the yml.
      grantFileProtocolExtraPrivileges: true,
    });
  });

  it('packages the bundles the app runs from, and no source maps', () => {
    // getConfig folds a list of globs into one FileSet `{ filter: [...] }` (normalizeFiles).
    const sets = config.files as Array<{ from?: string; to?: string; filter?: string[] }>;
    expect(sets.every((set) => set.from === undefined && set.to === undefined)).toBe(true);
    const files = sets.flatMap((set) => set.filter ?? []);
    for (const path of [
      'dist/renderer/index.html',
      'dist/renderer/assets/index-abc123.js',
      'dist-electron/main.cjs',
      'dist-electron/preload.cjs',
      'dist-electron/package.json',
      'package.json',
    ]) {
      expect(packaged(files, path), path).toBe(true);
    }
    for (const path of [
      'dist-electron/main.cjs.map',
      'dist-electron/cli.mjs',
      'dist-electron/cli-chunks/serve-command-ABC123.mjs',
      'electron/main/index.ts',
      'test/unit/shared/contract/contract.test.ts',
      'node_modules/.bin/electron',
    ]) {
      expect(packaged(files, path), path).toBe(false);
    }
  });

  it("drops the dependencies' docs, type declarations and tests, never their code or native binaries", () => {
    const files = (config.files as Array<{ filter?: string[] }>).flatMap((set) => set.filter ?? []);
    const dropped = (path: string): boolean => files.filter((f) => f.startsWith('!')).some((f) => minimatch(path, f.slice(1), { dot: true }));
    for (const path of [
      'node_modules/zod/README.md',
      'node_modules/zod/v4/core/schemas.d.ts',
      'node_modules/ssh2/test/test.js',
      'node_modules/undici/docs/api.md',
    ]) {
      expect(dropped(path), path).toBe(true);
    }
    for (const path of [
      'node_modules/zod/v4/core/schemas.js',
      'node_modules/yaml/dist/doc/Document.js',
      'node_modules/libsql/index.js',
      'node_modules/@libsql/linux-x64-gnu/index.node',
      'node_modules/@libsql/win32-x64-msvc/index.node',
      'node_modules/undici/lib/dispatcher/client.js',
    ]) {
      expect(dropped(path), path).toBe(false);
    }
  });

  it('checks libsql before packing, signs macOS builds ad hoc, and checks for the VC++ runtime on Windows', async () => {
    expect(config.beforePack).toBe('./scripts/prepackage-check.mjs');
    const hook = (await import(`${root}scripts/prepackage-check.mjs`)) as { default: unknown };
    expect(typeof hook.default).toBe('function');
    expect(config.mac?.identity).toBe('-');
    expect(config.nsis?.include).toBe('build/installer.nsh');
    const nsh = readFileSync(`${root}build/installer.nsh`, 'utf8');
    expect(nsh).toMatch(/!macro customInit[\s\S]*SetRegView 64[\s\S]*VC\\Runtimes\\x64" "Installed"[\s\S]*Abort[\s\S]*!macroend/);
  });

  it('has the id the shell gives itself (AppUserModelID, user-data folder)', () => {
    expect(config.appId).toBe(APP_ID);
    expect(config.productName).toBe(APP_NAME);
  });

  it('has the 512×512 icon electron-builder derives the platform icons from', () => {
    const png = readFileSync(new URL('icon.png', new URL(`file://${root}build/`)));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    expect(png.length).toBeLessThan(64 * 1024);
  });
});
