import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../../electron/demo/prng';
import { analyseAccessLogs } from '../../../../electron/engine/access-log/analyse';
import { parseRange } from '../../../../electron/engine/access-log/range-parse';
import type { RangeRunner } from '../../../../electron/engine/access-log/range-runner';
import type { AccessLogReport } from '../../../../shared/model/access-log';
import { generate } from '../../../helpers/access-log-lines';

const dir = mkdtempSync(join(tmpdir(), 'fs-moving-cut-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const withoutRanges = (r: AccessLogReport): AccessLogReport => ({ ...r, sources: r.sources.map(({ ranges: _, ...s }) => s) });
const ticks = async (n: number): Promise<void> => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

/**
 * Ranges read in this thread the way a worker reads them: ready after `delays[i]` turns of the event
 * loop (while this thread reads its own range), it asks where to start (`claim`, given to the range
 * after this thread's only), then reads from there. Records where each range started.
 */
function late(delays: readonly number[]): { runner: RangeRunner; starts: Array<[number, number]> } {
  const starts: Array<[number, number]> = [];
  let call = 0;
  return {
    runner: async (job, onRaw, _signal, claim) => {
      await ticks(delays[call++ % delays.length]!);
      const r = await parseRange(job, onRaw, async () => {
        const start = claim?.() ?? job.start;
        starts.push([job.start, start]);
        return start;
      });
      return r;
    },
    starts,
  };
}

describe('the cut after this thread’s range moves to where a late reader is ready', () => {
  it('gives the same report as one pass, however late the next range’s reader is ready (fast-check)', async () => {
    const files = [1, 2, 3].map((seed) => {
      const file = join(dir, `seed-${seed}.log`);
      writeFileSync(file, generate(createRng(seed), 500 + seed * 200));
      return file;
    });
    const one = await Promise.all(files.map((f) => analyseAccessLogs([f], { threads: 1, hostingLimit: 3 })));
    let moved = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 2, max: 5 }),
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 4 }),
        async (f, threads, delays) => {
          const { runner, starts } = late(delays);
          const parallel = await analyseAccessLogs([files[f]!], { threads, parallelMinBytes: 0, rangeRunner: runner, hostingLimit: 3 });
          expect(parallel.sources[0]!.ranges).toBe(threads);
          expect(withoutRanges(parallel)).toEqual(one[f]);
          const text = readFileSync(files[f]!);
          for (const [planned, start] of starts) {
            // Only forward, and only to a line start.
            expect(start).toBeGreaterThanOrEqual(planned);
            expect(text[start - 1]).toBe(10);
            if (start > planned) moved += 1;
          }
        },
      ),
      { numRuns: 40 },
    );
    // The moving cut itself was exercised, not only the planned one.
    expect(moved).toBeGreaterThan(0);
  });
});
