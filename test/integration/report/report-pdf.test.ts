import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chromiumPrintPdf, findChromium } from '../../../electron/cli/chromium-pdf';
import { demoFleetConfig, startDemoFleet, type DemoFleet } from '../../../electron/demo';
import { fleetConfigSchema } from '../../../electron/engine/config/fleet-config-schema';
import { startFleetHost } from '../../../electron/host/fleet-host';
import type { FleetHost } from '../../../electron/host/host-types';
import { inkShare } from '../../helpers/png-ink';
import { pollAndWait } from '../../helpers/poll-and-wait';

let fleet: DemoFleet | undefined;
let host: FleetHost | undefined;
let dir: string | undefined;
afterEach(async () => {
  await host?.stop();
  await fleet?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
  host = fleet = dir = undefined;
});

describe('the incident report as PDF', () => {
  it('is printed by real Chromium and its first page, turned into a PNG by pdftoppm, is not blank', async () => {
    const chromium = findChromium();
    if (!chromium) throw new Error('No Chromium: run scripts/ensure-system-deps.sh (Debian chromium), or set CHROMIUM_PATH.');
    fleet = await startDemoFleet({ primaries: 1, reposPerPrimary: 10 });
    const config = fleetConfigSchema.parse(demoFleetConfig(fleet, { pollIntervalSeconds: 60 }));
    host = await startFleetHost({ config, dataDir: ':memory:', demo: fleet, engine: { publishDelayMs: 0 }, printPdf: chromiumPrintPdf(chromium) });
    await host.engine.firstPoll();
    const primary = fleet.primaries[0]!;
    const from = Date.now() - 60_000;
    await host.handlers.setDemoFault({ targetId: primary.id, fault: { kind: 'node-down', node: primary.nodes[1]!.name }, enabled: true });
    await pollAndWait(host, primary.id);
    const to = Date.now() + 1_000;

    const { html } = await host.handlers.getIncidentReport({ from, to, timeZone: 'UTC' });
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<(script|link|img|iframe)\b|\b(src|href)="/i);
    expect(html).toMatch(/node-down|down/);

    const pdf = await host.handlers.getIncidentReportPdf({ from, to, timeZone: 'UTC' });
    expect(pdf.fileName).toMatch(/\.pdf$/);
    const bytes = Buffer.from(pdf.base64, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    dir = mkdtempSync(join(tmpdir(), 'fleetscope-pdf-'));
    writeFileSync(join(dir, 'report.pdf'), bytes);
    execFileSync('pdftoppm', ['-png', '-gray', '-r', '50', '-f', '1', '-l', '1', join(dir, 'report.pdf'), join(dir, 'page')]);
    const png = readdirSync(dir).find((f) => f.endsWith('.png'));
    expect(png).toBeDefined();
    // A page of text, tables and a chart: well over 1 % of its pixels carry ink; a blank page has none.
    expect(inkShare(join(dir, png!))).toBeGreaterThan(0.01);
  });
});
