import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chromiumPrintPdf } from '../../../electron/cli/chromium-pdf';
import { QUIET_CHROMIUM_FEATURES } from '../../../electron/cli/chromium-switches';

// How a report is handed to Chromium: the effect of the switches on real Chromium is
// test/integration/shell/chromium-args.test.ts (the same constant), real prints are in
// test/integration/report/report-pdf.test.ts.

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A stand-in `chromium` that writes its arguments beside itself and a tiny PDF where it is told to. */
function recordingChromium(): { path: string; args: () => string[] } {
  dir = mkdtempSync(join(tmpdir(), 'fleetscope-fake-chromium-'));
  const path = join(dir, 'chromium');
  const argsFile = join(dir, 'args');
  writeFileSync(
    path,
    `#!/bin/sh\nprintf '%s\\n' "$@" > '${argsFile}'\nfor a in "$@"; do case "$a" in --print-to-pdf=*) printf '%%PDF-1.4 fake' > "\${a#--print-to-pdf=}";; esac; done\n`,
  );
  chmodSync(path, 0o755);
  return { path, args: () => readFileSync(argsFile, 'utf8').trim().split('\n') };
}

describe('chromiumPrintPdf', () => {
  it("prints with the address bar's hidden pages and background networking off, and returns the PDF's bytes", async () => {
    const chromium = recordingChromium();
    const pdf = await chromiumPrintPdf(chromium.path)('<p>report</p>');
    expect(pdf.toString('latin1')).toBe('%PDF-1.4 fake');
    const args = chromium.args();
    expect(args).toContain(QUIET_CHROMIUM_FEATURES);
    expect(args).toContain('--disable-background-networking');
    expect(args).toContain('--headless');
    expect(args.at(-1)).toMatch(/^file:\/\/.*\/report\.html$/);
  });
});
