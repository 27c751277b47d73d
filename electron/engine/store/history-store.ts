import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'libsql';
import type { TargetError, TargetStatus } from '../../../shared/model';

/** One poll's outcome and figures, written in one transaction. */
export interface PollRecord {
  targetId: string;
  at: number;
  status: TargetStatus;
  durationMs: number;
  error: TargetError | null;
  /** Metric name → value, e.g. `repos.total` → 312. */
  figures: Record<string, number>;
}

export interface PollRow {
  at: number;
  status: TargetStatus;
  durationMs: number;
  errorCode: string | null;
  errorMessage: string | null;
}

/**
 * The history of every poll, in SQLite through libsql (Node-API, so the same binary runs under
 * Node and Electron). WAL with synchronous=NORMAL: an app crash loses no committed poll, only
 * the one in flight. The only module that speaks SQL.
 */
export interface HistoryStore {
  recordPoll(record: PollRecord): void;
  series(targetId: string, metric: string, fromMs: number, toMs: number): Array<[number, number]>;
  polls(targetId: string, limit: number): PollRow[];
  /** Deletes rows older than the retention; returns how many went. */
  prune(nowMs: number): number;
  close(): void;
}

export interface HistoryStoreOptions {
  /** File path, or ':memory:'. */
  path: string;
  retentionDays?: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS samples (target TEXT NOT NULL, metric TEXT NOT NULL, ts INTEGER NOT NULL, value REAL NOT NULL);
CREATE INDEX IF NOT EXISTS samples_by_series ON samples (target, metric, ts);
CREATE TABLE IF NOT EXISTS polls (target TEXT NOT NULL, ts INTEGER NOT NULL, status TEXT NOT NULL, duration_ms INTEGER NOT NULL,
  error_code TEXT, error_message TEXT);
CREATE INDEX IF NOT EXISTS polls_by_target ON polls (target, ts);
`;

export function openHistoryStore(opts: HistoryStoreOptions): HistoryStore {
  if (opts.path !== ':memory:') mkdirSync(dirname(opts.path), { recursive: true });
  const db = new Database(opts.path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 2000');
  db.exec(SCHEMA);
  const retentionMs = (opts.retentionDays ?? 30) * 86_400_000;

  const insertSample = db.prepare('INSERT INTO samples (target, metric, ts, value) VALUES (?, ?, ?, ?)');
  const insertPoll = db.prepare('INSERT INTO polls (target, ts, status, duration_ms, error_code, error_message) VALUES (?, ?, ?, ?, ?, ?)');
  const selectSeries = db.prepare('SELECT ts, value FROM samples WHERE target = ? AND metric = ? AND ts >= ? AND ts <= ? ORDER BY ts').raw(true);
  const selectPolls = db.prepare('SELECT ts, status, duration_ms, error_code, error_message FROM polls WHERE target = ? ORDER BY ts DESC LIMIT ?').raw(true);
  const deleteSamples = db.prepare('DELETE FROM samples WHERE ts < ?');
  const deletePolls = db.prepare('DELETE FROM polls WHERE ts < ?');

  const record = db.transaction((r: PollRecord) => {
    insertPoll.run(r.targetId, r.at, r.status, Math.round(r.durationMs), r.error?.code ?? null, r.error?.message ?? null);
    for (const [metric, value] of Object.entries(r.figures)) {
      if (Number.isFinite(value)) insertSample.run(r.targetId, metric, r.at, value);
    }
  });

  return {
    recordPoll: (r) => {
      record(r);
    },
    series: (targetId, metric, fromMs, toMs) =>
      (selectSeries.all(targetId, metric, fromMs, toMs) as Array<[number, number]>).map(([ts, v]) => [Number(ts), Number(v)]),
    polls: (targetId, limit) =>
      (selectPolls.all(targetId, limit) as Array<[number, string, number, string | null, string | null]>).map(([ts, status, d, code, msg]) => ({
        at: Number(ts),
        status: status as TargetStatus,
        durationMs: Number(d),
        errorCode: code,
        errorMessage: msg,
      })),
    prune: (nowMs) => {
      const cutoff = nowMs - retentionMs;
      const tx = db.transaction(() => deleteSamples.run(cutoff).changes + deletePolls.run(cutoff).changes);
      return tx();
    },
    close: () => db.close(),
  };
}
