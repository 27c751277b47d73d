import { resolve } from 'node:path';

/** What the command line asks of the desktop shell (`fleetscope [--config FILE] [--demo]`). */
export interface ShellArgs {
  configPath?: string;
  demo: boolean;
  /** `--accept-weak-vault`: store secrets even where Linux offers only the basic_text backend. */
  acceptWeakVault: boolean;
}

/**
 * Reads `--config FILE`, `--config=FILE` and `--demo` from Electron's argv.
 *
 * Scanned rather than parsed strictly: argv also holds the Electron binary, the main script in
 * development and any Chromium switches, none of which are ours to reject. Which fleet follows
 * from these (default config file, demo when unconfigured) is decided by `launchHost`, shared
 * with the CLI, not here.
 */
export function parseShellArgs(argv: readonly string[]): ShellArgs {
  const configPath = configArgument(argv);
  const demo = argv.includes('--demo');
  const acceptWeakVault = argv.includes('--accept-weak-vault');
  return configPath === undefined ? { demo, acceptWeakVault } : { configPath: resolve(configPath), demo, acceptWeakVault };
}

function configArgument(argv: readonly string[]): string | undefined {
  for (const [i, arg] of argv.entries()) {
    if (arg.startsWith('--config=')) return nonEmpty(arg.slice('--config='.length));
    if (arg === '--config') return nonEmpty(argv[i + 1]);
  }
  return undefined;
}

const nonEmpty = (value: string | undefined): string | undefined => (value === undefined || value === '' || value.startsWith('--') ? undefined : value);
