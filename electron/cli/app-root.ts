import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Kept apart from paths.ts: import.meta exists only in the ESM CLI bundle, not in Electron's CJS main.
/** The project (or installed package) root: the folder holding package.json, dist/ and dist-electron/. */
export function appRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    // dist-electron/ holds a package.json of its own (only `type`), so look for ours by name.
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'fleetscope') return dir;
    dir = dirname(dir);
  }
  throw new Error('Cannot find the Fleetscope installation folder (no package.json above the CLI).');
}

export const rendererDir = (): string => join(appRoot(), 'dist', 'renderer');
