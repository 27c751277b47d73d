import { spawn } from 'node:child_process';

/** An Electron that exits with an error this soon after launch could not start: fall back. */
export const EARLY_EXIT_MS = 10_000;
const STDERR_KEPT = 16 * 1024;

export type ElectronRun = { kind: 'exited'; code: number } | { kind: 'failed-to-start'; reason: string };

export interface ElectronLaunch {
  binary: string;
  /** Electron's arguments: the app folder, our options and the Chromium switches passed through. */
  args: string[];
  now?: () => number;
  /** Where Electron's own stderr is copied as it arrives. */
  stderr?: Pick<NodeJS.WritableStream, 'write'>;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  uid?: number;
}

/**
 * Runs Electron until it exits. Its stderr is shown as it comes and its tail kept, so that an
 * Electron that dies within EARLY_EXIT_MS with an error (a sandbox the kernel refuses, no display,
 * root) is reported as `failed-to-start` with the reason in one line, and the caller can fall back
 * to browser mode. A later exit, or an exit with 0 (a second instance handing over), is the app's.
 */
export function runElectron(launch: ElectronLaunch): Promise<ElectronRun> {
  const now = launch.now ?? Date.now;
  const out = launch.stderr ?? process.stderr;
  const started = now();
  let tail = '';
  return new Promise((resolve) => {
    const child = spawn(launch.binary, launch.args, { stdio: ['inherit', 'inherit', 'pipe'], env: launch.env ?? process.env });
    child.stderr.on('data', (chunk: Buffer) => {
      out.write(chunk);
      tail = (tail + chunk.toString('utf8')).slice(-STDERR_KEPT);
    });
    child.once('error', (err) => resolve({ kind: 'failed-to-start', reason: `Electron could not be run (${err.message}).` }));
    child.once('close', (code, signal) => {
      const failed = code !== 0;
      if (failed && now() - started < EARLY_EXIT_MS) {
        resolve({
          kind: 'failed-to-start',
          reason: diagnoseEarlyExit(tail, {
            code,
            signal,
            env: launch.env ?? process.env,
            platform: launch.platform ?? process.platform,
            uid: launch.uid ?? process.getuid?.() ?? -1,
          }),
        });
      } else {
        resolve({ kind: 'exited', code: code ?? 1 });
      }
    });
  });
}

interface ExitFacts {
  code: number | null;
  signal: NodeJS.Signals | null;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  uid: number;
}

/** Why Electron died at start, in one line that says what to do. */
export function diagnoseEarlyExit(stderr: string, facts: ExitFacts): string {
  if (/chrome-sandbox|setuid_sandbox|SUID sandbox|No usable sandbox|user namespaces?/i.test(stderr)) {
    return (
      "Electron's sandbox could not start: Ubuntu 23.10 and later restrict unprivileged user namespaces with AppArmor. " +
      'Install the Fleetscope .deb (it sets up the sandbox helper), or add an AppArmor profile that allows userns for this Electron ' +
      '(or lift the restriction: sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0); --no-sandbox also starts it, without the sandbox.'
    );
  }
  if (/as root without --no-sandbox/i.test(stderr) || (facts.platform === 'linux' && facts.uid === 0)) {
    return 'Electron does not run as root with its sandbox: start Fleetscope as your own user (--no-sandbox starts it as root, without the sandbox).';
  }
  const noDisplay = facts.platform === 'linux' && !facts.env.DISPLAY && !facts.env.WAYLAND_DISPLAY;
  if (/Missing X server|cannot open display|platform failed to initialize|Failed to connect to Wayland/i.test(stderr) || noDisplay) {
    return 'Electron found no display (DISPLAY and WAYLAND_DISPLAY are empty or refused): run it in a desktop session, or pass --ozone-platform-hint=auto (or --ozone-platform=wayland).';
  }
  const last = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .at(-1);
  const how = facts.signal ? `was ended by ${facts.signal}` : `exited with code ${facts.code}`;
  return `Electron ${how} right after launch${last ? ` (${last.slice(0, 300)})` : ''}.`;
}
