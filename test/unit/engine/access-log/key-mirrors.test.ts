import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AccessLogAggregator } from '../../../../electron/engine/access-log/aggregator';
import { ByteKeys, hash32 } from '../../../../electron/engine/access-log/byte-keys';
import type { AccessLine } from '../../../../electron/engine/access-log/line-parser';
import { LineReader } from '../../../../electron/engine/access-log/line-reader';
import { PendingRequests } from '../../../../electron/engine/access-log/pending-requests';

const response = (n: number, ip: string, user: string, repo: string): string =>
  `${ip} | https | o*N1x1x${n}x1 | ${user} | 2026-11-02 10:00:00,500 | "POST /scm/${repo}.git/git-upload-pack HTTP/1.1" | "" "" | 200 | 0 | 9 | cache:hit, clone | 5 | s |`;

interface Seen {
  /** Ids the line carried into `operation` (from the scan's key mirrors; -1: not found there). */
  mirrored: number[];
  ids: number[];
  keys: string[];
}

/** Reads `text` in chunks of `chunk` bytes; lists each operation's key ids and raw keys. */
function read(text: Buffer, chunk: number, agg = new AccessLogAggregator({})): Seen[] {
  const seen: Seen[] = [];
  const operation = agg.operation.bind(agg);
  agg.operation = (line: AccessLine, buf: Buffer, started: number, node: string): void => {
    const mirrored = [line.ipId, line.userId, line.repoId];
    operation(line, buf, started, node);
    const keys = [
      buf.toString('latin1', line.ipStart, line.ipEnd),
      buf.toString('latin1', line.userStart, line.userEnd),
      buf.toString('latin1', line.repoStart, line.repoEnd),
    ];
    seen.push({ mirrored, ids: [line.ipId, line.userId, line.repoId], keys });
  };
  const reader = new LineReader(agg, 'test.log', 'node', new PendingRequests());
  for (let i = 0; i < text.length; i += chunk) reader.push(Buffer.from(text.subarray(i, i + chunk)));
  reader.end();
  return seen;
}

/** The reference: ids `ByteKeys.id` gives the same raw keys in the same order (dense, first seen first). */
function expectReferenceIds(seen: Seen[]): void {
  const tables = [new ByteKeys(), new ByteKeys(), new ByteKeys()];
  const wrong: unknown[] = [];
  seen.forEach((s, n) => {
    for (let t = 0; t < 3; t++) {
      const b = Buffer.from(s.keys[t]!, 'latin1');
      const id = tables[t]!.id(b, 0, b.length);
      if (s.ids[t] !== id || (s.mirrored[t]! >= 0 && s.mirrored[t] !== id)) wrong.push({ operation: n, table: t, key: s.keys[t], id, ...s });
    }
  });
  expect(wrong.slice(0, 3)).toEqual([]);
}

/** Keys alike but for one byte, before, at or past 16 bytes (the mirror compares 16 at a time). */
const key = fc
  .tuple(fc.integer({ min: 0, max: 40 }), fc.constantFrom('a', 'b', 'A', '.', '~'), fc.constantFrom('', 'x', 'y'))
  .map(([len, c, end]) => 'k'.repeat(len) + c + end);

/** Two keys of `len` bytes with the same `hash32`, differing in their first 4 bytes (a birthday search). */
function collidingKeys(tail: string): [string, string] {
  const byHash = new Map<number, string>();
  for (let n = 0; ; n++) {
    const k = n.toString(36).padStart(4, '0') + tail;
    const b = Buffer.from(k, 'latin1');
    const h = hash32(b, 0, b.length);
    const other = byHash.get(h);
    if (other !== undefined) return [other, k];
    byHash.set(h, k);
  }
}

