import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { workerExecArgv } from '../../../../electron/engine/access-log/worker-exec-argv';

const LOADERS = ['--import', '--require', '-r', '--loader', '--experimental-loader'];
/** Options that stay: flags alone, flags with a value after `=`, and a value-taking flag that is no loader. */
const KEPT = ['--cpu-prof', '--cpu-prof-dir=/tmp/p', '--max-semi-space-size=1', '--enable-source-maps', '--stack-size=2000', '--no-warnings', '--inspect'];

describe('workerExecArgv', () => {
  it('drops module loaders in both spellings and keeps the rest', () => {
    expect(
      workerExecArgv(['--import', 'tsx', '--cpu-prof', '--require=./hook.cjs', '-r', 'ts-node/register', '--loader=x', '--max-semi-space-size=1']),
    ).toEqual(['--cpu-prof', '--max-semi-space-size=1']);
    expect(workerExecArgv([])).toEqual([]);
  });

  it('keeps every other option, in order, whatever loaders lie between them', () => {
    const item = fc.oneof(
      fc.record({ kept: fc.constantFrom(...KEPT) }),
      fc.record({ loader: fc.constantFrom(...LOADERS), value: fc.constantFrom('tsx', './a.mjs', '--weird', 'ts-node/register'), joined: fc.boolean() }),
    );
    fc.assert(
      fc.property(fc.array(item, { maxLength: 12 }), (items) => {
        const argv = items.flatMap((i) => ('kept' in i ? [i.kept] : i.joined ? [`${i.loader}=${i.value}`] : [i.loader, i.value]));
        expect(workerExecArgv(argv)).toEqual(items.flatMap((i) => ('kept' in i ? [i.kept] : [])));
      }),
      { numRuns: 300 },
    );
  });
});
