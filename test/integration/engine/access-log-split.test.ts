import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../electron/demo/prng';
import { analyseAccessLogs } from '../../../electron/engine/access-log/analyse';
import { useAccessLogWorker, workerRangeRunner, type RangeControl, type RangeRunner } from '../../../electron/engine/access-log/range-runner';
import type { AccessLogReport } from '../../../shared/model/access-log';
import { generate } from '../../helpers/access-log-lines';

const BUNDLE = join(import.meta.dirname, '..', '..', '..', 'dist-electron', 'access-log-worker.cjs');
const dir = mkdtempSync(join(tmpdir(), 'fs-log-split-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const withoutRanges = (r: AccessLogReport): AccessLogReport => ({ ...r, sources: r.sources.map(({ ranges: _, ...s }) => s) });

describe('a log range split while a reader thread reads it (dist-electron/access-log-worker.cjs)', () => {
  it('gives the second half of what the thread has not read to this thread, and the report is the one pass’s', async () => {
    if (!existsSync(BUNDLE)) throw new Error('Build Fleetscope first (node scripts/build.mjs): this test starts dist-electron/access-log-worker.cjs.');
    useAccessLogWorker(BUNDLE);
    const threadRunner = workerRangeRunner()!;
    const parts: Array<[number, number]> = [];
    // The thread's runner, started only when this thread is done with its own range and asks for a
    // split (the worker reads in its own thread, fast: started at once, it could be done first under
    // load and nothing would be split), reading 64 bytes at a time; each part it gave away recorded.
    const runner: RangeRunner = (job, onRaw, signal, control) => {
      const own: RangeControl = {};
      let start = (): void => undefined;
      const started = new Promise<void>((resolve) => (start = resolve));
      const result = started.then(() => threadRunner({ ...job, readBytes: 64 }, onRaw, signal, own));
      if (control)
        control.split = async () => {
          start();
          await started;
          const part = (await own.split?.()) ?? null;
          if (part) parts.push(part);
          return part;
        };
      return result;
    };
    const file = join(dir, 'atlassian-bitbucket-access.log');
    writeFileSync(file, generate(createRng(11), 4000));
    const one = await analyseAccessLogs([file], { threads: 1, hostingLimit: 3 });
    const split = await analyseAccessLogs([file], {
      threads: 2,
      parallelMinBytes: 0,
      rangeRunner: runner,
      hostingLimit: 3,
      readBytes: 4096,
      minSplitBytes: 4096,
    });
    expect(split.sources[0]!.ranges).toBe(2);
    expect(parts.length).toBeGreaterThan(0);
    expect(withoutRanges(split)).toEqual(one);
  });
});
