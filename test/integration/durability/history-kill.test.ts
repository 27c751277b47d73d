import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import Database from 'libsql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killWhileWriting } from './kill-while-writing';

const KILLS = 20;
let dir: string;
let child: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fs-hkill-'));
  child = join(dir, 'child.cjs');
  await build({
    entryPoints: [join(__dirname, 'history-kill-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: child,
    logLevel: 'error',
    packages: 'external',
    absWorkingDir: process.cwd(),
    nodePaths: [join(process.cwd(), 'node_modules')],
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the writer, kills it with SIGKILL after it began writing, and returns the last poll it said it committed. */
async function runAndKill(path: string, start: number, afterMs: number): Promise<number> {
  const out = await killWhileWriting(child, [path, String(start)], afterMs, { ...process.env, NODE_PATH: join(process.cwd(), 'node_modules') });
  const lines = out
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('committed '));
  return lines.length ? Number(lines.at(-1)!.slice('committed '.length)) : start;
}

describe('the history database survives SIGKILL (WAL)', () => {
  it(`after ${KILLS} kills mid-write it is intact and holds every poll reported as committed`, async () => {
    const path = join(dir, 'history.db');
    let committed = 0;
    for (let i = 0; i < KILLS; i++) {
      committed = await runAndKill(path, committed, Math.floor(Math.random() * 250));
      const db = new Database(path);
      try {
        expect(db.pragma('integrity_check', { simple: true })).toMatchObject({ integrity_check: 'ok' });
        const row = db.prepare('SELECT COUNT(*) AS n, MAX(ts) AS last FROM polls').get() as { n: number; last: number };
        // Nothing reported as committed is lost; at most the poll in flight is.
        expect(Number(row.last)).toBeGreaterThanOrEqual(committed);
        committed = Number(row.last);
      } finally {
        db.close();
      }
    }
    expect(committed).toBeGreaterThan(KILLS);
  }, 120_000);
});
