import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeConfigFile } from '../../../electron/engine/config/write-config';
import { killWhileWriting } from './kill-while-writing';

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

describe('settings survive SIGKILL mid-write', () => {
  it(`after ${KILLS} kills at random instants the file is always a whole old or new config, mode 0600`, async () => {
    const path = join(dir, 'fleet.yaml');
    await writeConfigFile(path, { pollIntervalSeconds: 15, primaries: [] });
    const seen = new Set<string>();
    for (let i = 0; i < KILLS; i++) {
      await killWhileWriting(child, [path, 'old', 'new'], Math.floor(Math.random() * 150));
      const doc = parse(readFileSync(path, 'utf8')) as { primaries: Array<{ name: string }> };
      expect(doc.primaries.length === 0 || doc.primaries.length === 200).toBe(true);
      const marks = new Set(doc.primaries.map((p) => p.name.split(' ')[0]));
      expect(marks.size).toBeLessThanOrEqual(1);
      seen.add([...marks][0] ?? 'empty');
    }
    expect(statSync(path).mode & 0o777).toBe(0o600);
    // The kills landed while both versions were being written.
    expect(seen.has('old') && seen.has('new')).toBe(true);
    // A time-out for a stuck child only: each kill waits for Node to start, which a loaded machine slows.
  }, 300_000);

  it('refuses to write a secret as a value', async () => {
    await expect(writeConfigFile(join(dir, 'x.yaml'), { primaries: [{ read: { token: 'hunter2' } }] })).rejects.toThrow(/primaries\.0\.read\.token must be/);
    await expect(writeConfigFile(join(dir, 'y.yaml'), { primaries: [{ admin: { username: 'a', password: '${vault:prod.admin}' } }] })).resolves.toBeUndefined();
  });
});
