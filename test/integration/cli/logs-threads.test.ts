import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../electron/demo/prng';
import type { AccessLogReport } from '../../../shared/model/access-log';
import { generate } from '../../helpers/access-log-lines';

const dir = mkdtempSync(join(tmpdir(), 'fs-logs-threads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The built CLI, as installed: `bin/fleetscope.mjs` runs dist-electron/cli.mjs, which starts dist-electron/access-log-worker.cjs. */
const logs = (...args: string[]): AccessLogReport => logsWith([], ...args);
/** The same, with options for node itself before the script (`node --max-old-space-size=4096 bin/fleetscope.mjs …`). */
const logsWith = (nodeOptions: string[], ...args: string[]): AccessLogReport =>
  JSON.parse(
    execFileSync(process.execPath, [...nodeOptions, 'bin/fleetscope.mjs', 'logs', '--json', ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }),
  ) as AccessLogReport;

describe('fleetscope logs (built CLI) reading one log on worker threads', () => {
  it('gives the same report in 3 worker ranges as in one pass', () => {
    if (!existsSync('dist-electron/access-log-worker.cjs')) throw new Error('Build Fleetscope first (npm run build): the CLI needs dist-electron/.');
    const file = join(dir, 'atlassian-bitbucket-access.log');
    writeFileSync(file, generate(createRng(5), 3000));
    const one = logs('--threads', '1', file);
    const three = logs('--threads', '3', file);
    expect(one.sources[0]!.ranges).toBeUndefined();
    expect(three.sources[0]!.ranges).toBe(3);
    expect(three.operations.total).toBeGreaterThan(2000);
    expect({ ...three, sources: one.sources }).toEqual(one);
  });

  it('reads on worker threads when node was started with V8 options (a thread refuses them in its own option list)', () => {
    const file = join(dir, 'atlassian-bitbucket-access.log');
    if (!existsSync(file)) writeFileSync(file, generate(createRng(5), 3000));
    const plain = logs('--threads', '2', file);
    const flagged = logsWith(['--max-old-space-size=512', '--stack-trace-limit=20'], '--threads', '2', file);
    expect(flagged.sources[0]!.ranges).toBe(2);
    expect(flagged).toEqual(plain);
  });
});
