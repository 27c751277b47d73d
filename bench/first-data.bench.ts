// Time from `fleetscope serve --demo` starting to the first primary's data on screen in Debian's
// Chromium, against the 1.5 s cold-start goal (reference/quality-anchors.md, "Startup").
import { chromium } from '@playwright/test';
import { serve } from '../test/e2e/fixtures/serve';
import { median, report } from './helpers/report';

const GOAL_MS = 1500;
const RUNS = 3;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
});
const toReady: number[] = [];
const toData: number[] = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const served = await serve(['--demo']);
    const ready = performance.now();
    try {
      const page = await browser.newPage();
      await page.goto(`${served.url}#token=${served.token}`);
      await page.locator('[data-testid="primary-card"][data-status="up"] [data-testid="repo-total"][data-value]').first().waitFor({ timeout: 20_000 });
      toData.push(performance.now() - t0);
      toReady.push(ready - t0);
      await page.close();
    } finally {
      await served.stop();
    }
  }
} finally {
  await browser.close();
}
const ms = median(toData);
report('process start → ready line (median)', `${median(toReady).toFixed(0)} ms`, 'n/a', true);
report(`process start → first data on screen / ${GOAL_MS} ms`, `${(ms / GOAL_MS).toFixed(2)} (${ms.toFixed(0)} ms)`, '≤ 1.0', ms <= GOAL_MS);
