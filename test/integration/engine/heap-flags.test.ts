import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const HEAP_FLAGS = join(import.meta.dirname, '..', '..', '..', 'electron', 'engine', 'heap-flags.ts');
const dir = mkdtempSync(join(tmpdir(), 'heap-flags-'));

/**
 * The young generation's largest size (MB, both halves) in a fresh Node process that imports
 * heap-flags.ts, starts a worker thread (kept by keepHeapFlags or not) and then allocates objects
 * of which a third survive: V8 doubles the young generation when objects survive, unless
 * `--semi-space-growth-factor=1` holds.
 */
function youngGenerationMb(keep: boolean): number {
  const script = join(dir, `probe-${keep}.mts`);
  writeFileSync(
    script,
    `import { getHeapSpaceStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { keepHeapFlags } from ${JSON.stringify(HEAP_FLAGS)};
const worker = new Worker('setTimeout(() => {}, 60_000)', { eval: true });
${keep ? 'keepHeapFlags(worker);' : ''}
await new Promise((resolve) => worker.once('online', resolve));
await new Promise((resolve) => setImmediate(resolve));
const size = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_size / 2 ** 20;
const kept: object[] = [];
let max = 0;
for (let round = 0; round < 150; round++) {
  for (let i = 0; i < 20_000; i++) {
    const o = { i, text: 'x' + i };
    if (i % 3 === 0) kept.push(o);
  }
  if (kept.length > 300_000) kept.splice(0, 100_000);
  max = Math.max(max, size());
}
console.log(max);
await worker.terminate();
`,
  );
  const run = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  return Number(run.stdout.trim());
}

describe('the engine keeps its heap flags once a worker thread has started (heap-flags.ts)', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds the young generation at its first size with keepHeapFlags, and lets it grow without', () => {
    expect(youngGenerationMb(true)).toBeLessThanOrEqual(4);
    // Without it, Node's worker start put the flag back: this is what the engine did (32 MB).
    expect(youngGenerationMb(false)).toBeGreaterThan(4);
  }, 60_000);
});
