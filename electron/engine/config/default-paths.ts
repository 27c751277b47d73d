import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

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
