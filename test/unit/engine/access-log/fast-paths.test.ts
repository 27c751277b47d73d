import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteKeys } from '../../../../electron/engine/access-log/byte-keys';
import { DurationHistogram, HistogramPool, packHistograms } from '../../../../electron/engine/access-log/histogram';
import { MinuteClock, readTime } from '../../../../electron/engine/access-log/line-parser';
import { PendingRequests } from '../../../../electron/engine/access-log/pending-requests';
import { TopK } from '../../../../electron/engine/access-log/top-k';

const pad = (n: number, w: number): string => String(n).padStart(w, '0');
/** Timestamps near each other (most share a minute), some with a byte spoiled. */
const stamp = fc
  .record({
    minute: fc.integer({ min: 0, max: 3 }),
    hour: fc.integer({ min: 22, max: 24 }),
    second: fc.integer({ min: 58, max: 61 }),
    ms: fc.integer({ min: 0, max: 999 }),
    spoil: fc.option(fc.record({ at: fc.integer({ min: 0, max: 23 }), byte: fc.constantFrom(32, 44, 45, 58, 120, 48, 57) }), { freq: 4 }),
  })
  .map(({ minute, hour, second, ms, spoil }) => {
    const buf = Buffer.from(`2024-02-29 ${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)},${pad(ms, 3)} |`, 'latin1');
    if (spoil) buf[spoil.at] = spoil.byte;
    return buf;
  });

describe('access-log fast paths equal their reference', () => {
  it('MinuteClock reads every timestamp as readTime does, valid or not, in any order', () => {
    fc.assert(
      fc.property(fc.array(stamp, { maxLength: 40 }), (stamps) => {
        const clock = new MinuteClock();
        for (const buf of stamps) {
          expect(clock.read(buf, 0, buf.length)).toBe(readTime(buf, 0, buf.length));
          // Cut short: too few bytes for a timestamp.
          expect(clock.read(buf, 0, 22)).toBe(readTime(buf, 0, 22));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('TopK.top picks what sorting every key would, by operations and by time', () => {
    const op = fc.record({ key: fc.constantFrom(...'abcdefghijklmnop'.split('')), ms: fc.integer({ min: -1, max: 5 }) });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), fc.integer({ min: 0, max: 20 }), (ops, n) => {
        const top = new TopK(100, true);
        for (const o of ops) top.add(o.key, o.ms);
        const all = top.top(1000, 'operations');
        const byTime = top.top(1000, 'time');
        expect(top.top(n, 'operations')).toEqual(all.slice(0, n));
        expect(top.top(n, 'time')).toEqual(byTime.slice(0, n));
        // The reference: every key sorted.
        const keys = [...new Set(ops.map((o) => o.key))];
        expect(all.map((e) => e.key)).toEqual(
          [...keys].sort((a, b) => {
            const ea = all.find((e) => e.key === a)!;
            const eb = all.find((e) => e.key === b)!;
            return eb.operations - ea.operations || eb.totalMs - ea.totalMs || (a < b ? -1 : 1);
          }),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('PendingRequests (a table grown as requests wait) answers as a map in insertion order does', () => {
    const step = fc.record({ take: fc.boolean(), id: fc.integer({ min: 0, max: 300 }), time: fc.integer({ min: 0, max: 1e6 }) });
    fc.assert(
      // A ring of 1–8 entries at first: it compacts and grows (up to twice the capacity) within a run.
      fc.property(fc.array(step, { maxLength: 600 }), fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 8 }), (steps, capacity, ring) => {
        const pending = new PendingRequests(capacity, ring);
        // The reference: a Map keeps insertion order; a request made again moves to the end.
        const model = new Map<number, number>();
        for (const s of steps) {
          // Ids as hash52 values are: large, some sharing low bits.
          const id = s.id * 0x40000 + (s.id % 7);
          if (s.take) {
            const want = model.get(id) ?? NaN;
            model.delete(id);
            expect(pending.take(id)).toBe(want);
          } else {
            let forgot = false;
            if (model.size >= capacity) {
              const oldest = model.keys().next().value!;
              model.delete(oldest);
              forgot = true;
            }
            model.delete(id);
            model.set(id, s.time);
            expect(pending.add(id, s.time)).toBe(forgot);
          }
          expect(pending.size).toBe(model.size);
        }
        expect([...pending.remaining()]).toEqual([...model].flat());
      }),
      { numRuns: 200 },
    );
  });

  it('ByteKeys gives ids dense in first-seen order and each bytes its string, as a Map of the decoded bytes does', () => {
    fc.assert(
      // Multi-byte UTF-8 too, read from a Buffer (decoded where it lies) or from a plain view such as a WebAssembly memory's.
      fc.property(fc.array(fc.stringMatching(/^[a-d~/.é✓]{0,6}$/), { minLength: 1, maxLength: 3000 }), fc.boolean(), (words, plain) => {
        const keys = new ByteKeys();
        const model = new Map<string, number>();
        const bytes = Buffer.from(`|${words.join('|')}|`, 'utf8');
        const buf = plain ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length) : bytes;
        let at = 1;
        for (const w of words) {
          if (!model.has(w)) model.set(w, model.size);
          const len = Buffer.byteLength(w);
          const id = keys.id(buf, at, at + len);
          expect(id).toBe(model.get(w));
          expect(keys.keyOf(id)).toBe(w);
          at += len + 1;
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a pooled histogram (16-bit counters, widened past 65,535 in a bucket) counts as a 32-bit one of its own does', () => {
    // Few durations, large repeats and merges: buckets pass the 16-bit limit by adds and by merges.
    const step = fc.oneof(
      fc.record({ ms: fc.constantFrom(0, 1, 7, 40, 41, 9000, 86_400_000), times: fc.integer({ min: 1, max: 40_000 }) }),
      fc.record({ merge: fc.array(fc.constantFrom(3, 40, 9000), { maxLength: 4 }), times: fc.integer({ min: 1, max: 70_000 }) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 8 }), fc.boolean(), (steps, neighbour) => {
        const pool = new HistogramPool();
        const pooled = pool.make();
        // A neighbour in the same slab must not see the widened one's counts, nor lose its own.
        const next = neighbour ? pool.make() : null;
        next?.add(5);
        const plain = new DurationHistogram();
        for (const s of steps) {
          if ('ms' in s) {
            for (let i = 0; i < s.times; i++) {
              pooled.add(s.ms);
              plain.add(s.ms);
            }
            continue;
          }
          const from = new DurationHistogram();
          for (const ms of s.merge) for (let i = 0; i < s.times; i++) from.add(ms);
          pooled.mergeFrom(from.exportState());
          plain.mergeColumn(packHistograms([from]), 0);
        }
        expect(pooled.exportState()).toEqual(plain.exportState());
        expect(pooled.stats()).toEqual(plain.stats());
        expect(packHistograms([pooled])).toEqual(packHistograms([plain]));
        if (next !== null) expect(next.exportState().counts[1]).toBe(0);
        if (next !== null) expect(next.stats()).toEqual({ count: 1, p50Ms: 5, p95Ms: 5, maxMs: 5 });
        pooled.release();
        expect(pool.make().stats().count).toBe(0);
      }),
      { numRuns: 60 },
    );
  });
});
