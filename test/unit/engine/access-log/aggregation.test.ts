import { describe, expect, it } from 'vitest';
import { AccessLogAggregator } from '../../../../electron/engine/access-log/aggregator';
import { clientIp, normaliseRepository } from '../../../../electron/engine/access-log/log-keys';
import { ByteKeys, hash52 } from '../../../../electron/engine/access-log/byte-keys';
import { DurationHistogram, HistogramPool } from '../../../../electron/engine/access-log/histogram';
import { LineReader } from '../../../../electron/engine/access-log/line-reader';
import { TopK } from '../../../../electron/engine/access-log/top-k';
import { PendingRequests } from '../../../../electron/engine/access-log/pending-requests';

const t = (s: string): string => `2026-11-02 ${s}`;
const LOG = [
  `10.0.0.1 | https | i*N1x1x1x0 | ci | ${t('10:00:00,000')} | "POST /scm/PLAT/api.git/git-upload-pack HTTP/1.1" | "" "" | - | - | - | - | - | s1 |`,
  `10.0.0.2 | ssh | i*N2x1x2x0 | dev | ${t('10:00:01,000')} | SSH - git-upload-pack '/plat/api.git' | - | - | - | - | - | - | s2 |`,
  `10.0.0.1 | https | o*N1x1x1x1 | ci | ${t('10:00:05,000')} | "POST /scm/PLAT/api.git/git-upload-pack HTTP/1.1" | "" "" | 200 | 0 | 9 | cache:miss, clone, protocol:2 | 5000 | s1 |`,
  // no duration field: the paired request line gives it (10:00:01 → 10:00:03)
  `10.0.0.2 | ssh | o*N2x1x2x0 | dev | ${t('10:00:03,000')} | SSH - git-upload-pack '/plat/api.git' | - | 0 | 0 | 9 | cache:hit, fetch | s2 |`,
  `10.0.0.3 | https | o*N1x2x3x0 | - | ${t('11:30:00,000')} | "GET /status HTTP/1.1" | "" "" | 200 | 0 | 19 | - | 6 | s3 |`,
  `this line is corrupt`,
  `10.0.0.1 | https | o*N1x1x9x1 | ci | ${t('11:00:00,000')} | "POST /scm/PLAT/api.git/git-upload-pack HTTP/1.1" | "" "" | 200 | 0 | 9 | cache:hit, clo`,
].join('\n');

function read(text: string, chunk: number, options = {}): ReturnType<AccessLogAggregator['report']> {
  const agg = new AccessLogAggregator({ hostingLimit: 1, ...options });
  const pending = new PendingRequests();
  const reader = new LineReader(agg, 'test.log', 'node-from-file', pending);
  const buf = Buffer.from(text);
  for (let i = 0; i < buf.length; i += chunk) reader.push(buf.subarray(i, i + chunk));
  reader.end();
  agg.lines.unpairedRequests += pending.size;
  return agg.report([]);
}

