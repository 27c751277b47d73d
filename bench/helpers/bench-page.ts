import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from '@playwright/test';
import { build } from 'esbuild';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test/e2e/fixtures/chromium-args';

/**
 * Bundles a bench page (test/renderer/*-bench-page.tsx, React in production mode) into `dir` with
 * an index.html around it (`head`: extra markup, e.g. a library's CSS); answers the page's URL.
 */
export async function buildBenchPage(entry: string, dir: string, head = ''): Promise<string> {
  await build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    minify: true,
    jsx: 'automatic',
    outfile: join(dir, 'page.js'),
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  writeFileSync(join(dir, 'index.html'), `<!doctype html><meta charset="utf-8">${head}<body><div id="root"></div><script src="page.js"></script></body>`);
  return pathToFileURL(join(dir, 'index.html')).href;
}

/** Debian's Chromium, headless, as the UI benches run it. */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS],
  });
