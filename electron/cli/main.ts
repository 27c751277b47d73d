import { ConfigError } from '../engine/config/config-error';
import { help } from './cli-io';
import { USAGE } from './usage';
import { startMark } from '../engine/start-marks';

// Each command's code is imported when that command runs (issue 13): `help`, `logs` or `check` do
// not load the fleet host, the server and the simulated fleet, and `serve` does not load the
// desktop launcher, the clone doctor or the report writer.

/** Runs the CLI; resolves with the exit code for one-shot commands, or never for long-running ones. */
export async function main(argv: string[]): Promise<number> {
  startMark('CLI module loaded');
  const [first, ...rest] = argv;
  const command = first && !first.startsWith('-') ? first : 'desktop';
  const args = command === 'desktop' ? argv : rest;
  try {
    switch (command) {
      case 'desktop':
        return await desktop(args);
      case 'serve':
        return await (await import('./serve-command')).serveCommand(args, false);
      case 'demo':
        return await (await import('./demo-command')).demoCommand(args);
      case 'check':
        return await (await import('./check-command')).checkCommand(args);
      case 'probe':
        return await (await import('./probe-command')).probeCommand(args);
      case 'logs':
        return await (
          await import('./logs')
        ).logsCommand(
          args,
          (s) => void process.stdout.write(s),
          (s) => void process.stderr.write(s),
        );
      case 'report':
        return await (await import('./report-command')).reportCommand(args, process.env, (s) => void process.stderr.write(s));
      case 'help':
        return help();
      default:
        process.stderr.write(`Unknown command "${command}".\n${USAGE}\n`);
        return 64;
    }
  } catch (err) {
    if (err instanceof ConfigError || err instanceof RangeError || (err as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      process.stderr.write(`${(err as Error).message}\n`);
      return 64;
    }
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      process.stderr.write(`The port is already in use: ${(err as Error).message}. Pick another with --port.\n`);
      return 69;
    }
    process.stderr.write(`fleetscope: ${(err as Error).message}\n`);
    return 1;
  }
}

async function desktop(argv: string[]): Promise<number> {
  const [{ runDesktop }, { findElectronBinary }, { appRoot }] = await Promise.all([import('./desktop'), import('./electron-binary'), import('./app-root')]);
  // --port and --data-dir matter for the browser-mode fallback (and --data-dir for the desktop's history).
  return runDesktop(argv, {
    findElectron: findElectronBinary,
    appDir: appRoot(),
    serve: async (args) => (await import('./serve-command')).serveCommand(args, true),
    help,
  });
}
