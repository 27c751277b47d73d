import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INTERRUPTED_DETAIL, openAuditLog } from '../../../../electron/engine/audit/audit-log';
import { openHistoryStore } from '../../../../electron/engine/store/history-store';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fs-data-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const mode = (p: string): number => statSync(p).mode & 0o777;
const AT = Date.UTC(2025, 0, 2, 3, 4, 5);

/** Overwrites a run of pages in the middle of a database file, as a disk error or a stray write would. */
function damagePages(path: string): void {
  const buf = readFileSync(path);
  for (let i = 4096 * 3; i < Math.min(buf.length - 4096, 4096 * 40); i++) buf[i] = 0x5a;
  writeFileSync(path, buf);
}

function fillHistory(path: string, polls: number, startAt = AT): void {
  const store = openHistoryStore({ path });
  for (let i = 0; i < polls; i++) {
    store.recordPoll({
      targetId: `t${i % 5}`,
      at: startAt + i * 5000,
      status: 'up',
      durationMs: 12,
      error: null,
      figures: { 'a.b': i, 'c.d': i * 2, 'e.f': 3 },
    });
  }
  store.close();
}

describe('data files', () => {
  it('history.db and audit.db are created owner-only (0600), with their WAL companions', () => {
    const store = openHistoryStore({ path: join(dir, 'history.db') });
    store.recordPoll({ targetId: 'p', at: AT, status: 'up', durationMs: 1, error: null, figures: { x: 1 } });
    const audit = openAuditLog(join(dir, 'audit.db'));
    audit.begin({ action: 'clearCache', actor: 'a', credential: null, targetId: 'p', target: 'P', summary: 's' }, AT);
    for (const f of readdirSync(dir)) expect([f, mode(join(dir, f))]).toEqual([f, 0o600]);
    expect(readdirSync(dir).sort()).toEqual(expect.arrayContaining(['audit.db', 'history.db', 'history.db-wal']));
    store.close();
    audit.close();
  });

  it('a history.db that is not a database is moved aside as history.db.corrupt-<time>, a fresh one starts, and the user is told once, naming both files', () => {
    const path = join(dir, 'history.db');
    writeFileSync(path, 'definitely not SQLite '.repeat(500));
    const notices: string[] = [];
    const store = openHistoryStore({ path, notice: (m) => notices.push(m), now: () => AT });
    store.recordPoll({ targetId: 'p', at: AT, status: 'up', durationMs: 1, error: null, figures: { x: 1 } });
    expect(store.series('p', 'x', 0, AT + 1)).toEqual([[AT, 1]]);
    store.close();
    const moved = `${path}.corrupt-2025-01-02T03-04-05-000Z`;
    expect(readFileSync(moved, 'utf8')).toContain('definitely not SQLite');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(path);
    expect(notices[0]).toContain(moved);
    expect(notices[0]).toMatch(/file is not a database/);
  });

  it('partial corruption found at start (quick check) is moved aside as well, instead of answering history calls with errors', () => {
    const path = join(dir, 'history.db');
    fillHistory(path, 4000);
    damagePages(path);
    const notices: string[] = [];
    const store = openHistoryStore({ path, notice: (m) => notices.push(m), now: () => AT });
    expect(store.series('t1', 'a.b', 0, Number.MAX_SAFE_INTEGER)).toEqual([]);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/history file .*history\.db was damaged/);
    expect(readdirSync(dir).some((f) => f.startsWith('history.db.corrupt-'))).toBe(true);
    store.close();
  });

  it('a damaged audit.db is never discarded silently: it is moved aside and the message says where it went', () => {
    const path = join(dir, 'audit.db');
    writeFileSync(path, 'garbage '.repeat(1000));
    const notices: string[] = [];
    const audit = openAuditLog(path, { notice: (m) => notices.push(m), now: () => AT });
    expect(audit.list({ limit: 10 })).toEqual([]);
    audit.close();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(`${path}.corrupt-2025-01-02T03-04-05-000Z`);
    expect(readFileSync(`${path}.corrupt-2025-01-02T03-04-05-000Z`, 'utf8')).toContain('garbage');
  });

  it('audit.db damaged while an action runs: moved aside, the user told where, and the action still gets its outcome in the fresh log', () => {
    const path = join(dir, 'audit.db');
    const notices: string[] = [];
    const audit = openAuditLog(path, { notice: (m) => notices.push(m), now: () => AT });
    const started = audit.begin({ action: 'clearCache', actor: 'a', credential: null, targetId: 'p', target: 'P', summary: 's' }, AT);
    writeFileSync(path, Buffer.alloc(128 * 1024, 'overwritten '));
    for (const side of ['-wal', '-shm']) if (existsSync(path + side)) writeFileSync(path + side, Buffer.alloc(32 * 1024, 0x5a));
    // Whichever call meets the damage first (here a read of the log), the action in flight is carried into the fresh log.
    expect(audit.list({ limit: 10 }).map((e) => [e.id, e.outcome])).toEqual([[started.id, 'started']]);
    expect(audit.finish(started.id, 'succeeded', null, AT + 5)).toMatchObject({ id: started.id, outcome: 'succeeded', finishedAt: AT + 5 });
    expect(audit.list({ limit: 10 }).map((e) => [e.id, e.outcome])).toEqual([[started.id, 'succeeded']]);
    audit.close();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(path);
    expect(notices[0]).toContain(`${path}.corrupt-2025-01-02T03-04-05-000Z`);
  });

  it('an action left `started` (the process was killed mid-action) is `interrupted` at the next start, with a detail that says what to check', () => {
    const path = join(dir, 'audit.db');
    const first = openAuditLog(path);
    const done = first.begin({ action: 'setCacheTtl', actor: 'a', credential: 'svc', targetId: 'p', target: 'P', summary: 'TTL' }, AT);
    first.finish(done.id, 'succeeded', null, AT + 1);
    const cut = first.begin({ action: 'clearCache', actor: 'a', credential: 'svc', targetId: 'p', target: 'P', summary: 'Clear' }, AT + 2);
    first.close(); // as SIGKILL leaves it: no finish
    const next = openAuditLog(path);
    const entries = next.list({ limit: 10 });
    expect(entries.find((e) => e.id === cut.id)).toMatchObject({ outcome: 'interrupted', detail: INTERRUPTED_DETAIL, finishedAt: null });
    expect(entries.find((e) => e.id === done.id)).toMatchObject({ outcome: 'succeeded' });
    next.close();
  });
});

