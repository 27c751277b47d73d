import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Report {
  exitCode: number;
  findings: Array<{ targetId: string; rule: string; severity: string; text: string }>;
}

let demo: ChildProcess;
let controlUrl: string;
let configFile: string;
let primaryId: string;
let dir: string;

/** `fleetscope check --json` once, as cron would run it. */
function check(): Promise<{ code: number | null; report: Report; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/index.ts', 'check', '--config', configFile, '--json'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, report: JSON.parse(stdout) as Report, stderr })));
}

async function fault(body: object): Promise<void> {
  const res = await fetch(`${controlUrl}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fs-check-'));
  demo = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/index.ts', 'demo'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let yamlText = '';
  let err = '';
  await new Promise<void>((resolve) => {
    const ready = (): void => {
      if (/admin:[\s\S]*password/.test(yamlText) && /control API (http:\S+)\)/.test(err)) resolve();
    };
    demo.stdout!.on('data', (d: Buffer) => ((yamlText += d.toString()), ready()));
    demo.stderr!.on('data', (d: Buffer) => ((err += d.toString()), ready()));
  });
  controlUrl = /control API (http:\S+)\)/.exec(err)![1]!;
  configFile = join(dir, 'fleet.yaml');
  writeFileSync(configFile, yamlText);
  primaryId = (parse(yamlText) as { primaries: Array<{ id: string }> }).primaries[0]!.id;
}, 60_000);

afterAll(() => {
  demo.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

describe('fleetscope check judges everything the UI judges, on a single invocation', () => {
  it('a healthy demo fleet exits 0', async () => {
    const { code, report } = await check();
    expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(code).toBe(0);
  }, 90_000);

  it('with the cache disk full it exits 2 and names the cache finding', async () => {
    await fault({ targetId: primaryId, fault: { kind: 'cache-disk-full' }, enabled: true });
    try {
      const { code, report } = await check();
      expect(code).toBe(2);
      expect(report.findings).toContainEqual(
        expect.objectContaining({
          targetId: primaryId,
          rule: 'cache-disk-guard',
          severity: 'critical',
          text: expect.stringMatching(/switched itself off|disk/i),
        }),
      );
    } finally {
      await fault({ targetId: primaryId, fault: { kind: 'cache-disk-full' }, enabled: false });
    }
  }, 90_000);

  it('with a brick down it reports the confirmed storage finding (warning or critical as the rule says), not "could not check"', async () => {
    await fault({
      targetId: 'gluster-demo',
      fault: { kind: 'gluster-brick-down', volume: 'bbshared', brick: 'gluster2:/data/glusterfs/bbshared/brick1' },
      enabled: true,
    });
    try {
      const { code, report } = await check();
      const brick = report.findings.find((f) => f.targetId === 'gluster-demo' && f.rule.startsWith('brick-down'));
      expect(brick).toBeDefined();
      expect(code).toBe(brick!.severity === 'critical' ? 2 : 1);
    } finally {
      await fault({
        targetId: 'gluster-demo',
        fault: { kind: 'gluster-brick-down', volume: 'bbshared', brick: 'gluster2:/data/glusterfs/bbshared/brick1' },
        enabled: false,
      });
    }
  }, 90_000);
});
