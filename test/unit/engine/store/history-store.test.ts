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