describe('key mirrors (the scan finds key ids itself)', () => {
  it('tell apart keys whose hashes are equal, short or long', () => {
    for (const tail of ['', 'x'.repeat(14), 'y'.repeat(40)]) {
      const [a, b] = collidingKeys(tail);
      const lines: string[] = [];
      for (let n = 0; n < 9000; n++) lines.push(response(n, n % 3 ? a : b, n % 2 ? a : b, `P/${n % 5 ? a : b}`));
      const seen = read(Buffer.from(lines.join('\n') + '\n', 'latin1'), 1 << 20);
      expectReferenceIds(seen);
      expect(new Set(seen.map((s) => s.ids[1])).size).toBe(2);
      expect(seen.slice(-1000).every((s) => s.mirrored.every((id) => id >= 0))).toBe(true);
    }
  });

  it('give each key the id its ByteKeys table gives, whatever the chunks and the keys', () => {
    let found = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(key, key, key, fc.constantFrom('', ', 10.0.0.9', ' ')), { minLength: 1, maxLength: 300 }),
        fc.constantFrom(4000, 1 << 20),
        (ops, chunk) => {
          // Repeated past a scan's 4,096 lines: keys the aggregator gave ids in one scan are found by the next.
          const lines = ops.map(([ip, user, repo, proxy], n) => response(n, `10.${ip}${proxy}`, user, `P/${repo}`));
          const text = Buffer.from(`${lines.join('\n')}\n`.repeat(Math.ceil(5000 / lines.length)), 'latin1');
          const seen = read(text, chunk);
          expect(seen.length).toBe(Math.ceil(5000 / lines.length) * ops.length);
          expectReferenceIds(seen);
          for (const s of seen) found += s.mirrored.filter((id) => id >= 0).length;
        },
      ),
      { numRuns: 40 },
    );
    // The mirrors were used, not only the tables.
    expect(found).toBeGreaterThan(1000);
  });

  it('grow with their keys: every key learned in a first pass is found by the scan in the second, whatever how many', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 1, max: 3000 }), (ips, users, repos) => {
        // Distinct keys past each mirror's first slots (1,024, half of them used) and past its later sizes.
        const n = Math.max(ips, users, repos);
        const lines = Array.from({ length: n }, (_, i) => response(i, `10.0.${i % ips}.${i % 7}`, `u${i % users}`, `P/r${i % repos}`));
        const text = `${lines.join('\n')}\n`;
        // Past a scan's 4,096 lines: the second pass is scanned after the first taught the mirrors.
        // In one chunk: a line split across two is parsed in TypeScript, without the mirrors.
        const seen = read(Buffer.from(text.repeat(Math.ceil(4100 / n) + 1), 'latin1'), 1 << 30);
        expectReferenceIds(seen);
        const last = seen.slice(-n);
        expect(last.filter((s) => !s.mirrored.every((id) => id >= 0)).slice(0, 3)).toEqual([]);
      }),
      { numRuns: 12 },
    );
  }, 60_000);

  it('keep ids right when a table starts over (past 200,000 raw keys) in the middle of a scan', () => {
    const lines: string[] = [];
    for (let n = 0; n < 200_500; n++) lines.push(response(n, `10.${n % 1000}.${Math.floor(n / 1000)}.1`, `u${n % 7}`, `P/r${n % 5}`));
    // Known before the start-over, then seen again in the new generation.
    for (let n = 0; n < 10_000; n++) lines.push(response(n, `10.${n % 50}.0.1`, `u${n % 7}`, `P/r${n % 5}`));
    const agg = new AccessLogAggregator({});
    const seen = read(Buffer.from(lines.join('\n') + '\n', 'latin1'), 1 << 30, agg);
    expect(seen.length).toBe(210_500);
    expectReferenceIds(seen);
    expect(seen.slice(-2000).filter((s) => s.mirrored[0]! >= 0).length).toBeGreaterThan(1000);
    // The top lists count operations in batches of ids: those of the old generation were counted under their keys.
    const top = agg.report([]).top.clientIps;
    expect(top.filter((e) => !/^10\.\d+\.\d+\.1$/.test(e.key))).toEqual([]);
    expect(top.find((e) => e.key === '10.0.0.1')?.operations).toBeGreaterThanOrEqual(200);
  }, 60_000);
});
