import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openHistoryStore, type HistoryStore } from '../../../../electron/engine/store/history-store';

let dir = '';
let store: HistoryStore | null = null;
afterEach(() => {
  store?.close();
  store = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('history store', () => {
  it('keeps each poll and its figures, reopens from disk in WAL mode, and prunes by retention', async () => {
    dir = mkdtempSync(join(tmpdir(), 'fs-hist-'));
    const path = join(dir, 'sub', 'history.db');
    store = openHistoryStore({ path, retentionDays: 1 });
    const day = 86_400_000;
    store.recordPoll({ targetId: 'p', at: 1000, status: 'up', durationMs: 12.4, error: null, figures: { 'repos.total': 300, bad: Number.NaN } });
    store.recordPoll({
      targetId: 'p',
      at: 2 * day,
      status: 'down',
      durationMs: 10_000,
      error: { code: 'timeout', message: 'No answer', httpStatus: null, at: 2 * day },
      figures: { 'repos.total': 301 },
    });
    store.close();
    const { default: Database } = await import('libsql');
    const raw = new Database(path);
    // libsql answers the row, not the bare value, even with { simple: true }.
    expect(raw.pragma('journal_mode', { simple: true })).toMatchObject({ journal_mode: 'wal' });
    raw.close();
    store = openHistoryStore({ path, retentionDays: 1 });
    expect(store.series('p', 'repos.total', 0, 3 * day)).toEqual([
      [1000, 300],
      [2 * day, 301],
    ]);
    expect(store.series('p', 'bad', 0, 3 * day)).toEqual([]);
    expect(store.polls('p', 10).map((r) => [r.status, r.errorCode, r.durationMs])).toEqual([
      ['down', 'timeout', 10_000],
      ['up', null, 12],
    ]);
    expect(store.prune(2 * day + 10).deleted).toBe(2);
    expect(store.series('p', 'repos.total', 0, 3 * day)).toEqual([[2 * day, 301]]);
  });
  it('writes a batch of polls with their samples as one poll at a time would, skipping figures that are not numbers', () => {
    store = openHistoryStore({ path: ':memory:' });
    // 3 polls × (40 figures + 2 samples) = 126 samples: two full multi-row inserts and a remainder.
    const figures = (at: number) => ({ ...Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`m${i}`, at + i])), gone: Number.NaN });
    const batch = [1000, 2000, 3000].map((at) => ({
      record: { targetId: 'p', at, status: 'up' as const, durationMs: 7.6, error: null, figures: figures(at) },
      samples: [['repo:a', 'repo.hits', at / 1000] as const, ['repo:b', 'repo.hits', Number.POSITIVE_INFINITY] as const],
    }));
    store.recordPolls(batch);
    expect(store.polls('p', 10).map((p) => [p.at, p.status, p.durationMs])).toEqual([
      [3000, 'up', 8],
      [2000, 'up', 8],
      [1000, 'up', 8],
    ]);
    for (let i = 0; i < 40; i++) expect(store.series('p', `m${i}`, 0, 5000)).toEqual([1000, 2000, 3000].map((at) => [at, at + i]));
    expect(store.series('p', 'gone', 0, 5000)).toEqual([]);
    expect(store.series('repo:a', 'repo.hits', 0, 5000)).toEqual([
      [1000, 1],
      [2000, 2],
      [3000, 3],
    ]);
    expect(store.series('repo:b', 'repo.hits', 0, 5000)).toEqual([]);
  });
});

