import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../../electron/demo/prng';
import { analyseAccessLogs } from '../../../../electron/engine/access-log/analyse';
import { handOver } from '../../../../electron/engine/access-log/parallel-read';
import { parseRange, readCursor, type RangeJob, type RangeResult } from '../../../../electron/engine/access-log/range-parse';
import type { RangeRunner } from '../../../../electron/engine/access-log/range-runner';
import { generate } from '../../../helpers/access-log-lines';

const dir = mkdtempSync(join(tmpdir(), 'fs-hand-over-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const logs = [5, 6, 7].map((seed) => {
  const file = join(dir, `seed-${seed}.log`);
  writeFileSync(file, generate(createRng(seed), 300 + seed * 60));
  return file;
});
const ticks = async (n: number): Promise<void> => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('part of the main thread’s range handed over to a reading thread done first', () => {
  it('reads every byte once: what the main thread read, then each range handed over, in file order', async () => {
    const text = readFileSync(logs[0]!);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4096 }),
        fc.integer({ min: 1, max: 3000 }),
        fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 6 }),
        async (chunk, minBytes, at) => {
          const own = { position: 0, end: text.length };
          const read: Buffer[] = [];
          const handed: Array<[number, number]> = [];
          let chunks = 0;
          const asks = new Set(at);
          // A range asked for at the next turn of the event loop: while the next chunk is being read, mostly.
          const ask = (): void => {
            const before = own.end;
            const range = handOver(logs[0]!, own, minBytes);
            if (range === null) return;
            expect(range[1]).toBe(before);
            expect(range[0]).toBeGreaterThan(own.position);
            expect(text[range[0] - 1]).toBe(10);
            handed.unshift(range);
          };
          const push = (c: Buffer): void => {
            read.push(Buffer.from(c));
            if (asks.has(chunks++)) setImmediate(ask);
          };
          await readCursor(logs[0]!, own, Buffer.alloc(chunk), push, () => undefined);
          expect(Buffer.concat([Buffer.concat(read), ...handed.map(([s, e]) => text.subarray(s, e))]).equals(text)).toBe(true);
        },
      ),
      { numRuns: 50 },
    );
  }, 60_000);

  it('gives the same report as one pass, wherever the cuts fall and whichever thread ends first', async () => {
    const one = await Promise.all(logs.map((file) => analyseAccessLogs([file], { threads: 1, hostingLimit: 3 })));
    let handedOver = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: logs.length - 1 }),
        fc.integer({ min: 2, max: 4 }),
        fc.integer({ min: 1, max: 20_000 }),
        fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 1, maxLength: 8 }),
        async (which, threads, handOverMinBytes, waits) => {
          let w = 0;
          const wait = (): Promise<void> => ticks(waits[w++ % waits.length]!);
          // Each runner asks for more at any time (before its first range is read, or after), a few turns
          // of the event loop apart: the main thread is then anywhere in its range (or done) when asked.
          const runner: RangeRunner = async (job, onRaw, _signal, next) => {
            const queue: RangeJob[] = [job];
            const out: RangeResult[] = [];
            let asking = true;
            while (queue.length > 0 || asking) {
              await wait();
              if (asking && (queue.length === 0 || w % 2 === 0)) {
                const more = next?.() ?? null;
                if (more === null) asking = false;
                else queue.push(more);
              } else out.push(await parseRange(queue.shift()!, onRaw));
            }
            handedOver += out.length - 1;
            return out;
          };
          const parallel = await analyseAccessLogs([logs[which]!], { threads, parallelMinBytes: 0, handOverMinBytes, rangeRunner: runner, hostingLimit: 3 });
          expect(parallel).toEqual({ ...one[which]!, sources: one[which]!.sources.map((s) => ({ ...s, ranges: threads })) });
        },
      ),
      { numRuns: 40 },
    );
    expect(handedOver).toBeGreaterThan(10);
  }, 120_000);
});
