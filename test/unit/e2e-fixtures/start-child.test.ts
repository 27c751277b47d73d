import { afterEach, describe, expect, it, vi } from 'vitest';
import { processReport, startChild, type StartedChild } from '../../e2e/fixtures/start-child';

// The e2e suite's start of `fleetscope demo` / `serve`: a start that prints nothing in time is
// reported and tried once more; any other failed start fails at once.

const NODE = { command: [process.execPath], startSeconds: 1 };
const SILENT = ['-e', 'setTimeout(() => {}, 60_000)'];
const started = ({ all }: { all: string }) => /ready (\d+)/.exec(all)?.[1] ?? null;
const children: StartedChild<unknown>[] = [];

afterEach(() => {
  for (const c of children.splice(0)) c.child.kill('SIGKILL');
  vi.restoreAllMocks();
});

describe('startChild', () => {
  it('tries a silent start once more, after saying on stderr what the process was doing', async () => {
    const said: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => said.push(String(s)) > 0);
    const runs: string[][] = [SILENT, ['-e', 'console.log("ready 2")']];
    let n = 0;
    const c = await startChild({ what: 'a test child', args: () => runs[n++]!, env: process.env, started }, NODE);
    children.push(c);
    expect(c.found).toBe('2');
    expect(n).toBe(2);
    expect(said.join('')).toMatch(
      /a test child did not start in 1 s \(process \d+: state [RS], \d+ ms of CPU used; load average [\d. /]+\)[^]*Starting a test child once more/,
    );
  });

  it('fails at once when the child printed something but not what the test waits for', async () => {
    let n = 0;
    const args = () => (n++, ['-e', 'console.log("booting"); setTimeout(() => {}, 60_000)']);
    await expect(startChild({ what: 'a test child', args, env: process.env, started }, NODE)).rejects.toThrow(/did not start in 1 s[^]*Its output:\nbooting/);
    expect(n).toBe(1);
  });

  it('fails at once when the child exits before it started', async () => {
    let n = 0;
    const args = () => (n++, ['-e', 'console.error("no config"); process.exit(3)']);
    await expect(startChild({ what: 'a test child', args, env: process.env, started }, NODE)).rejects.toThrow(/exited with 3 before it started[^]*no config/);
    expect(n).toBe(1);
  });

  it('kills a child that did not start, so no fleet is left running', async () => {
    const args = () => ['-e', 'console.log("booting"); setTimeout(() => {}, 60_000)'];
    const error = await startChild({ what: 'a test child', args, env: process.env, started }, NODE).catch((e: Error) => e);
    const pid = Number(/process (\d+): state/.exec(String(error))?.[1]);
    expect(pid).toBeGreaterThan(0);
    await vi.waitFor(() => expect(processReport(pid)).toMatch(/is gone/), { timeout: 5_000 });
  });
});

describe('processReport', () => {
  it('names the state and CPU of a live process, and says when it is gone', () => {
    expect(processReport(process.pid)).toMatch(new RegExp(`^process ${process.pid}: state R, \\d+ ms of CPU used; load average `));
    expect(processReport(2 ** 22 + 1)).toMatch(/is gone/);
    expect(processReport(undefined)).toMatch(/never started/);
  });
});
