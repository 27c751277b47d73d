import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Path of an installed Electron binary, or null. Reads what the electron package would, without
 * requiring it: requiring it with no binary starts a download, which cannot work offline.
 */
export function findElectronBinary(env: NodeJS.ProcessEnv = process.env): string | null {
  try {
    const pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const override = env.ELECTRON_OVERRIDE_DIST_PATH;
    const pathFile = join(pkgDir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const rel = readFileSync(pathFile, 'utf8').trim();
    const bin = override ? join(override, rel) : join(pkgDir, 'dist', rel);
    return existsSync(bin) ? bin : null;
  } catch {
    // The electron package itself is not installed (a collector-only install): no desktop shell.
    return null;
  }
}
