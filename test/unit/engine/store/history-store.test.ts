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
});
