import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../../electron/demo/prng';
import { analyseAccessLogs } from '../../../../electron/engine/access-log/analyse';
import { parseRange, RangeEnd } from '../../../../electron/engine/access-log/range-parse';
import type { RangeRunner } from '../../../../electron/engine/access-log/range-runner';
import type { AccessLogReport } from '../../../../shared/model/access-log';
import { generate } from '../../../helpers/access-log-lines';

const dir = mkdtempSync(join(tmpdir(), 'fs-range-split-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const withoutRanges = (r: AccessLogReport): AccessLogReport => ({ ...r, sources: r.sources.map(({ ranges: _, ...s }) => s) });
const turns = async (n: number): Promise<void> => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

/** Ranges read in this thread, each started `delays[k]` event-loop turns late, splittable as a worker's are; counts the parts given away. */
function splittable(delays: readonly number[]): { runner: RangeRunner; given: () => number } {
  let k = 0;
  let given = 0;
  return {
    runner: async (job, onRaw, _signal, control) => {
      const end = new RangeEnd(job.path, job.start, job.end);
      if (control)
        control.split = async () => {
          const part = end.split(job.minSplitBytes ?? 1);
          if (part) given += 1;
          return part;
        };
      await turns(delays[k++ % delays.length]!);
      return parseRange(job, onRaw, end);
    },
    given: () => given,
  };
}

const logs = [1, 2, 3, 4, 5, 6].map((seed) => {
  const file = join(dir, `seed-${seed}.log`);
  const text = generate(createRng(seed), 300 + seed * 120);
  // Two logs with an unparsable line in about every 25: more than the 20 examples a report keeps in a range, fewer in part of one.
  writeFileSync(file, seed > 4 ? text.replace(/\n/g, (nl, at: number) => (at % 25 === 0 ? `${nl}not a log line ${at}${nl}` : nl)) : text);
  return file;
});
const onePass = new Map<string, AccessLogReport>();

describe('a range split while it is read', () => {
  it('halves what is not being read yet, at a line start, and never cuts the read in progress', () => {
    const file = logs[0]!;
    const text = readFileSync(file);
    const end = new RangeEnd(file, 100, text.length);
    end.reading = 1000;
    const part = end.split(10)!;
    expect(part[1]).toBe(text.length);
    expect(text[part[0] - 1]).toBe(10);
    expect(part[0]).toBeGreaterThanOrEqual(1000 + Math.floor((text.length - 1000) / 2));
    expect(end.end).toBe(part[0]);
    // Too little left for two halves of at least `minBytes`: kept whole.
    end.reading = end.end - 30;
    expect(end.split(16)).toBeNull();
    expect(end.end).toBe(part[0]);
  });

  it('gives the same report as one pass when this thread takes parts of the other ranges (any speeds, read sizes and thread counts)', async () => {
    let given = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...logs),
        fc.integer({ min: 2, max: 4 }),
        fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 64, max: 2048 }),
        fc.integer({ min: 1, max: 600 }),
        async (file, threads, delays, readBytes, minSplitBytes) => {
          if (!onePass.has(file)) onePass.set(file, await analyseAccessLogs([file], { threads: 1, hostingLimit: 3 }));
          const r = splittable(delays);
          const parallel = await analyseAccessLogs([file], { threads, parallelMinBytes: 0, rangeRunner: r.runner, hostingLimit: 3, readBytes, minSplitBytes });
          given += r.given();
          expect(withoutRanges(parallel)).toEqual(onePass.get(file));
        },
      ),
      { numRuns: 60 },
    );
    // The property is about taken parts: most runs took some.
    expect(given).toBeGreaterThan(30);
  });
});
