// Screenshots of the presenter drawer over the Overview and its charts, light and dark, 1400 and 900 px wide.
// Usage: npx tsx scripts/presenter-screenshots.ts [out-dir]   (writes presenter-<theme>-<width>.png)
import { chromium } from '@playwright/test';
import { serve } from '../test/e2e/fixtures/serve';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/e2e/fixtures/chromium-args';

const dir = process.argv[2] ?? 'docs';
const served = await serve(['--demo', '--poll-interval', '2']);
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: [...CHROMIUM_ARGS],
});
try {
  for (const theme of ['light', 'dark'] as const) {
    for (const width of [1400, 900]) {
      const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: theme });
      await page.goto(`${served.url}#token=${served.token}`);
      await page.locator('[data-testid="primary-card"][data-status="up"]').first().waitFor({ timeout: 20_000 });
      await page.locator('[data-testid="overview-chart-row"][data-row="nodes-up"]:not([data-lines="0"])').waitFor({ timeout: 20_000 });
      await page.getByTestId('open-presenter').click();
      await page.getByTestId('fault-search').fill('prod');
      const out = `${dir}/presenter-${theme}-${width}.png`;
      await page.screenshot({ path: out });
      console.log(`wrote ${out}`);
      await page.close();
    }
  }
} finally {
  await browser.close();
  await served.stop();
}
