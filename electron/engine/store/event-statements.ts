import type Database from 'libsql';
import type { AlertRecord, FleetEvent, NewFleetEvent, Severity, Silence } from '../../../shared/model';
import { eventBuckets, type EventBucketQuery } from './event-buckets';
import { EVENT_COLUMNS, eventWhere, toEvent, type EventQuery, type EventRow } from './event-where';

type Db = InstanceType<typeof Database>;

/** Events, silences and alert firings live in the history file and share its retention. */
export const EVENT_SCHEMA = `
CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY AUTOINCREMENT, ts INTEGER NOT NULL, kind TEXT NOT NULL, severity TEXT NOT NULL,
  target TEXT NOT NULL, subject TEXT, text TEXT NOT NULL, demo INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS events_by_time ON events (ts);
CREATE INDEX IF NOT EXISTS events_by_target ON events (target, ts);
CREATE TABLE IF NOT EXISTS silences (id TEXT PRIMARY KEY, target TEXT, rule TEXT, created_by TEXT NOT NULL, comment TEXT NOT NULL,
  starts_at INTEGER NOT NULL, ends_at INTEGER NOT NULL, expired_at INTEGER);
CREATE INDEX IF NOT EXISTS silences_by_end ON silences (ends_at);
CREATE TABLE IF NOT EXISTS alert_records (fingerprint TEXT NOT NULL, fired_at INTEGER NOT NULL, target TEXT NOT NULL, rule TEXT NOT NULL,
  severity TEXT NOT NULL, title TEXT NOT NULL, resolved_at INTEGER, ack_by TEXT, ack_at INTEGER, ack_note TEXT, PRIMARY KEY (fingerprint, fired_at));
CREATE INDEX IF NOT EXISTS alert_records_by_time ON alert_records (fired_at);
`;

export type { EventQuery } from './event-where';

type SilenceRow = [string, string | null, string | null, string, string, number, number, number | null];
type RecordRow = [string, number, string, string, string, string, number | null, string | null, number | null, string | null];

export function eventStatements(db: Db) {
  const insertEvent = db.prepare('INSERT INTO events (ts, kind, severity, target, subject, text, demo) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const upsertSilence = db.prepare(
    `INSERT INTO silences (id, target, rule, created_by, comment, starts_at, ends_at, expired_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET ends_at = excluded.ends_at, expired_at = excluded.expired_at`,
  );
  const selectSilences = db
    .prepare('SELECT id, target, rule, created_by, comment, starts_at, ends_at, expired_at FROM silences WHERE ends_at > ? ORDER BY starts_at')
    .raw(true);
  const upsertRecord = db.prepare(
    `INSERT INTO alert_records (fingerprint, fired_at, target, rule, severity, title, resolved_at, ack_by, ack_at, ack_note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (fingerprint, fired_at) DO UPDATE SET severity = excluded.severity, title = excluded.title, resolved_at = excluded.resolved_at,
       ack_by = excluded.ack_by, ack_at = excluded.ack_at, ack_note = excluded.ack_note`,
  );
  const selectOpenRecords = db
    .prepare('SELECT fingerprint, fired_at, target, rule, severity, title, resolved_at, ack_by, ack_at, ack_note FROM alert_records WHERE resolved_at IS NULL')
    .raw(true);
  const selectRecords = db
    .prepare(
      'SELECT fingerprint, fired_at, target, rule, severity, title, resolved_at, ack_by, ack_at, ack_note FROM alert_records WHERE fired_at >= ? AND fired_at <= ? ORDER BY fired_at DESC LIMIT ?',
    )
    .raw(true);
  const deleteEvents = db.prepare('DELETE FROM events WHERE ts < ?');
  const deleteSilences = db.prepare('DELETE FROM silences WHERE ends_at < ?');
  const deleteRecords = db.prepare('DELETE FROM alert_records WHERE resolved_at IS NOT NULL AND resolved_at < ?');

  const recordEvents = db.transaction((events: readonly NewFleetEvent[]) => {
    for (const e of events) insertEvent.run(e.at, e.kind, e.severity, e.targetId, e.subject, e.text, e.demo ? 1 : 0);
  });

  const queryEvents = (q: EventQuery): FleetEvent[] => {
    const { where, params } = eventWhere(q);
    const order = q.order === 'asc' ? 'ASC' : 'DESC';
    const sql = `SELECT ${EVENT_COLUMNS} FROM events${where} ORDER BY ts ${order}, id ${order} LIMIT ?`;
    const rows = db
      .prepare(sql)
      .raw(true)
      .all(...params, q.limit) as EventRow[];
    return rows.map(toEvent);
  };

  const saveSilence = (s: Silence): void =>
    void upsertSilence.run(s.id, s.matcher.targetId ?? null, s.matcher.rule ?? null, s.createdBy, s.comment, s.startsAt, s.endsAt, s.expiredAt);
  const silences = (endsAfter: number): Silence[] =>
    (selectSilences.all(endsAfter) as SilenceRow[]).map(([id, target, rule, by, comment, starts, ends, expired]) => ({
      id,
      matcher: { ...(target === null ? {} : { targetId: target }), ...(rule === null ? {} : { rule }) },
      createdBy: by,
      comment,
      startsAt: Number(starts),
      endsAt: Number(ends),
      expiredAt: expired === null ? null : Number(expired),
    }));
  const saveAlertRecord = (r: AlertRecord): void =>
    void upsertRecord.run(
      r.fingerprint,
      r.firedAt,
      r.targetId,
      r.rule,
      r.severity,
      r.title,
      r.resolvedAt,
      r.ack?.by ?? null,
      r.ack?.at ?? null,
      r.ack?.note ?? null,
    );
  const toRecord = ([fp, fired, target, rule, severity, title, resolved, ackBy, ackAt, ackNote]: RecordRow): AlertRecord => ({
    fingerprint: fp,
    firedAt: Number(fired),
    targetId: target,
    rule,
    severity: severity as Severity,
    title,
    resolvedAt: resolved === null ? null : Number(resolved),
    ack: ackBy === null ? null : { by: ackBy, at: Number(ackAt), note: ackNote ?? '' },
  });
  const openAlertRecords = (): AlertRecord[] => (selectOpenRecords.all() as RecordRow[]).map(toRecord);
  const alertRecords = (from: number, to: number, limit: number): AlertRecord[] => (selectRecords.all(from, to, limit) as RecordRow[]).map(toRecord);
  /** Rows older than the cutoff; silences and open alerts are kept while they are in force. */
  const deleteBefore = (cutoff: number): number => deleteEvents.run(cutoff).changes + deleteSilences.run(cutoff).changes + deleteRecords.run(cutoff).changes;

  return {
    recordEvents,
    queryEvents,
    eventBuckets: (q: EventBucketQuery) => eventBuckets(db, q),
    saveSilence,
    silences,
    saveAlertRecord,
    openAlertRecords,
    alertRecords,
    deleteBefore,
  };
}
