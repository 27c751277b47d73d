import { resolve } from 'node:path';

/** What the command line asks of the desktop shell (`fleetscope [--config FILE] [--demo]`). */
export interface ShellArgs {
  configPath?: string;
  demo: boolean;
  /** `--accept-weak-vault`: store secrets even where Linux offers only the basic_text backend. */
  acceptWeakVault: boolean;
  /** `--data-dir DIR`: where history lives, as for `serve`; else FLEETSCOPE_DATA_DIR or the default. */
  dataDir?: string;
  /** `--scenario NAME`: a demo scenario to start with the simulated fleet. */
  scenario?: string;
}

/**
 * Reads `--config FILE`, `--config=FILE`, `--demo` and `--scenario NAME` from Electron's argv.
 *
 * Scanned rather than parsed strictly: argv also holds the Electron binary, the main script in
 * development and any Chromium switches, none of which are ours to reject. Which fleet follows
 * from these (default config file, demo when unconfigured) is decided by `launchHost`, shared
 * with the CLI, not here.
 */
export function parseShellArgs(argv: readonly string[]): ShellArgs {
  const configPath = valueOf(argv, '--config');
  const dataDir = valueOf(argv, '--data-dir');
  const scenario = valueOf(argv, '--scenario');
  return {
    demo: argv.includes('--demo'),
    acceptWeakVault: argv.includes('--accept-weak-vault'),
    ...(configPath === undefined ? {} : { configPath: resolve(configPath) }),
    ...(dataDir === undefined ? {} : { dataDir: resolve(dataDir) }),
    ...(scenario === undefined ? {} : { scenario }),
  };
}

function valueOf(argv: readonly string[], option: string): string | undefined {
  for (const [i, arg] of argv.entries()) {
    if (arg.startsWith(`${option}=`)) return nonEmpty(arg.slice(option.length + 1));
    if (arg === option) return nonEmpty(argv[i + 1]);
  }
  return undefined;
}

const nonEmpty = (value: string | undefined): string | undefined => (value === undefined || value === '' || value.startsWith('--') ? undefined : value);
