import { parseArgs } from 'node:util';
import { ConfigError } from '../engine/config/load-config';
import { runElectron, type ElectronLaunch, type ElectronRun } from './electron-launch';

/** Our options of `fleetscope` (the desktop app); the value-taking ones need their value. */
const OPTIONS = {
  config: { type: 'string' },
  demo: { type: 'boolean' },
  scenario: { type: 'string' },
  'accept-weak-vault': { type: 'boolean' },
  port: { type: 'string' },
  'data-dir': { type: 'string' },
  help: { type: 'boolean' },
} as const;

/** A Chromium or Electron switch: `--name` or `--name=value` (Chromium takes no separate values). */
const SWITCH = /^--[A-Za-z0-9][A-Za-z0-9._-]*(=.*)?$/;

/** Splits argv into our options and the switches that go to Electron untouched (`--no-sandbox`, …). */
export function splitDesktopArgs(argv: readonly string[]): { ours: string[]; switches: string[] } {
  const ours: string[] = [];
  const switches: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const name = arg.startsWith('--') ? arg.slice(2).split('=')[0]! : '';
    const option = (OPTIONS as Record<string, { type: string }>)[name];
    if (option) {
      ours.push(arg);
      if (option.type === 'string' && !arg.includes('=') && i + 1 < argv.length) ours.push(argv[++i]!);
    } else if (SWITCH.test(arg)) {
      switches.push(arg);
    } else {
      throw new ConfigError(
        `Unexpected argument "${arg}": fleetscope takes --config FILE, --demo, --scenario NAME, --data-dir DIR, --port N and Electron/Chromium switches.`,
      );
    }
  }
  return { ours, switches };
}

export interface DesktopDeps {
  /** The Electron binary, or null when it is not installed. */
  findElectron(): string | null;
  /** The app folder (holding package.json), which Electron is launched on. */
  appDir: string;
  /** Browser mode with these `serve` arguments. */
  serve(argv: string[]): Promise<number>;
  run?: (launch: ElectronLaunch) => Promise<ElectronRun>;
  out?: Pick<NodeJS.WritableStream, 'write'>;
  err?: Pick<NodeJS.WritableStream, 'write'>;
  help(): number;
}

/**
 * `fleetscope`: Electron on the app folder (so it reads our package.json and runs as Fleetscope,
 * as the packaged app does), with unknown switches passed through; browser mode when Electron is
 * missing or cannot start, saying why in one line.
 */
export async function runDesktop(argv: string[], deps: DesktopDeps): Promise<number> {
  const { ours, switches } = splitDesktopArgs(argv);
  const { values } = parseArgs({ args: ours, options: OPTIONS });
  if (values.help) return deps.help();
  const out = deps.out ?? process.stdout;
  const electron = deps.findElectron();
  if (electron) {
    const run = await (deps.run ?? runElectron)({ binary: electron, args: [...switches, deps.appDir, ...ours] });
    if (run.kind === 'exited') return run.code;
    out.write(`Electron could not start here: ${run.reason} Fleetscope runs in browser mode instead.\n`);
  } else {
    out.write("Electron's binary is not installed on this machine, so Fleetscope runs in browser mode instead.\n");
  }
  if (switches.length > 0) (deps.err ?? process.stderr).write(`Browser mode ignores the Electron switches ${switches.join(' ')}.\n`);
  return deps.serve([...ours.filter((a) => a !== '--accept-weak-vault'), '--open']);
}
