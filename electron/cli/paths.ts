import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project (or installed package) root: the folder holding package.json, dist/ and dist-electron/. */
export function appRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('Cannot find the Fleetscope installation folder (no package.json above the CLI).');
}

export const rendererDir = (): string => join(appRoot(), 'dist', 'renderer');

/** Where the default config lives: $FLEETSCOPE_CONFIG, else ~/.config/fleetscope/fleet.yaml. */
export function defaultConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.FLEETSCOPE_CONFIG) return resolve(env.FLEETSCOPE_CONFIG);
  const base = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(base, 'fleetscope', 'fleet.yaml');
}

/** Where history is kept: $FLEETSCOPE_DATA_DIR, else ~/.local/share/fleetscope. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.FLEETSCOPE_DATA_DIR) return resolve(env.FLEETSCOPE_DATA_DIR);
  const base = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(base, 'fleetscope');
}
