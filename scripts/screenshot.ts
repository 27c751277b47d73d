// Takes the README's screenshot from the real app: `fleetscope serve --demo` in Debian's Chromium.
// Usage: npx tsx scripts/screenshot.ts [out.png]
import { chromium } from '@playwright/test';
import { serve } from '../test/e2e/fixtures/serve';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/e2e/fixtures/chromium-args';

const out = process.argv[2] ?? 'docs/overview.png';
const served = await serve(['--demo', '--poll-interval', '2']);
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: [...CHROMIUM_ARGS],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await page.goto(`${served.url}#token=${served.token}`);
  await page.getByTestId('primary-card').first().waitFor();
  await page.locator('[data-testid="primary-card"][data-status="up"]').first().waitFor({ timeout: 15_000 });
  const card = page.getByTestId('primary-card').first();
  const targetId = await card.getAttribute('data-primary-id');
  const node = await card.getByTestId('node-row').nth(2).getAttribute('data-node-name');
  // One node down, so the picture shows how a fault reads.
  await fetch(`${served.controlUrl}/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ targetId, fault: { kind: 'node-down', node }, enabled: true }),
  });
  await page.locator('[data-testid="primary-card"][data-status="degraded"]').first().waitFor({ timeout: 15_000 });
  // Let the other areas (caches, mirror farms, storage) finish their first polls too.
  await page.waitForTimeout(6_000);
  await page.screenshot({ path: out, fullPage: true });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await served.stop();
}
