import { expect, test } from '@playwright/test';
import { serve, type Served } from './fixtures/serve';

// `serve --demo`: the simulated primaries write their access logs from the SCM cache traffic
// model, in a folder the Logs view may read; the user opens one and reads the figures.

let served: Served;

test.beforeAll(async () => {
  served = await serve(['--demo', '--poll-interval', '2']);
});

test.afterAll(async () => {
  await served?.stop();
});

test('open an access log from the Logs view: operations per hour and the slowest clones', async ({ page }) => {
  await page.goto(`${served.url}#token=${served.token}`);
  await page.getByTestId('nav-logs').click();
  await expect(page).toHaveURL(/#\/logs/);
  const files = page.getByTestId('log-file');
  await expect(files.first()).toBeVisible({ timeout: 15_000 });
  await files.first().check();
  await page.getByTestId('log-limit').fill('12');
  await page.getByTestId('log-analyse').click();

  const results = page.getByTestId('log-results');
  await expect(results).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('log-summary')).toContainText('git operations');
  // Bars per interval: the demo's warm-up hour and what followed.
  const chart = page.getByTestId('log-ops-chart');
  await expect.poll(async () => Number(await chart.getAttribute('data-points'))).toBeGreaterThan(1);
  await expect(chart.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expect(page.getByTestId('log-kind-table')).toContainText('Clone');
  // The slowest operations of a log of clones and polls are clones, each linked to its repository page.
  const slowest = page.getByTestId('log-slowest-table');
  await expect(slowest.locator('tbody tr[data-kind="clone"]').first()).toBeVisible();
  const link = slowest.getByTestId('log-repo-link').first();
  const href = await link.getAttribute('href');
  expect(href).toMatch(/^#\/repo\/[^/]+\/[^/]+$/);
  await expect(page.getByTestId('log-concurrency-chart').locator('.recharts-reference-line-line')).toHaveCount(1);
  await expect(page.getByTestId('log-unparsable')).toContainText('Every line could be read');
  await link.click();
  await expect(page).toHaveURL(/#\/repo\//);
});
