import { spawn, type ChildProcess } from 'node:child_process';
import { stopChild } from '../../helpers/loopback-processes';

export interface CollectorProcess {
  /** The process's id, to read what it uses (/proc). */
  pid: number;
  /** `http://127.0.0.1:PORT/` */
  url: string;
  token: string;
  output(): string;
  /** POST /api/NAME with the token (or another), answering status and parsed body. */
  call(name: string, body: unknown, token?: string): Promise<{ status: number; body: unknown }>;
  stop(): Promise<void>;
}

/**
 * `fleetscope serve ARGS` as a child process, the way a team runs it; resolves once it printed its
 * ready line. `command` defaults to this checkout's CLI through tsx.
 */
export async function startCollector(
  args: string[],
  env: NodeJS.ProcessEnv,
  command: string[] = [process.execPath, '--import', 'tsx', 'electron/cli/index.ts'],
): Promise<CollectorProcess> {
  const [bin, ...pre] = command;
  const child: ChildProcess = spawn(bin!, [...pre, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const ready = await new Promise<RegExpMatchArray>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Fleetscope ready at (https?:\/\/[^/]+\/)#token=(\S+)/.exec(out);
      if (m) resolve(m);
    });
    child.once('exit', (code) => reject(new Error(`fleetscope serve exited with ${code} before it was ready:\n${out}`)));
  });
  const url = ready[1]!;
  const token = ready[2]!;
  return {
    pid: child.pid!,
    url,
    token,
    output: () => out,
    call: async (name, body, as = token) => {
      const res = await fetch(`${url}api/${name}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${as}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: await res.json() };
    },
    stop: () => stopChild(child),
  };
}
