import type Database from 'libsql';
import type { AlertRecord, EventBucket, FleetEvent, NewFleetEvent, ProbeReport, Silence, TargetError, TargetStatus } from '../../../shared/model';
import type { EventBucketQuery } from './event-buckets';
import { EVENT_SCHEMA, eventStatements, type EventQuery } from './event-statements';
import { PROBE_SCHEMA, probeStatements } from './probe-statements';
import { isDamageError, moveAside, openSqlite } from './open-sqlite';

export type { EventQuery } from './event-statements';

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

/** One poll and the samples written at its time (see `recordSamples`). */
export interface PollBatchItem {
  record: PollRecord;
  samples: ReadonlyArray<readonly [target: string, metric: string, value: number]>;
}

export interface PollRow {
  at: number;
  status: TargetStatus;
  durationMs: number;
  errorCode: string | null;
  errorMessage: string | null;
}

/** How much history is kept: whichever bound is reached first. */
export interface HistoryLimits {
  retentionDays: number;
  maxSizeMB: number;
}

export const DEFAULT_HISTORY_LIMITS: HistoryLimits = { retentionDays: 30, maxSizeMB: 500 };

export interface PruneResult {
  /** Rows deleted, by age and by size. */
  deleted: number;
  /** Bytes the file holds in use after pruning (pages minus free pages). */
  bytes: number;
}

/**
 * The history of every poll, in SQLite through libsql (Node-API, so the same binary runs under
 * Node and Electron). WAL with synchronous=NORMAL: an app crash loses no committed poll, only
 * the one in flight. The only module that speaks SQL.
 */
export interface HistoryStore {
  recordPoll(record: PollRecord): void;
  /** Figures that are not a poll of their own target (one repository's share of a poll), in one transaction. */
  recordSamples(at: number, samples: ReadonlyArray<readonly [target: string, metric: string, value: number]>): void;
  /** Many polls, each with its samples, in one transaction: a span of past polls written at once (issue 17). */
  recordPolls(batch: ReadonlyArray<PollBatchItem>): void;
  series(targetId: string, metric: string, fromMs: number, toMs: number): Array<[number, number]>;
  /** When a target was polled and answered (not down) in a time span, oldest first: what sparse samples are read against. */
  pollTimes(targetId: string, fromMs: number, toMs: number): number[];
  polls(targetId: string, limit: number): PollRow[];
  /** Events of the fleet (status transitions, findings, alerts, actions…), indexed by time, pruned with the rest. */
  recordEvents(events: readonly NewFleetEvent[]): void;
  events(query: EventQuery): FleetEvent[];
  /** The events of a window counted per slice (a chart's marker columns), with the oldest few of each. */
  eventBuckets(query: EventBucketQuery): { buckets: EventBucket[]; total: number };
  /** Silences whose end is after `endsAfter` (running, or ended early but not yet past their end). */
  saveSilence(silence: Silence): void;
  silences(endsAfter: number): Silence[];
  /** One firing period of an alert, written when it fires, is acknowledged and resolves. */
  saveAlertRecord(record: AlertRecord): void;
  openAlertRecords(): AlertRecord[];
  alertRecords(from: number, to: number, limit: number): AlertRecord[];
  /** A finished clone probe; only the newest few of each repository are kept (PROBE_REPORTS_KEPT). */
  saveProbeReport(report: ProbeReport): void;
  /** The last probes of a repository on a primary, newest first. */
  probeReports(primaryId: string, projectKey: string, repoSlug: string, limit: number): ProbeReport[];
  /** Deletes rows older than the retention, then the oldest until the file is within its size, and gives the freed pages back. */
  prune(nowMs: number): PruneResult;
  setLimits(limits: HistoryLimits): void;
  /** Bytes in use (pages minus free pages). */
  sizeBytes(): number;
  close(): void;
}

