import { randomUUID } from 'node:crypto';
import type { AuditEntry } from '../../../shared/model';
import { isDamageError, moveAside, openSqlite } from '../store/open-sqlite';

export type AuditStart = Pick<AuditEntry, 'action' | 'actor' | 'credential' | 'targetId' | 'target' | 'summary'>;

/**
 * The audit log of admin actions, in its own SQLite file with synchronous=FULL: an entry that was
 * written survives even a power cut. Each action is written as `started` before its request
 * leaves, and completed after the answer. An entry still `started` when the log is opened was cut
 * short (Fleetscope was killed mid-action): it becomes `interrupted`, since whether Bitbucket
 * applied it is unknown.
 */
export interface AuditLog {
  begin(entry: AuditStart, at: number): AuditEntry;
  finish(id: string, outcome: 'succeeded' | 'failed', detail: string | null, at: number): AuditEntry;
  /** Newest first. */
  list(opts: { limit: number; targetId?: string | undefined }): AuditEntry[];
  close(): void;
}

type Row = [string, string, string, string | null, string, string, string, string, string | null, number, number | null];

const COLUMNS = 'id, action, actor, credential, target_id, target, summary, outcome, detail, started_at, finished_at';

export interface AuditLogOptions {
  /** Told once when a damaged file was moved aside, naming where it went. */
  notice?: (message: string) => void;
  now?: () => number;
  /**
   * A reader beside a running Fleetscope (`fleetscope report`): its actions still `started` are in
   * flight, not cut short, so they are left as they are.
   */
  reader?: boolean;
}

export const INTERRUPTED_DETAIL =
  'Fleetscope stopped before Bitbucket answered; whether the action took effect is unknown. Check the target before repeating it.';

export function openAuditLog(path: string, opts: AuditLogOptions = {}): AuditLog {
  const open = () => {
    const db = openSqlite({
      path,
      what: 'audit log',
      ...(opts.notice ? { notice: opts.notice } : {}),
      ...(opts.now ? { now: opts.now } : {}),
      init: (d) => {
        d.pragma('journal_mode = WAL');
        d.pragma('synchronous = FULL');
        d.pragma('busy_timeout = 2000');
        // One commit for the schema: with synchronous = FULL each statement alone waits for a disk sync.
        d.exec(`BEGIN;
    CREATE TABLE IF NOT EXISTS audit (id TEXT PRIMARY KEY, action TEXT NOT NULL, actor TEXT NOT NULL, credential TEXT,
    target_id TEXT NOT NULL, target TEXT NOT NULL, summary TEXT NOT NULL, outcome TEXT NOT NULL, detail TEXT,
    started_at INTEGER NOT NULL, finished_at INTEGER);
    CREATE INDEX IF NOT EXISTS audit_by_time ON audit (started_at);
    COMMIT;`);
      },
    });
    return {
      db,
      insert: db.prepare(`INSERT INTO audit (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, 'started', NULL, ?, NULL)`),
      update: db.prepare('UPDATE audit SET outcome = ?, detail = ?, finished_at = ? WHERE id = ?'),
      byId: db.prepare(`SELECT ${COLUMNS} FROM audit WHERE id = ?`).raw(true),
      newest: db.prepare(`SELECT ${COLUMNS} FROM audit ORDER BY started_at DESC, rowid DESC LIMIT ?`).raw(true),
      newestFor: db.prepare(`SELECT ${COLUMNS} FROM audit WHERE target_id = ? ORDER BY started_at DESC, rowid DESC LIMIT ?`).raw(true),
    };
  };
  let s = open();
  if (!opts.reader) s.db.prepare("UPDATE audit SET outcome = 'interrupted', detail = ? WHERE outcome = 'started'").run(INTERRUPTED_DETAIL);
  // Actions begun and not yet finished: after damage moves the file aside, they are written again
  // to the fresh one, so their outcome is still recorded.
  const inFlight = new Map<string, { e: AuditStart; at: number }>();

  /**
   * Damage found while running: the file is moved aside (never deleted; the message says where
   * it went), a fresh log started, and the call tried once more there.
   */
  const guarded = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      if (!isDamageError(err) || path === ':memory:') throw err;
      try {
        s.db.close();
      } catch {
        // The damaged handle may refuse to close cleanly; the file is renamed either way.
      }
      const movedTo = moveAside(path, (opts.now ?? Date.now)());
      opts.notice?.(
        `The audit log ${path} was damaged (${(err as Error).message}); it was moved to ${movedTo} (keep it: it holds the audit trail so far) and a fresh log started.`,
      );
      s = open();
      for (const [id, { e, at }] of inFlight) s.insert.run(id, e.action, e.actor, e.credential, e.targetId, e.target, e.summary, at);
      return fn();
    }
  };

  const read = (id: string): AuditEntry => {
    const row = s.byId.get(id) as Row | undefined;
    if (!row) throw new Error(`No audit entry ${id}`);
    return toEntry(row);
  };

  return {
    begin: (e, at) => {
      const id = randomUUID();
      return guarded(() => {
        s.insert.run(id, e.action, e.actor, e.credential, e.targetId, e.target, e.summary, at);
        inFlight.set(id, { e, at });
        return read(id);
      });
    },
    finish: (id, outcome, detail, at) =>
      guarded(() => {
        s.update.run(outcome, detail, at, id);
        const entry = read(id);
        inFlight.delete(id);
        return entry;
      }),
    list: ({ limit, targetId }) => guarded(() => ((targetId ? s.newestFor.all(targetId, limit) : s.newest.all(limit)) as Row[]).map(toEntry)),
    close: () => s.db.close(),
  };
}

function toEntry([id, action, actor, credential, targetId, target, summary, outcome, detail, startedAt, finishedAt]: Row): AuditEntry {
  return {
    id,
    action,
    actor,
    credential,
    targetId,
    target,
    summary,
    outcome: outcome as AuditEntry['outcome'],
    detail,
    startedAt: Number(startedAt),
    finishedAt: finishedAt === null ? null : Number(finishedAt),
  };
}
