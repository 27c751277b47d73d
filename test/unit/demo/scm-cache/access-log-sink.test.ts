import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Catalog } from '../../../../electron/demo/catalog';
import { createRng } from '../../../../electron/demo/prng';
import { DemoAccessLog } from '../../../../electron/demo/scm-cache/access-log-sink';
import { AccessLogFormatter, logTime, secondsCachedLogTime, type LoggedOp } from '../../../../electron/demo/scm-cache/access-log-writer';
import { ScmCachePlugin } from '../../../../electron/demo/scm-cache/plugin-model';
import { CacheTraffic } from '../../../../electron/demo/scm-cache/traffic';

const START = Date.UTC(2026, 10, 2, 9, 0, 0);
const turn = (): Promise<void> => new Promise((r) => setImmediate(r));
const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The demo's log over its warm-up hour and `minutes` more, read in steps with `turns` event-loop turns after each. */
async function writeLog(steps: Array<{ minutes: number; turns: number }>): Promise<{ text: string; ops: LoggedOp[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'fs-demo-log-'));
  dirs.push(dir);
  const ops: LoggedOp[] = [];
  const add = AccessLogFormatter.prototype.add;
  vi.spyOn(AccessLogFormatter.prototype, 'add').mockImplementation(function (this: AccessLogFormatter, op: LoggedOp) {
    ops.push(op);
    add.call(this, op);
  });
  const catalog = new Catalog(createRng(1), 60, [{ name: 'bamboo', displayName: 'Bamboo' }]);
  const log = new DemoAccessLog(join(dir, 'demo'), createRng(2), ['NODE01', 'NODE02'], catalog.users);
  const traffic = new CacheTraffic(new ScmCachePlugin(true, false), catalog, createRng(3), START, log);
  let at = START;
  for (const s of steps) {
    at += s.minutes * 60_000;
    traffic.advance(at);
    for (let i = 0; i < s.turns; i++) await turn();
    log.flush();
  }
  log.close();
  vi.restoreAllMocks();
  return { text: readFileSync(log.path, 'utf8'), ops };
}

describe("the demo primary's access log", () => {
  it('writes the time as logTime does, whatever the order of the times', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 4_102_444_800_000 }), fc.double({ min: 0, max: 4_102_444_800_000, noNaN: true })), { maxLength: 60 }),
        (times) => {
          const cached = secondsCachedLogTime();
          for (const t of [...times, ...times.map((x) => x + 1), ...times.map((x) => x + 999)]) expect(cached(t)).toBe(logTime(t));
        },
      ),
    );
  });

  it('writes the same lines, in the same order, however the event loop slices the formatting', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ minutes: fc.integer({ min: 0, max: 3 }), turns: fc.integer({ min: 0, max: 3 }) }), { minLength: 1, maxLength: 4 }),
        async (steps) => {
          const { text, ops } = await writeLog(steps);
          // The reference: every operation formatted at once, with the uncached time.
          let reference = '';
          const formatter = new AccessLogFormatter((t) => (reference += t), logTime);
          for (const op of ops) formatter.add(op);
          formatter.flush();
          expect(ops.length).toBeGreaterThan(5_000);
          expect(text).toBe(reference);
          expect(text).toBe((await writeLog([{ minutes: steps.reduce((n, s) => n + s.minutes, 0), turns: 0 }])).text);
        },
      ),
      { numRuns: 4 },
    );
  });

  it('does not format the warm-up hour in one block: the lines follow in later turns of the event loop', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fs-demo-log-'));
    dirs.push(dir);
    const catalog = new Catalog(createRng(1), 60, []);
    const log = new DemoAccessLog(join(dir, 'demo'), createRng(2), ['NODE01'], catalog.users);
    const traffic = new CacheTraffic(new ScmCachePlugin(true, false), catalog, createRng(3), START, log);
    const add = vi.spyOn(AccessLogFormatter.prototype, 'add');
    traffic.advance(START);
    expect(add).not.toHaveBeenCalled();
    await turn();
    expect(add.mock.calls.length).toBeGreaterThan(0);
    expect(add.mock.calls.length).toBeLessThanOrEqual(1_000);
    log.close();
    expect(readFileSync(log.path, 'utf8').split('\n').length).toBeGreaterThan(2 * 5_000);
  });
});
