import { spawn } from 'node:child_process';

/**
 * Runs a writer child, waits until it reports its first write on stdout, then kills it with SIGKILL
 * `afterMs` later and resolves with everything it printed. Counting from the first write, not from
 * the spawn, keeps the kills inside the writing however long a loaded machine takes to start Node.
 */
export function killWhileWriting(child: string, args: string[], afterMs: number, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [child, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    p.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      timer ??= setTimeout(() => p.kill('SIGKILL'), afterMs);
    });
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolve(out);
      else reject(new Error(`the writer exited by itself (${code}): ${err}`));
    });
  });
}