describe('history store: events', () => {
  it('keeps events indexed by time, filters them, and prunes them with the rest by retention', () => {
    const day = 86_400_000;
    store = openHistoryStore({ path: ':memory:', retentionDays: 1 });
    const base = { severity: 'info' as const, subject: null, demo: false };
    store.recordEvents([
      { ...base, at: 1_000, kind: 'status', targetId: 'prod', text: 'old' },
      { ...base, at: 2 * day, kind: 'alert-opened', severity: 'critical', targetId: 'prod', text: 'opened' },
      { ...base, at: 2 * day + 1, kind: 'demo-fault', targetId: 'eu', text: 'demo', demo: true },
    ]);
    expect(store.events({ limit: 10 }).map((e) => e.text)).toEqual(['demo', 'opened', 'old']);
    expect(store.events({ limit: 10, order: 'asc', from: 2 * day }).map((e) => e.text)).toEqual(['opened', 'demo']);
    expect(store.events({ limit: 10, includeDemo: false, targetIds: ['prod', 'eu'] }).map((e) => e.text)).toEqual(['opened', 'old']);
    expect(store.events({ limit: 10, kinds: ['alert-opened'], severities: ['critical'] })).toMatchObject([{ id: 2, targetId: 'prod', demo: false }]);
    store.prune(2 * day + 10);
    expect(store.events({ limit: 10 }).map((e) => e.text)).toEqual(['demo', 'opened']);
  });

  it('counts the events of a window per slice: count, worst severity and the oldest two of each, filters and subject applied', () => {
    store = openHistoryStore({ path: ':memory:', retentionDays: 1 });
    const severities = ['info', 'warning', 'critical'] as const;
    // 10,000 events over 10 s: a thousand per second, on two targets, half of them about a volume.
    store.recordEvents(
      Array.from({ length: 10_000 }, (_, i) => ({
        at: 1_000_000 + i,
        kind: 'status' as const,
        severity: i === 2_500 ? 'critical' : severities[i % 2]!,
        targetId: i % 2 === 0 ? 'prod' : 'gluster',
        subject: i % 4 === 1 ? 'bbshared' : i % 4 === 3 ? 'other' : null,
        text: `e${i}`,
        demo: false,
      })),
    );
    const all = store.eventBuckets({ from: 1_000_000, to: 1_010_000, buckets: 10 });
    expect(all.total).toBe(10_000);
    expect(all.buckets.map((b) => b.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(all.buckets.every((b) => b.count === 1_000)).toBe(true);
    expect(all.buckets.map((b) => b.severity)).toEqual([
      'warning',
      'warning',
      'critical',
      'warning',
      'warning',
      'warning',
      'warning',
      'warning',
      'warning',
      'warning',
    ]);
    expect(all.buckets[3]!.events.map((e) => e.text)).toEqual(['e3000', 'e3001']);
    // The window's last instant is in the last slice; events outside the window are not counted.
    const edge = store.eventBuckets({ from: 1_000_000, to: 1_009_999, buckets: 3 });
    expect(edge.total).toBe(10_000);
    expect(edge.buckets.at(-1)!.events.map((e) => e.at)).toEqual([1_006_666, 1_006_667]);
    expect(store.eventBuckets({ from: 1_000_000, to: 1_000_999, buckets: 1 }).total).toBe(1_000);
    // Filters: one target, one severity; a subject keeps that volume's events and the target's own.
    const prod = store.eventBuckets({ from: 1_000_000, to: 1_010_000, buckets: 1, targetIds: ['prod'], severities: ['info'] });
    expect(prod).toMatchObject({ total: 4_999, buckets: [{ index: 0, count: 4_999, severity: 'info' }] });
    const volume = store.eventBuckets({ from: 1_000_000, to: 1_010_000, buckets: 2, targetIds: ['gluster'], subject: 'bbshared' });
    expect(volume.total).toBe(2_500);
    expect(volume.buckets.flatMap((b) => b.events).every((e) => e.subject === 'bbshared')).toBe(true);
    expect(store.eventBuckets({ from: 1_000_000, to: 1_010_000, buckets: 1, targetIds: ['prod'], subject: 'bbshared' }).total).toBe(5_000);
    expect(store.eventBuckets({ from: 5, to: 5, buckets: 10 })).toEqual({ buckets: [], total: 0 });
  });
});