describe('history bounds', () => {
  it('prunes by age: rows older than the retention go, newer ones stay', () => {
    const path = join(dir, 'history.db');
    const day = 86_400_000;
    const store = openHistoryStore({ path, retentionDays: 2 });
    for (const at of [AT, AT + day, AT + 3 * day]) store.recordPoll({ targetId: 'p', at, status: 'up', durationMs: 1, error: null, figures: { x: at } });
    expect(store.prune(AT + 4 * day).deleted).toBe(4);
    expect(store.series('p', 'x', 0, AT + 5 * day)).toEqual([[AT + 3 * day, AT + 3 * day]]);
    store.close();
  });

  it('prunes by size, and incremental vacuum gives the pages back to the file system', () => {
    const path = join(dir, 'history.db');
    fillHistory(path, 8000);
    const before = statSync(path).size;
    const store = openHistoryStore({ path, retentionDays: 3650, maxSizeMB: 1000 });
    expect(store.sizeBytes()).toBeGreaterThan(0);
    const bigLimit = store.prune(AT + 8000 * 5000);
    expect(bigLimit.deleted).toBe(0);
    store.setLimits({ retentionDays: 3650, maxSizeMB: 0.25 });
    const result = store.prune(AT + 8000 * 5000);
    expect(result.deleted).toBeGreaterThan(0);
    expect(result.bytes).toBeLessThanOrEqual(0.25 * 1024 * 1024);
    store.close();
    expect(statSync(path).size).toBeLessThan(before / 2);
    const raw = new Database(path);
    expect((raw.pragma('auto_vacuum') as Array<{ auto_vacuum: number }>)[0]!.auto_vacuum).toBe(2);
    raw.close();
  });

  it('a file made before incremental vacuum is switched to it when opened', () => {
    const path = join(dir, 'history.db');
    const raw = new Database(path);
    raw.exec('CREATE TABLE samples (target TEXT NOT NULL, metric TEXT NOT NULL, ts INTEGER NOT NULL, value REAL NOT NULL)');
    raw.close();
    openHistoryStore({ path }).close();
    const again = new Database(path);
    expect((again.pragma('auto_vacuum') as Array<{ auto_vacuum: number }>)[0]!.auto_vacuum).toBe(2);
    again.close();
    expect(existsSync(path)).toBe(true);
  });
});
