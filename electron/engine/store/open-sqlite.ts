import { chmodSync, closeSync, existsSync, mkdirSync, openSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'libsql';

type Db = InstanceType<typeof Database>;

export interface OpenSqliteOptions {
  /** File path, or ':memory:'. */
  path: string;
  /** Creates the schema and sets the pragmas; runs on the file as found and again on a fresh one. */
  init: (db: Db) => void;
  /** What the file holds, for the notice: `history`, `audit log`. */
  what: string;
  /** Told once when a damaged file was moved aside; the message names both files. */
  notice?: (message: string) => void;
  now?: () => number;
}

/** SQLite's codes for a file that is not, or no longer, a database. */
const DAMAGE_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

export function isDamageError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && DAMAGE_CODES.has(code.split('_').slice(0, 2).join('_'));
}

/**
 * Opens a data file of Fleetscope's, owner-only (0600; the folder 0700 when created here). A file
 * that is not a database, or fails SQLite's quick check, is moved aside as
 * `<name>.corrupt-<time>` (with its -wal and -shm) and a fresh one started, so damaged data never
 * stops the app and is never discarded silently: `notice` says where it went.
 */
export function openSqlite(opts: OpenSqliteOptions): Db {
  if (opts.path === ':memory:') {
    const db = new Database(':memory:');
    opts.init(db);
    return db;
  }
  mkdirSync(dirname(opts.path), { recursive: true, mode: 0o700 });
  try {
    return openChecked(opts.path, opts.init);
  } catch (err) {
    if (!isDamageError(err)) throw err;
    const movedTo = moveAside(opts.path, opts.now?.() ?? Date.now());
    opts.notice?.(
      `The ${opts.what} file ${opts.path} was damaged (${(err as Error).message}); it was moved to ${movedTo} and a fresh one started. ` +
        `Keep the moved file if you need what it held; otherwise delete it.`,
    );
    return openChecked(opts.path, opts.init);
  }
}

function openChecked(path: string, init: (db: Db) => void): Db {
  // Created owner-only before SQLite sees it: SQLite gives its -wal and -shm the same mode.
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
  const db = new Database(path);
  try {
    init(db);
    const rows = db.pragma('quick_check(1)') as Array<{ quick_check?: unknown }>;
    const first = rows[0]?.quick_check;
    const verdict = typeof first === 'string' ? first : 'ok';
    if (verdict !== 'ok') throw Object.assign(new Error(`quick check: ${verdict.replace(/\s+/g, ' ').slice(0, 200)}`), { code: 'SQLITE_CORRUPT' });
  } catch (err) {
    db.close();
    throw err;
  }
  for (const side of ['-wal', '-shm']) if (existsSync(path + side)) chmodSync(path + side, 0o600);
  return db;
}

/** Renames the file and its WAL companions; returns the new name of the main file. */
export function moveAside(path: string, at: number): string {
  const stamp = new Date(at).toISOString().replace(/[:.]/g, '-');
  const target = `${path}.corrupt-${stamp}`;
  for (const side of ['', '-wal', '-shm']) if (existsSync(path + side)) renameSync(path + side, target + side);
  return target;
}
