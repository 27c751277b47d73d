import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/fixtures/chromium-args';

const server = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><p>x</p>'));
beforeAll(() => new Promise<void>((r) => server.listen(0, '127.0.0.1', r)));
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** The chrome:// resources Chromium's own pages loaded while `pages` tabs each loaded a local page. */
async function chromeResourcesLoaded(args: readonly string[], pages: number): Promise<string[]> {
  const { port } = server.address() as AddressInfo;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...args] });
  const urls: string[] = [];
  try {
    for (let i = 0; i < pages; i++) {
      const page = await browser.newPage();
      await browser.startTracing(page, { categories: ['devtools.timeline'] });
      await page.goto(`http://127.0.0.1:${port}/?${i}`);
      await page.waitForTimeout(1500);
      const { traceEvents } = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: { name: string; args?: { data?: { url?: string } } }[] };
      for (const e of traceEvents) if (e.name === 'ResourceSendRequest' && e.args?.data?.url?.startsWith('chrome')) urls.push(e.args.data.url);
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return urls;
}

describe('the switches tests and benches start Chromium with (test/e2e/fixtures/chromium-args.ts)', () => {
  // With Chromium 156's defaults, 5 of 8 and 6 of 6 such page loads were followed by ≈ 400
  // chrome://omnibox-popup.top-chrome resources (1.3–1.9 s of Chromium's CPU a page).
  it("keep Chromium from building its address bar's hidden WebUI popups after a page loads", { timeout: 60_000 }, async () => {
    expect(await chromeResourcesLoaded(CHROMIUM_ARGS, 4)).toEqual([]);
  });
});
