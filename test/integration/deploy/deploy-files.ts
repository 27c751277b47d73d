import { readFileSync } from 'node:fs';

export const UNIT = 'deploy/systemd/fleetscope.service';
export const CONTAINERFILE = 'deploy/container/Containerfile';
export const ENV_EXAMPLE = 'deploy/systemd/fleetscope.env.example';

/** The unit's ExecStart as an argv (it has no quoting: every argument is a plain word). */
export function unitCommandLine(): string[] {
  const line = readFileSync(UNIT, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('ExecStart='));
  if (!line) throw new Error(`${UNIT} has no ExecStart`);
  return line.slice('ExecStart='.length).trim().split(/\s+/);
}

/** The unit's `Environment=` assignments (NAME=VALUE words, no quoting). */
export const unitEnvironment = (): Record<string, string> => assignments(UNIT, 'Environment=');

/** The container file's `ENV` assignments (NAME=VALUE words, no quoting). */
export const containerEnvironment = (): Record<string, string> => assignments(CONTAINERFILE, 'ENV ');

/** The NAME=VALUE words of the lines of `file` that start with `prefix`. */
function assignments(file: string, prefix: string): Record<string, string> {
  const words = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith(prefix))
    .flatMap((l) => l.slice(prefix.length).trim().split(/\s+/));
  const out: Record<string, string> = {};
  for (const w of words) {
    const at = w.indexOf('=');
    if (at <= 0) throw new Error(`${file}: not a NAME=VALUE assignment: ${w}`);
    out[w.slice(0, at)] = w.slice(at + 1);
  }
  return out;
}

/** ENTRYPOINT followed by CMD of the container file (both in exec form). */
export function containerCommandLine(): string[] {
  const text = readFileSync(CONTAINERFILE, 'utf8');
  const exec = (key: string): string[] => {
    const m = new RegExp(`^${key} (\\[.*\\])$`, 'm').exec(text);
    if (!m) throw new Error(`${CONTAINERFILE} has no ${key} in exec form`);
    return JSON.parse(m[1]!) as string[];
  };
  return [...exec('ENTRYPOINT'), ...exec('CMD')];
}

/** NAME=VALUE lines of the example environment file. */
export function envExample(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of readFileSync(ENV_EXAMPLE, 'utf8').split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line);
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}