export interface HistoryStoreOptions {
  /** File path, or ':memory:'. */
  path: string;
  retentionDays?: number;
  maxSizeMB?: number;
  /** Told once when a damaged file was moved aside and a fresh one started. */
  notice?: (message: string) => void;
  now?: () => number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS samples (target TEXT NOT NULL, metric TEXT NOT NULL, ts INTEGER NOT NULL, value REAL NOT NULL);
CREATE INDEX IF NOT EXISTS samples_by_series ON samples (target, metric, ts);
CREATE INDEX IF NOT EXISTS samples_by_time ON samples (ts);
CREATE TABLE IF NOT EXISTS polls (target TEXT NOT NULL, ts INTEGER NOT NULL, status TEXT NOT NULL, duration_ms INTEGER NOT NULL,
  error_code TEXT, error_message TEXT);
CREATE INDEX IF NOT EXISTS polls_by_target ON polls (target, ts);
CREATE INDEX IF NOT EXISTS polls_by_time ON polls (ts);
${EVENT_SCHEMA}
${PROBE_SCHEMA}`;

type Db = InstanceType<typeof Database>;

const init = (db: Db): void => {
  // Incremental vacuum hands pages freed by pruning back to the file system without rewriting it.
  // A file made before this setting needs one full VACUUM to switch; a new, empty one takes the
  // setting as it is, and the VACUUM would only be a disk write on the way to the first count
  // (3–37 ms at start, issue 13 item 7).
  if (Number(pragmaValue(db, 'auto_vacuum')) !== 2) {
    db.pragma('auto_vacuum = INCREMENTAL');
    if (Number(pragmaValue(db, 'auto_vacuum')) !== 2) db.exec('VACUUM');
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 2000');
  // One commit for the whole schema, not one per statement (a fresh file writes each to disk).
  db.exec(`BEGIN;${SCHEMA};COMMIT;`);
};

/** libsql answers a pragma with a row ({ name: value }), even for { simple: true }. */
function pragmaValue(db: Db, name: string): unknown {
  const rows = db.pragma(name) as Array<Record<string, unknown>>;
  return rows[0]?.[name];
}

export function openHistoryStore(opts: HistoryStoreOptions): HistoryStore {
  const now = opts.now ?? Date.now;
  let limits: HistoryLimits = {
    retentionDays: opts.retentionDays ?? DEFAULT_HISTORY_LIMITS.retentionDays,
    maxSizeMB: opts.maxSizeMB ?? DEFAULT_HISTORY_LIMITS.maxSizeMB,
  };
  const open = () => statements(openSqlite({ path: opts.path, init, what: 'history', ...(opts.notice ? { notice: opts.notice } : {}), now }));
  let s = open();

  /**
   * Damage found while running (a disk error, a file overwritten): history is a cache of what the
   * fleet said, so it is moved aside and started afresh rather than failing every history call.
   */
  const guarded = <T>(fallback: T, fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      if (!isDamageError(err) || opts.path === ':memory:') throw err;
      try {
        s.db.close();
      } catch {
        // The damaged handle may refuse to close cleanly; the file is renamed either way.
      }
      const movedTo = moveAside(opts.path, now());
      opts.notice?.(`The history file ${opts.path} was damaged (${(err as Error).message}); it was moved to ${movedTo} and a fresh one started.`);
      s = open();
      return fallback;
    }
  };

  return {
    recordPoll: (r) => guarded(undefined, () => s.record(r)),
    recordSamples: (at, samples) => guarded(undefined, () => s.recordSamples(at, samples)),
    recordPolls: (batch) => guarded(undefined, () => s.recordPolls(batch)),
    pollTimes: (targetId, fromMs, toMs) => guarded([], () => (s.selectPollTimes.all(targetId, fromMs, toMs) as Array<[number]>).map(([ts]) => Number(ts))),
    series: (targetId, metric, fromMs, toMs) =>
      guarded([], () => (s.selectSeries.all(targetId, metric, fromMs, toMs) as Array<[number, number]>).map(([ts, v]) => [Number(ts), Number(v)])),
    polls: (targetId, limit) =>
      guarded([], () =>
        (s.selectPolls.all(targetId, limit) as Array<[number, string, number, string | null, string | null]>).map(([ts, status, d, code, msg]) => ({
          at: Number(ts),
          status: status as TargetStatus,
          durationMs: Number(d),
          errorCode: code,
          errorMessage: msg,
        })),
      ),
    recordEvents: (events) => guarded(undefined, () => s.events.recordEvents(events)),
    events: (q) => guarded([], () => s.events.queryEvents(q)),
    eventBuckets: (q) => guarded({ buckets: [], total: 0 }, () => s.events.eventBuckets(q)),
    saveSilence: (silence) => guarded(undefined, () => s.events.saveSilence(silence)),
    silences: (endsAfter) => guarded([], () => s.events.silences(endsAfter)),
    saveAlertRecord: (r) => guarded(undefined, () => s.events.saveAlertRecord(r)),
    openAlertRecords: () => guarded([], () => s.events.openAlertRecords()),
    alertRecords: (from, to, limit) => guarded([], () => s.events.alertRecords(from, to, limit)),
    saveProbeReport: (r) => guarded(undefined, () => s.probes.saveProbeReport(r)),
    probeReports: (primaryId, projectKey, repoSlug, limit) => guarded([], () => s.probes.probeReports(primaryId, projectKey, repoSlug, limit)),
    prune: (nowMs) => guarded({ deleted: 0, bytes: 0 }, () => s.prune(nowMs, limits)),
    setLimits: (next) => {
      limits = { ...next };
    },
    sizeBytes: () => guarded(0, () => s.usedBytes()),
    close: () => s.db.close(),
  };
}

const SAMPLES_PER_INSERT = 50;

function statements(db: Db) {
  const insertSample = db.prepare('INSERT INTO samples (target, metric, ts, value) VALUES (?, ?, ?, ?)');
  const insertPoll = db.prepare('INSERT INTO polls (target, ts, status, duration_ms, error_code, error_message) VALUES (?, ?, ?, ?, ?, ?)');
  const selectSeries = db.prepare('SELECT ts, value FROM samples WHERE target = ? AND metric = ? AND ts >= ? AND ts <= ? ORDER BY ts').raw(true);
  const selectPolls = db.prepare('SELECT ts, status, duration_ms, error_code, error_message FROM polls WHERE target = ? ORDER BY ts DESC LIMIT ?').raw(true);
  const selectPollTimes = db.prepare("SELECT ts FROM polls WHERE target = ? AND ts >= ? AND ts <= ? AND status <> 'down' ORDER BY ts").raw(true);
  const deleteSamples = db.prepare('DELETE FROM samples WHERE ts < ?');
  const deletePolls = db.prepare('DELETE FROM polls WHERE ts < ?');
  const events = eventStatements(db);
  const probes = probeStatements(db);
  const span = db.prepare('SELECT MIN(ts), MAX(ts) FROM polls').raw(true);

  const writePoll = (r: PollRecord): void => {
    insertPoll.run(r.targetId, r.at, r.status, Math.round(r.durationMs), r.error?.code ?? null, r.error?.message ?? null);
    for (const [metric, value] of Object.entries(r.figures)) {
      if (Number.isFinite(value)) insertSample.run(r.targetId, metric, r.at, value);
    }
  };
  const writeSamples = (at: number, samples: ReadonlyArray<readonly [string, string, number]>): void => {
    for (const [target, metric, value] of samples) if (Number.isFinite(value)) insertSample.run(target, metric, at, value);
  };
  const record = db.transaction(writePoll);
  const recordSamples = db.transaction(writeSamples);
  // A span of past polls writes tens of thousands of samples: one statement per SAMPLES_PER_INSERT
  // rows crosses into SQLite a fiftieth as often (a third less CPU than a row a statement).
  const insertSamples = db.prepare(`INSERT INTO samples (target, metric, ts, value) VALUES ${Array(SAMPLES_PER_INSERT).fill('(?, ?, ?, ?)').join(', ')}`);
  const recordPolls = db.transaction((batch: ReadonlyArray<PollBatchItem>) => {
    let params: Array<string | number> = [];
    const add = (target: string, metric: string, at: number, value: number): void => {
      if (!Number.isFinite(value)) return;
      params.push(target, metric, at, value);
      if (params.length === SAMPLES_PER_INSERT * 4) {
        insertSamples.run(params);
        params = [];
      }
    };
    for (const { record: r, samples } of batch) {
      insertPoll.run(r.targetId, r.at, r.status, Math.round(r.durationMs), r.error?.code ?? null, r.error?.message ?? null);
      for (const metric in r.figures) add(r.targetId, metric, r.at, r.figures[metric]!);
      for (const [target, metric, value] of samples) add(target, metric, r.at, value);
    }
    for (let i = 0; i < params.length; i += 4) insertSample.run(params[i], params[i + 1], params[i + 2], params[i + 3]);
  });
  const deleteBefore = db.transaction(
    (cutoff: number) => deleteSamples.run(cutoff).changes + deletePolls.run(cutoff).changes + events.deleteBefore(cutoff) + probes.deleteBefore(cutoff),
  );
  const usedBytes = (): number => {
    const pages = Number(pragmaValue(db, 'page_count')) - Number(pragmaValue(db, 'freelist_count'));
    return pages * Number(pragmaValue(db, 'page_size'));
  };
  const reclaim = (): void => {
    db.pragma('incremental_vacuum');
    // Without a checkpoint the WAL would keep the freed pages' history and the file would not shrink.
    db.pragma('wal_checkpoint(TRUNCATE)');
  };

  const prune = (nowMs: number, limits: HistoryLimits): PruneResult => {
    let deleted = deleteBefore(nowMs - limits.retentionDays * 86_400_000);
    const maxBytes = limits.maxSizeMB * 1024 * 1024;
    // Over the size bound: drop the oldest part of the time span held, in proportion to the excess
    // (deleted rows leave pages part-filled, so it may take a few rounds), until within it.
    for (let used = usedBytes(); used > maxBytes; used = usedBytes()) {
      const [from, to] = span.get() as [number | null, number | null];
      if (from === null || to === null) break;
      const share = Math.max(0.05, 1 - (0.9 * maxBytes) / used);
      const removed = deleteBefore(Number(from) + Math.max(1, Math.ceil((Number(to) - Number(from)) * share)));
      deleted += removed;
      if (removed === 0) break;
    }
    if (deleted > 0) reclaim();
    return { deleted, bytes: usedBytes() };
  };

  return { db, record, recordSamples, recordPolls, selectSeries, selectPolls, selectPollTimes, prune, usedBytes, events, probes };
}
