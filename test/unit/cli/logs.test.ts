import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { logsCommand } from '../../../electron/cli/logs';
import { parseLogTime } from '../../../electron/engine/access-log/log-time';
import type { AccessLogReport } from '../../../shared/model/access-log';

const dir = mkdtempSync(join(tmpdir(), 'fs-cli-logs-'));
const file = join(dir, 'atlassian-bitbucket-access.log');
const line = (time: string, labels: string, ms: number): string =>
  `10.0.0.1 | https | o*N1x1x${ms}x0 | ci | 2026-11-02 ${time} | "POST /scm/PLAT/api.git/git-upload-pack HTTP/1.1" | "" "" | 200 | 0 | 9 | ${labels} | ${ms} | s |`;
writeFileSync(file, [line('10:00:00,000', 'cache:hit, clone', 900), line('11:00:00,000', 'cache:miss, shallow, clone', 4200), 'broken'].join('\n'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await logsCommand(
    args,
    (s) => (out += s),
    (s) => (err += s),
  );
  return { code, out, err };
}

describe('fleetscope logs', () => {
  it('prints the figures as tables, slowest first', async () => {
    const r = await run([file, '--hosting-limit', '4']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('# interval start | Clone | Shallow clone | Fetch | Push | Ref advertisement');
    expect(r.out).toMatch(/Clone \| 1 \| 1 \| 0 \| 0 \| 100\.0 %/);
    expect(r.out).toMatch(/# slowest[^\n]*\n[^\n]*4\.2 s \| Shallow clone \| PLAT\/api/);
    expect(r.out).toContain('unparsable lines: 1');
  });

  it('prints JSON for scripts, limited to a time range on the log clock', async () => {
    const r = await run([file, '--json', '--from', '2026-11-02 10:30', '--to', '2026-11-02T12:00']);
    const report = JSON.parse(r.out) as AccessLogReport;
    expect(report.operations.total).toBe(1);
    expect(report.operations.byKind.shallow).toBe(1);
    expect(report.lines.outOfRange).toBe(1);
  });

  it('says what is wrong with its arguments or the path', async () => {
    await expect(run([])).rejects.toThrow(/at least one file/);
    await expect(run([file, '--interval', '7'])).rejects.toThrow(/multiple of 5/);
    expect(() => parseLogTime('next tuesday', '--from')).toThrow(/not a time/);
    const missing = await run([join(dir, 'nope.log')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/Could not read the logs: .*no such file or folder/);
  });
});
