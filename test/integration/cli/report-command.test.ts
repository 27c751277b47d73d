import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { reportCommand } from '../../../electron/cli/report-command';
import { demoFleetConfig, demoFleetConfigYaml, startDemoFleet, type DemoFleet } from '../../../electron/demo';
import { fleetConfigSchema } from '../../../electron/engine/config/fleet-config-schema';
import { startFleetHost } from '../../../electron/host/fleet-host';
import { inkShare } from '../../helpers/png-ink';
import { pollAndWait } from '../../helpers/poll-and-wait';

let fleet: DemoFleet | undefined;
let dir: string | undefined;
afterEach(async () => {
  await fleet?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
  fleet = dir = undefined;
});

describe('fleetscope report', () => {
  it('prints the PDF of a range from the history a Fleetscope kept, through headless Chromium', async () => {
    fleet = await startDemoFleet({ primaries: 1, reposPerPrimary: 10 });
    dir = mkdtempSync(join(tmpdir(), 'fleetscope-report-cli-'));
    const dataDir = join(dir, 'data');
    const host = await startFleetHost({
      config: fleetConfigSchema.parse(demoFleetConfig(fleet, { pollIntervalSeconds: 60 })),
      dataDir,
      demo: fleet,
      engine: { publishDelayMs: 0 },
    });
    const p = fleet.primaries[0]!;
    try {
      await host.engine.firstPoll();
      await host.handlers.setDemoFault({ targetId: p.id, fault: { kind: 'node-down', node: p.nodes[1]!.name }, enabled: true });
      await pollAndWait(host, p.id);
    } finally {
      await host.stop();
    }
    const configPath = join(dir, 'fleet.yaml');
    writeFileSync(configPath, demoFleetConfigYaml(fleet));
    const out = join(dir, 'report.pdf');
    const said: string[] = [];
    const code = await reportCommand(['--config', configPath, '--data-dir', dataDir, '--from', '-1h', '--out', out], process.env, (s) => said.push(s));
    expect(code).toBe(0);
    expect(said.join('')).toMatch(/^Wrote .*report\.pdf: \d+ events, \d+ alerts, 0 admin actions, [1-9]\d* charts\.\n$/);
    expect(readFileSync(out).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    execFileSync('pdftoppm', ['-png', '-r', '40', '-f', '1', '-l', '1', out, join(dir, 'page')]);
    expect(inkShare(join(dir, 'page-1.png'))).toBeGreaterThan(0.01);
  });

  it('says which data dir it needs when there is no history there', async () => {
    dir = mkdtempSync(join(tmpdir(), 'fleetscope-report-cli-'));
    await expect(reportCommand(['--data-dir', dir, '--from', '-1h', '--out', join(dir, 'r.html')], process.env, () => undefined)).rejects.toThrow(
      /No history in .*: give the --data-dir that Fleetscope keeps its history in/,
    );
  });
});
