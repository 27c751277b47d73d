import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PrintPdf } from '../engine/report/report-handlers';
import { QUIET_CHROMIUM_SWITCHES } from './chromium-switches';

/** How long one print may take before it counts as failed: a report is a page or a few. */
const PRINT_TIMEOUT_MS = 60_000;
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Chromium for print-to-PDF: CHROMIUM_PATH when set, else Debian's (or Chrome's) usual place; null when there is none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const wanted = env['CHROMIUM_PATH'];
  const executable = (p: string): boolean => {
    try {
      accessSync(p, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (wanted) return executable(wanted) ? wanted : null;
  return CANDIDATES.find(executable) ?? null;
}

/**
 * Chromium's own print-to-PDF, headless, on the report written to a private temporary folder
 * (with a throw-away profile, so it never touches the user's). Root cannot run Chromium's sandbox.
 */
export function chromiumPrintPdf(chromium: string): PrintPdf {
  return async (html) => {
    const dir = mkdtempSync(join(tmpdir(), 'fleetscope-report-'));
    try {
      const page = join(dir, 'report.html');
      const out = join(dir, 'report.pdf');
      writeFileSync(page, html);
      const args = [
        '--headless',
        '--disable-gpu',
        '--no-first-run',
        '--disable-extensions',
        ...QUIET_CHROMIUM_SWITCHES,
        `--user-data-dir=${join(dir, 'profile')}`,
        '--no-pdf-header-footer',
        `--print-to-pdf=${out}`,
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        pathToFileURL(page).href,
      ];
      await new Promise<void>((resolve, reject) => {
        execFile(chromium, args, { timeout: PRINT_TIMEOUT_MS }, (err, _stdout, stderr) => {
          if (err)
            reject(
              new Error(
                `Chromium (${chromium}) could not print the report: ${err.message.split('\n')[0]}${stderr ? ` — ${stderr.trim().split('\n').at(-1)}` : ''}`,
              ),
            );
          else resolve();
        });
      });
      return readFileSync(out);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
