import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import Database from 'libsql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

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

/** Runs the writer, kills it with SIGKILL after `afterMs`, and returns the last poll it said it committed. */
const runAndKill = (path: string, start: number, afterMs: number): Promise<number> =>
  new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [child, path, String(start)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_PATH: join(process.cwd(), 'node_modules') },
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => p.kill('SIGKILL'), afterMs);
    p.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') return reject(new Error(`the writer exited by itself (${code}): ${err}`));
      const lines = out
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('committed '));
      resolve(lines.length ? Number(lines.at(-1)!.slice('committed '.length)) : start);
    });
  });

describe('the history database survives SIGKILL (WAL)', () => {
  it(`after ${KILLS} kills mid-write it is intact and holds every poll reported as committed`, async () => {
    const path = join(dir, 'history.db');
    let committed = 0;
    for (let i = 0; i < KILLS; i++) {
      committed = await runAndKill(path, committed, 150 + Math.floor(Math.random() * 250));
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
