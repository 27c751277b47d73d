import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chromiumPrintPdf, findChromium } from '../../../electron/cli/chromium-pdf';
import { createPdfPrinter, PDF_OPTIONS, type WindowConstructor } from '../../../electron/main/report-pdf';
import { incidentReportHtml } from '../../../shared/logic/report/incident-html';
import { fakeSafeStorage } from '../../helpers/fake-safe-storage';
import { StandInElectron } from './stand-in-electron';

let home: string | undefined;
afterEach(() => {
  if (home) rmSync(home, { recursive: true, force: true });
  home = undefined;
});

const fromDataUrl = (url: string): string => Buffer.from(url.slice(url.indexOf(',') + 1), 'base64').toString('utf8');

/** The stand-in Electron, whose webContents print the page they loaded with real Chromium. */
function standIn(printed: Array<{ html: string; options: unknown }>, fail = false): StandInElectron {
  const chromium = findChromium();
  if (!chromium) throw new Error('No Chromium: run scripts/ensure-system-deps.sh (Debian chromium), or set CHROMIUM_PATH.');
  home = mkdtempSync(join(tmpdir(), 'fleetscope-shell-pdf-'));
  return new StandInElectron({
    appData: home,
    safeStorage: fakeSafeStorage(),
    pages: {
      load: async () => undefined,
      close: async () => undefined,
      print: async (url, options) => {
        const html = fromDataUrl(url);
        printed.push({ html, options });
        if (fail) throw new Error('printing failed');
        return chromiumPrintPdf(chromium)(html);
      },
    },
  });
}

const report = incidentReportHtml({
  from: Date.UTC(2026, 0, 15, 13),
  to: Date.UTC(2026, 0, 15, 14),
  generatedAt: Date.UTC(2026, 0, 15, 14, 5),
  generatedBy: 'alice (desktop)',
  events: [
    {
      id: 1,
      at: Date.UTC(2026, 0, 15, 13, 5),
      kind: 'status',
      severity: 'critical',
      targetId: 'prod',
      subject: 'node-2',
      text: 'node-2 of Production: up → down <script>x</script>',
      demo: false,
    },
  ],
  eventsTruncated: false,
  alerts: [],
  audit: [],
  charts: [],
  timeZone: 'UTC',
});

describe('the desktop prints the incident report with printToPDF', () => {
  it('in a hidden, sandboxed window without JavaScript, which is destroyed after', async () => {
    const printed: Array<{ html: string; options: unknown }> = [];
    const electron = standIn(printed);
    const print = createPdfPrinter(electron.module['BrowserWindow'] as unknown as WindowConstructor);
    const pdf = await print(report);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(printed).toEqual([{ html: report, options: PDF_OPTIONS }]);
    const [win] = electron.windows;
    expect(win!.options).toMatchObject({ show: false, webPreferences: { sandbox: true, contextIsolation: true, javascript: false } });
    expect(win!.isDestroyed()).toBe(true);
    expect(electron.calls.filter((c) => /^(new BrowserWindow|win\.loadURL|webContents\.printToPDF|win\.destroy)/.test(c)).map((c) => c.split(' ')[0])).toEqual([
      'new',
      'win.loadURL',
      'webContents.printToPDF',
      'win.destroy',
    ]);
  });

  it('destroys the window when printing fails, and says so', async () => {
    const electron = standIn([], true);
    const print = createPdfPrinter(electron.module['BrowserWindow'] as unknown as WindowConstructor);
    await expect(print(report)).rejects.toThrow('printing failed');
    expect(electron.windows[0]!.isDestroyed()).toBe(true);
  });
});