describe('access-log aggregation', () => {
  it('pairs requests with responses, counts kinds, cache outcomes and durations', () => {
    const r = read(LOG, 1 << 20);
    expect(r.lines).toMatchObject({ total: 7, git: 4, other: 1, unparsable: 2, unpairedRequests: 0 });
    expect(r.operations.byKind).toMatchObject({ clone: 1, fetch: 1, shallow: 0 });
    expect(r.cache.byKind.clone).toEqual({ hit: 0, miss: 1, none: 0 });
    expect(r.cache.byKind.fetch).toEqual({ hit: 1, miss: 0, none: 0 });
    expect(r.cache.byProtocol.find((p) => p.protocol === 'http' && p.gitProtocol === 2)?.counts.miss).toBe(1);
    expect(r.durations.byKind.fetch.maxMs).toBe(2000);
    expect(r.durations.byKind.clone.maxMs).toBe(5000);
    expect(r.slowest.map((s) => [s.kind, s.durationMs, s.repository, s.node])).toEqual([
      ['clone', 5000, 'PLAT/api', 'N1'],
      ['fetch', 2000, 'PLAT/api', 'N2'],
    ]);
    expect(r.top.repositories[0]).toMatchObject({ key: 'PLAT/api', operations: 2, totalMs: 7000 });
    // Both in flight at 10:00:02 and 10:00:03 (sampled each second): 2 s above a limit of 1.
    expect(r.concurrency.peak).toBe(2);
    expect(r.concurrency.secondsOverLimit).toBe(2);
    expect(r.unparsable.examples.map((e) => [e.line, e.reason])).toEqual([
      [6, 'too few fields'],
      [7, 'truncated (no closing "|")'],
    ]);
  });

  it('keeps clone times per node, and per repository its operations, clone times and cache outcome', () => {
    const agg = new AccessLogAggregator();
    const reader = new LineReader(agg, 'test.log', 'node-from-file', new PendingRequests());
    reader.push(Buffer.from(`${LOG}\n`));
    reader.end();
    const r = agg.report([]);
    // Only the clone counts per node (the fetch on N2 is not a clone).
    expect(r.durations.clonesByNode).toEqual([{ node: 'N1', durations: { count: 1, p50Ms: 5000, p95Ms: 5000, maxMs: 5000 } }]);
    expect(r.durations.byNode.map((n) => n.node)).toEqual(['N1', 'N2']);
    expect(agg.repositoryFigures().get('PLAT/api')).toEqual({
      operations: 2,
      clones: { count: 1, p50Ms: 5000, p95Ms: 5000, maxMs: 5000 },
      cache: { hit: 0, miss: 1, none: 0 },
      clonesByNode: [{ node: 'N1', durations: { count: 1, p50Ms: 5000, p95Ms: 5000, maxMs: 5000 } }],
    });
  });

  it("names the node that serves one repository's clones slowest, even when the fleet's nodes look alike", () => {
    // PLAT/big: 2 s on N1 and N2, 20 s on N3. PLAT/small: 20 s on N1 and N2, 2 s on N3. Over both, every node is alike.
    const clone = (i: number, repo: string, node: string, ms: number) =>
      `10.0.0.9 | https | o*${node}x1x${i}x0 | ci | ${t('10:00:00,000')} | "POST /scm/PLAT/${repo}.git/git-upload-pack HTTP/1.1" | "" "" | 200 | 0 | 9 | cache:hit, clone | ${ms} | s |`;
    const lines: string[] = [];
    let i = 0;
    for (let k = 0; k < 6; k++)
      for (const [node, big, small] of [
        ['N1', 2_000, 20_000],
        ['N2', 2_000, 20_000],
        ['N3', 20_000, 2_000],
      ] as const) {
        lines.push(clone(i++, 'big', node, big), clone(i++, 'small', node, small));
      }
    const r = read(lines.join('\n'), 1 << 20);
    expect(r.durations.clonesByNode.map((n) => n.durations.p95Ms)).toEqual([20_000, 20_000, 20_000]);
    expect(r.durations.slowNodesByRepository).toEqual([{ repository: 'PLAT/big', node: 'N3', p95Ms: 20_000, othersP95Ms: 2_000, ratio: 10 }]);
  });

  it('gives the same figures whatever the chunk size (lines split across reads)', () => {
    const whole = read(LOG, 1 << 20);
    for (const size of [1, 7, 64]) expect(read(LOG, size)).toEqual(whole);
  });

  it('skips a line longer than 64 KiB split over reads without buffering it, and reads the next', () => {
    const r = read(`${'y'.repeat(70_000)}\n${LOG}`, 1024);
    expect(r.unparsable.examples[0]).toMatchObject({ line: 1, reason: 'longer than 64 KiB' });
    expect(r.operations.total).toBe(2);
  });

  it('keeps only the chosen time range', () => {
    const r = read(LOG, 4096, { from: Date.UTC(2026, 10, 2, 10, 0, 4), to: Date.UTC(2026, 10, 2, 12) });
    expect(r.operations.total).toBe(1);
    expect(r.lines.outOfRange).toBe(1);
  });

  it('normalises repositories and client addresses', () => {
    expect(normaliseRepository('plat/API')).toBe('PLAT/api');
    expect(normaliseRepository('~Alice/Dots')).toBe('~alice/dots');
    expect(clientIp('192.168.1.5, 10.0.0.1')).toBe('192.168.1.5');
    expect(clientIp('2001:db8::1')).toBe('2001:db8::1');
  });

  it('histogram percentiles are within a 10 % bucket and max is exact', () => {
    const h = new DurationHistogram();
    for (let ms = 1; ms <= 1000; ms++) h.add(ms);
    const p50 = h.quantile(0.5)!;
    expect(p50).toBeGreaterThanOrEqual(500);
    expect(p50).toBeLessThanOrEqual(550);
    expect(h.stats().maxMs).toBe(1000);
  });

  it('pooled histograms share slabs, and a released one comes back empty', () => {
    const pool = new HistogramPool();
    const a = pool.make();
    const b = pool.make();
    a.add(40);
    b.add(9000);
    expect(a.stats()).toEqual({ count: 1, p50Ms: 40, p95Ms: 40, maxMs: 40 });
    expect(b.stats().maxMs).toBe(9000);
    a.release();
    const c = pool.make();
    expect(c.quantile(0.5)).toBeNull();
    c.add(9000);
    expect(c.stats()).toEqual(b.stats());
  });

  it('top-K with durations releases the histograms of pruned keys and keeps the survivors exact', () => {
    const top = new TopK(10, true, true, true);
    for (let i = 0; i < 5000; i++) top.add(`rare-${i}`, 1, 'hit');
    const alone = new DurationHistogram();
    for (let i = 0; i < 500; i++) {
      top.add('heavy', 10 + (i % 300), 'miss');
      alone.add(10 + (i % 300));
    }
    for (let i = 0; i < 5000; i++) top.add(`late-${i}`, 5000, 'hit');
    // New keys after a prune start at the floor, so look `heavy` up by key: its histogram must be its own.
    const heavy = [...top.entries()].find(([key]) => key === 'heavy')?.[1];
    expect(heavy?.durations).toEqual(alone.stats());
    expect(heavy?.cache).toEqual({ hit: 0, miss: 500, none: 0 });
    expect([...top.entries()].length).toBeLessThanOrEqual(20);
  });

  it('top-K stays bounded and keeps the heavy hitters', () => {
    const top = new TopK(10, false);
    for (let i = 0; i < 5000; i++) top.add(`rare-${i}`, 1);
    for (let i = 0; i < 500; i++) top.add('heavy', 10);
    const [first] = top.top(1);
    expect(first?.key).toBe('heavy');
    expect(first!.operations - first!.error).toBeLessThanOrEqual(500);
    expect(first!.operations).toBeGreaterThanOrEqual(500);
    expect(top.top(100).length).toBeLessThanOrEqual(20);
  });
});

