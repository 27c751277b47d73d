// The alert list with muted alerts (acknowledged, silenced), light and dark, 1400 and 900 px wide.
// Usage: npx tsx scripts/screenshot-alerts.ts [out-dir]   (writes docs/alerts-<theme>-<width>.png)
import { chromium } from '@playwright/test';
import { serve } from '../test/e2e/fixtures/serve';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/e2e/fixtures/chromium-args';

const dir = process.argv[2] ?? 'docs';
const served = await serve(['--demo', '--poll-interval', '2']);
const call = (name: string, body: unknown): Promise<Response> =>
  fetch(`${served.url}api/${name}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${served.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: [...CHROMIUM_ARGS],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${served.url}#token=${served.token}`);
  await page.locator('[data-testid="primary-card"][data-status="up"]').first().waitFor({ timeout: 15_000 });
  const cards = page.getByTestId('primary-card');
  const first = await cards.nth(0).getAttribute('data-primary-id');
  const second = await cards.nth(1).getAttribute('data-primary-id');
  const node = await cards.nth(1).getByTestId('node-row').nth(2).getAttribute('data-node-name');
  await call('setDemoFault', { targetId: first, fault: { kind: 'server-error' }, enabled: true });
  await call('setDemoFault', { targetId: second, fault: { kind: 'node-down', node }, enabled: true });
  await page.locator(`[data-testid="alert"][data-alert-id="${second}:degraded"]`).waitFor({ timeout: 15_000 });
  await page.locator(`[data-testid="alert"][data-alert-id="${first}:down"]`).waitFor({ timeout: 15_000 });
  await call('acknowledgeAlert', { fingerprint: `${second}:degraded`, note: 'node being replaced' });
  await call('silenceAlerts', { matcher: { targetId: first, rule: 'down' }, durationSeconds: 3600, comment: 'planned maintenance' });
  await page.waitForTimeout(4_000);
  for (const theme of ['light', 'dark'] as const) {
    for (const width of [1400, 900]) {
      await page.emulateMedia({ colorScheme: theme });
      await page.setViewportSize({ width, height: 900 });
      // One open form, so the picture shows the duration picker too.
      const live = page.locator('[data-testid="alert"]:not([data-muted])').first();
      if ((await live.locator('form').count()) === 0) await live.getByRole('button', { name: /^Silence .*…$/ }).click();
      const path = `${dir}/alerts-${theme}-${width}.png`;
      await page.getByTestId('alerts').screenshot({ path });
      console.log(`wrote ${path}`);
    }
  }
} finally {
  await browser.close();
  await served.stop();
}
