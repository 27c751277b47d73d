import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../../electron/demo/prng';
import { analyseAccessLogs } from '../../../../electron/engine/access-log/analyse';
import { splitRanges } from '../../../../electron/engine/access-log/parallel-read';
import { parseRange } from '../../../../electron/engine/access-log/range-parse';
import type { RangeRunner } from '../../../../electron/engine/access-log/range-runner';
import type { AccessLogReport } from '../../../../shared/model/access-log';
import { generate } from '../../../helpers/access-log-lines';

const dir = mkdtempSync(join(tmpdir(), 'fs-parallel-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Ranges read in this thread, counting the responses handed across a range boundary. */
function counting(): { runner: RangeRunner; handedOver: () => number } {
  let handed = 0;
  return {
    runner: async (job, onRaw) => {
      const r = await parseRange(job, onRaw);
      handed += r.orphanEnds.length;
      return r;
    },
    handedOver: () => handed,
  };
}

const withoutRanges = (r: AccessLogReport): AccessLogReport => ({ ...r, sources: r.sources.map(({ ranges: _, ...s }) => s) });

describe('access logs read in parallel ranges', () => {
  it('cuts ranges only at line starts, every byte in exactly one range', async () => {
    const file = join(dir, 'cuts.log');
    writeFileSync(file, generate(createRng(3), 300));
    const text = readFileSync(file);
    for (const n of [2, 3, 5, 16]) {
      const ranges = await splitRanges(file, text.length, n);
      expect(ranges[0]![0]).toBe(0);
      expect(ranges[ranges.length - 1]![1]).toBe(text.length);
      ranges.forEach(([start, end], i) => {
        expect(end).toBeGreaterThan(start);
        if (i > 0) expect([ranges[i - 1]![1], text[start - 1]]).toEqual([start, 10]);
      });
    }
  });

  it('gives the same report as one pass, whatever the number of ranges (pairs split across ranges included)', async () => {
    for (const seed of [1, 2, 3, 4]) {
      const file = join(dir, `seed-${seed}.log`);
      writeFileSync(file, generate(createRng(seed), 400 + seed * 150));
      const one = await analyseAccessLogs([file], { threads: 1, hostingLimit: 3 });
      expect(one.operations.total).toBeGreaterThan(300);
      expect(one.unparsable.count).toBeGreaterThan(0);
      for (const threads of [2, 3, 7]) {
        const { runner, handedOver } = counting();
        const parallel = await analyseAccessLogs([file], { threads, parallelMinBytes: 0, rangeRunner: runner, hostingLimit: 3 });
        expect(parallel.sources[0]!.ranges).toBe(threads);
        expect(handedOver()).toBeGreaterThan(0);
        expect(withoutRanges(parallel)).toEqual(one);
      }
    }
  });

  it('pairs the first range’s responses with requests of the log read before it; a .gz part is read in one pass (it cannot be split)', async () => {
    const text = generate(createRng(9), 900);
    const cut = text.indexOf('\n', Math.floor(text.length / 3));
    writeFileSync(join(dir, 'parts-1.log.gz'), gzipSync(text.slice(0, cut + 1)));
    writeFileSync(join(dir, 'parts-2.log'), text.slice(cut + 1));
    writeFileSync(join(dir, 'whole.log'), text);
    const parts = [join(dir, 'parts-1.log.gz'), join(dir, 'parts-2.log')];
    const one = await analyseAccessLogs(parts, { threads: 1 });
    const { runner } = counting();
    const parallel = await analyseAccessLogs(parts, { threads: 4, parallelMinBytes: 0, rangeRunner: runner });
    expect(parallel.sources.map((s) => s.ranges)).toEqual([undefined, 4]);
    expect(withoutRanges(parallel)).toEqual(one);
    // And as the same log unsplit (only where the lines came from differs).
    const whole = await analyseAccessLogs([join(dir, 'whole.log')], { threads: 1 });
    expect({ ...one, sources: [] }).toEqual({ ...whole, sources: [], unparsable: { ...whole.unparsable, examples: one.unparsable.examples } });
  });

  it('fails with the error of the range that failed', async () => {
    const file = join(dir, 'seed-1.log');
    let calls = 0;
    const failing: RangeRunner = async (job, onRaw, signal) => {
      if (calls++ === 1) throw new Error('disk gone');
      const r = await parseRange(job, onRaw);
      signal?.throwIfAborted();
      return r;
    };
    await expect(analyseAccessLogs([file], { threads: 3, parallelMinBytes: 0, rangeRunner: failing })).rejects.toThrow('disk gone');
  });
});
