import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeConfigFile } from '../../../electron/engine/config/write-config';

const KILLS = 100;
let dir: string;
let child: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fs-kill-'));
  child = join(dir, 'child.cjs');
  // Bundled once, so each of the many child processes starts in tens of milliseconds.
  await build({ entryPoints: [join(__dirname, 'config-kill-child.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: child, logLevel: 'error' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const runAndKill = (path: string, afterMs: number): Promise<void> =>
  new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [child, path, 'old', 'new'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => p.kill('SIGKILL'), afterMs);
    p.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`the writer exited by itself (${code}): ${err}`));
    });
  });

describe('settings survive SIGKILL mid-write', () => {
  it(`after ${KILLS} kills at random instants the file is always a whole old or new config, mode 0600`, async () => {
    const path = join(dir, 'fleet.yaml');
    await writeConfigFile(path, { pollIntervalSeconds: 15, primaries: [] });
    const seen = new Set<string>();
    for (let i = 0; i < KILLS; i++) {
      await runAndKill(path, 50 + Math.floor(Math.random() * 300));
      const doc = parse(readFileSync(path, 'utf8')) as { primaries: Array<{ name: string }> };
      expect(doc.primaries.length === 0 || doc.primaries.length === 200).toBe(true);
      const marks = new Set(doc.primaries.map((p) => p.name.split(' ')[0]));
      expect(marks.size).toBeLessThanOrEqual(1);
      seen.add([...marks][0] ?? 'empty');
    }
    expect(statSync(path).mode & 0o777).toBe(0o600);
    // The kills landed while both versions were being written.
    expect(seen.has('old') && seen.has('new')).toBe(true);
  }, 120_000);

  it('refuses to write a secret as a value', async () => {
    await expect(writeConfigFile(join(dir, 'x.yaml'), { primaries: [{ read: { token: 'hunter2' } }] })).rejects.toThrow(/primaries\.0\.read\.token must be/);
    await expect(writeConfigFile(join(dir, 'y.yaml'), { primaries: [{ admin: { username: 'a', password: '${vault:prod.admin}' } }] })).resolves.toBeUndefined();
  });
});
