// electron-builder's beforePack hook (build/electron-builder.yml): refuses to package for a
// platform and architecture whose libsql native package is not installed. npm installs only the
// build machine's own `@libsql/<os>-<arch>`, so a cross-built (or `--x64` on arm64) package would
// build cleanly and fail at launch when the history store opens. Also `node scripts/prepackage-check.mjs
// [platform] [arch]` to check by hand.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** electron-builder's Arch enum (builder-util), by value. */
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

/** The libsql package for each target Electron runs on (glibc on Linux; MSVC on Windows). */
export const LIBSQL_PACKAGES = {
  'darwin-x64': '@libsql/darwin-x64',
  'darwin-arm64': '@libsql/darwin-arm64',
  'linux-x64': '@libsql/linux-x64-gnu',
  'linux-arm64': '@libsql/linux-arm64-gnu',
  'linux-armv7l': '@libsql/linux-arm-gnueabihf',
  'win32-x64': '@libsql/win32-x64-msvc',
};

/** The libsql packages a target needs: one, or both macOS ones for a universal build. */
export function libsqlPackagesFor(platform, arch) {
  const os = platform === 'mas' ? 'darwin' : platform;
  if (os === 'darwin' && arch === 'universal') return [LIBSQL_PACKAGES['darwin-x64'], LIBSQL_PACKAGES['darwin-arm64']];
  const pkg = LIBSQL_PACKAGES[`${os}-${arch}`];
  return pkg === undefined ? null : [pkg];
}

/**
 * Whether the app folder holds the libsql native package of the target, with its `.node` binary.
 * Resolves to `{ ok: true, packages }` or `{ ok: false, message }` naming the package and what to do.
 */
export function checkLibsql({ platform, arch, appDir }) {
  const target = `${platform}-${arch}`;
  const packages = libsqlPackagesFor(platform, arch);
  if (packages === null) {
    const supported = Object.keys(LIBSQL_PACKAGES).join(', ');
    return { ok: false, message: `Fleetscope cannot be packaged for ${target}: libsql (the history store) has no native build for it. Targets: ${supported}.` };
  }
  const version = libsqlVersion(appDir);
  for (const pkg of packages) {
    const dir = join(appDir, 'node_modules', ...pkg.split('/'));
    const binary = existsSync(dir) ? readdirSync(dir).find((f) => f.endsWith('.node')) : undefined;
    if (binary === undefined) {
      const [os, cpu] = pkg.slice('@libsql/'.length).split('-');
      return {
        ok: false,
        message:
          `Refusing to package Fleetscope for ${target}: ${pkg} is not installed in ${join(appDir, 'node_modules')}, so the app would fail at launch. ` +
          `npm installs only this machine's libsql binary: build each target on its own OS and architecture (docs/packaging.md), ` +
          `or add it with: npm install --no-save --os=${os} --cpu=${cpu} ${pkg}@${version}`,
      };
    }
  }
  return { ok: true, packages };
}

function libsqlVersion(appDir) {
  try {
    return JSON.parse(readFileSync(join(appDir, 'node_modules', 'libsql', 'package.json'), 'utf8')).version;
  } catch {
    return 'VERSION';
  }
}

/** The hook electron-builder calls before packing each platform and architecture. */
export default async function beforePack(context) {
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
  const result = checkLibsql({ platform: context.electronPlatformName, arch, appDir: context.packager.info.appDir });
  if (!result.ok) throw new Error(result.message);
  console.log(`  • libsql for ${context.electronPlatformName}-${arch}: ${result.packages.join(', ')} present`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [platform = process.platform, arch = process.arch] = process.argv.slice(2);
  const result = checkLibsql({ platform, arch, appDir: join(dirname(fileURLToPath(import.meta.url)), '..') });
  console.log(result.ok ? `libsql for ${platform}-${arch}: ${result.packages.join(', ')} present` : result.message);
  process.exit(result.ok ? 0 : 1);
}
