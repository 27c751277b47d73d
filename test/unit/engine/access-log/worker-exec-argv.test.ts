import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { workerExecArgv } from '../../../../electron/engine/access-log/worker-exec-argv';

const LOADERS = ['--import', '--require', '-r', '--loader', '--experimental-loader'];
/** Options a reader thread keeps: flags alone, and profiling options with a value after `=` or as the next argument. */
const KEPT_FLAGS = ['--cpu-prof', '--heap-prof', '--enable-source-maps', '--no-warnings', '--trace-warnings', '--no-deprecation'];
const KEPT_WITH_VALUE = ['--cpu-prof-dir', '--cpu-prof-name', '--heap-prof-interval'];
/** V8 options and per-process options, which Node refuses in a Worker's own execArgv. */
const REFUSED = [
  '--max-old-space-size=512',
  '--max-semi-space-size=1',
  '--stack-size=2000',
  '--stack-trace-limit=20',
  '--expose-gc',
  '--jitless',
  '--title=x',
  '--zero-fill-buffers',
];

type Item = { kept: string[] } | { dropped: string[] };
const item: fc.Arbitrary<Item> = fc.oneof(
  fc.constantFrom(...KEPT_FLAGS).map((f) => ({ kept: [f] })),
  fc
    .tuple(fc.constantFrom(...KEPT_WITH_VALUE), fc.constantFrom('/tmp/p', '100', 'x.cpuprofile', '--cpu-prof'), fc.boolean())
    .map(([f, v, joined]) => ({ kept: joined ? [`${f}=${v}`] : [f, v] })),
  fc.constantFrom(...REFUSED).map((f) => ({ dropped: [f] })),
  fc
    .tuple(fc.constantFrom(...LOADERS), fc.constantFrom('tsx', './a.mjs', '--weird', 'ts-node/register', '--no-warnings'), fc.boolean())
    .map(([f, v, joined]) => ({ dropped: joined ? [`${f}=${v}`] : [f, v] })),
);

describe('workerExecArgv', () => {
  it('drops module loaders in both spellings, V8 and per-process options, and keeps profiling and warning options', () => {
    expect(
      workerExecArgv([
        '--import',
        'tsx',
        '--cpu-prof',
        '--require=./hook.cjs',
        '-r',
        'ts-node/register',
        '--loader=x',
        '--max-semi-space-size=1',
        '--cpu-prof-dir',
        '/tmp/p',
      ]),
    ).toEqual(['--cpu-prof', '--cpu-prof-dir', '/tmp/p']);
    expect(workerExecArgv([])).toEqual([]);
  });

  it('keeps the kept options in order, with their values, whatever lies between them', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 12 }), (items) => {
        const argv = items.flatMap((i) => ('kept' in i ? i.kept : i.dropped));
        expect(workerExecArgv(argv)).toEqual(items.flatMap((i) => ('kept' in i ? i.kept : [])));
      }),
      { numRuns: 300 },
    );
  });

  it('gives Node a thread option list it accepts, whatever the parent was started with', async () => {
    const argv = workerExecArgv([...REFUSED, '--no-warnings', '--enable-source-maps', '--import', 'tsx']);
    // Node checks a Worker's execArgv when the Worker is made: ERR_WORKER_INVALID_EXEC_ARGV before the fix.
    const worker = new Worker('require("node:worker_threads").parentPort.postMessage(process.execArgv)', { eval: true, execArgv: argv });
    const seen = await new Promise<unknown>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(seen).toEqual(['--no-warnings', '--enable-source-maps']);
  });
});
