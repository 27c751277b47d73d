import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { stopChild } from '../../helpers/loopback-processes';

// The tests' and benches' way to end a child they started (serve, the demo, Prometheus).

const children: ChildProcess[] = [];
const node = (script: string): ChildProcess => {
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'ignore'] });
  children.push(child);
  return child;
};
const ready = (child: ChildProcess): Promise<unknown> => once(child.stdout!, 'data');

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

describe('stopChild', () => {
  it('ends a running child with SIGTERM', async () => {
    const child = node('console.log("up"); setInterval(() => {}, 1000)');
    await ready(child);
    await stopChild(child);
    expect(child.signalCode).toBe('SIGTERM');
  });

  it('resolves at once for a child a signal killed earlier (no exit code, only a signal)', async () => {
    const child = node('console.log("up"); setInterval(() => {}, 1000)');
    await ready(child);
    child.kill('SIGKILL');
    await once(child, 'exit');
    expect(child.exitCode).toBeNull();
    const outcome = await Promise.race([stopChild(child).then(() => 'stopped'), new Promise((r) => setTimeout(() => r('still waiting after 2 s'), 2_000))]);
    expect(outcome).toBe('stopped');
  });

  it('resolves at once for a child that exited by itself', async () => {
    const child = node('console.log("up")');
    await once(child, 'exit');
    const outcome = await Promise.race([stopChild(child).then(() => 'stopped'), new Promise((r) => setTimeout(() => r('still waiting after 2 s'), 2_000))]);
    expect(outcome).toBe('stopped');
  });

  it('kills a child that ignores SIGTERM once the grace is over', async () => {
    const child = node('process.on("SIGTERM", () => {}); console.log("up"); setInterval(() => {}, 1000)');
    await ready(child);
    await stopChild(child, 300);
    expect(child.signalCode).toBe('SIGKILL');
  });
});