describe('byte keys', () => {
  it('decode a byte range once and give back the same normalised string', () => {
    const keys = new ByteKeys(normaliseRepository);
    const buf = Buffer.from('plat/API PLAT/api plat/API');
    const a = keys.key(buf, 0, 8);
    expect(a).toBe('PLAT/api');
    expect(keys.key(buf, 9, 17)).toBe(a);
    expect(keys.key(buf, 18, 26)).toBe(a);
    expect(hash52(buf, 0, 8)).toBe(hash52(buf, 18, 26));
    expect(hash52(buf, 0, 8)).not.toBe(hash52(buf, 9, 17));
  });
});

describe('pending requests', () => {
  it('pairs a request with its response once, and forgets the oldest past its capacity', () => {
    const pending = new PendingRequests(3);
    expect(pending.add(11, 1000)).toBe(false);
    expect(pending.add(22, 2000)).toBe(false);
    expect(pending.add(33, 3000)).toBe(false);
    expect(pending.take(22)).toBe(2000);
    expect(Number.isNaN(pending.take(22))).toBe(true);
    expect(pending.add(44, 4000)).toBe(false);
    // Full: 11 is the oldest still waiting.
    expect(pending.add(55, 5000)).toBe(true);
    expect(Number.isNaN(pending.take(11))).toBe(true);
    expect([pending.take(33), pending.take(44), pending.take(55), pending.size]).toEqual([3000, 4000, 5000, 0]);
  });

  it('keeps every entry findable through many colliding inserts and removals', () => {
    const pending = new PendingRequests(50);
    // Same low bits: all land in one run of slots, so removal has to shift the rest back.
    const ids = Array.from({ length: 40 }, (_, i) => (i + 1) * 0x40000000 * 4);
    ids.forEach((id, i) => pending.add(id, i));
    for (let i = 0; i < ids.length; i += 2) expect(pending.take(ids[i]!)).toBe(i);
    for (let i = 1; i < ids.length; i += 2) expect(pending.take(ids[i]!)).toBe(i);
    expect(pending.size).toBe(0);
  });
});
