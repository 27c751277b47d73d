// Screenshots of a team collector's client: the banner (live, then lost) and Settings' choice of
// where the fleet comes from, light and dark, 1400 and 900 px wide.
// Usage: npx tsx scripts/screenshot-collector.ts [out-dir]
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { serve } from '../test/e2e/fixtures/serve';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/e2e/fixtures/chromium-args';

const outDir = process.argv[2] ?? 'docs/screenshots';
mkdirSync(outDir, { recursive: true });
const viewer = randomBytes(24).toString('base64url');
const collector = await serve(['--demo', '--poll-interval', '2'], { FLEETSCOPE_VIEWER_TOKENS: `grafana=${viewer}` });
const client = await serve(['--collector', collector.url], { FLEETSCOPE_COLLECTOR_TOKEN: viewer });
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: [...CHROMIUM_ARGS],
});

const shoot = async (page: Page, name: string): Promise<void> => {
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    for (const width of [1400, 900]) {
      await page.setViewportSize({ width, height: 800 });
      await page.waitForTimeout(300);
      const path = join(outDir, `${name}-${theme}-${width}.png`);
      await page.screenshot({ path });
      console.log(`wrote ${path}`);
    }
  }
};

try {
  const page = await browser.newPage();
  await page.goto(`${client.url}#token=${client.token}`);
  await page.locator('[data-testid="primary-card"][data-status="up"]').first().waitFor({ timeout: 20_000 });
  await page.locator('[data-testid="collector-banner"][data-state="live"]').waitFor();
  await shoot(page, 'collector-banner');

  // The desktop's Settings, which can switch where the fleet comes from (browser mode's cannot):
  // a stand-in for the preload's window.fleet that carries each request to the client over HTTP
  // and answers getHostLink as the desktop host would. Pushed events are left out.
  const desktop = await browser.newPage();
  // A string, not a function: tsx would wrap a function's inner names in a helper the page lacks.
  await desktop.addInitScript(`{
    const token = ${JSON.stringify(client.token)};
    const call = async (name, args) => {
      const snapshot = name === 'getSnapshot';
      const res = await fetch(snapshot ? '/api/snapshot' : '/api/' + name, {
        method: snapshot ? 'GET' : 'POST',
        headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json' },
        body: snapshot ? undefined : JSON.stringify(args ?? {}),
      });
      const body = await res.json();
      if (!res.ok) return { ok: false, error: body.error };
      return { ok: true, value: name === 'getHostLink' ? { ...body, switchable: true } : body };
    };
    const events = { on: () => () => undefined };
    window.fleet = new Proxy(events, { get: (target, key) => (key in target ? target[key] : (args) => call(String(key), args)) });
  }`);
  desktop.on('console', (m) => m.type() === 'error' && console.error(`page: ${m.text()}`));
  await desktop.goto(client.url);
  await desktop.getByTestId('nav-settings').click();
  await desktop.getByTestId('collector-form').waitFor({ timeout: 20_000 });
  await shoot(desktop, 'collector-settings');
  await desktop.getByTestId('source-local').click();
  await shoot(desktop, 'collector-settings-leave');
  await desktop.close();

  await collector.stop();
  await page.locator('[data-testid="collector-banner"][data-state="reconnecting"]').waitFor({ timeout: 15_000 });
  await shoot(page, 'collector-lost');
} finally {
  await browser.close();
  await client.stop();
  await collector.stop();
}
