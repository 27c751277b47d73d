import { expect, test, type Page } from '@playwright/test';
import { postApi, serve, type Served } from './fixtures/serve';

// Issue 17 items 3 and 4: the presenter's drawer, speed and kiosk, and the Overview's charts, in Chromium on `serve --demo`.
const POLL_SECONDS = 2;
let served: Served;

test.beforeAll(async () => {
  served = await serve(['--demo', '--poll-interval', String(POLL_SECONDS)]);
});
test.afterAll(async () => {
  await served?.stop();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the demo state as JSON, read field by field
const demoState = async (): Promise<any> => (await postApi(served, 'getDemoState', {})).json();

async function open(page: Page, hash = ''): Promise<void> {
  await page.goto(`${served.url}#token=${served.token}`);
  await expect(page.getByTestId('app')).toHaveAttribute('data-app-state', 'ready');
  // The token leaves the hash first; then the route is set as a link would.
  if (hash) await page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
}

test('the drawer opens from two different views and switches a fault found by search', async ({ page }) => {
  await open(page);
  await page.getByTestId('nav-caches').click();
  await page.keyboard.press('p');
  const drawer = page.getByTestId('presenter-drawer');
  await expect(drawer).toBeVisible();
  await page.getByTestId('fault-search').fill('push storm');
  const groups = drawer.getByTestId('fault-group');
  await expect(groups.first()).toHaveAttribute('data-kind', 'cache');
  const storm = drawer.getByTestId('demo-cache-push-storm').first();
  const target = await storm.getAttribute('data-primary-id');
  await storm.click();
  await expect(storm).toBeChecked();
  // The switch shows the requested value at once; the fleet has it once the request is answered.
  await expect(storm).toHaveAttribute('aria-busy', 'false');
  expect((await demoState()).cache.primaries.find((p: { id: string }) => p.id === target).faults.pushStorm).toBe(true);
  await storm.click();
  await expect(storm).not.toBeChecked();
  await page.getByTestId('presenter-close').click();
  await expect(drawer).toHaveCount(0);

  // Another view, the header button this time, and a fault of another area.
  await page.getByTestId('nav-storage').click();
  await page.getByTestId('open-presenter').click();
  await page.getByTestId('fault-search').fill('georep');
  await expect(drawer.getByTestId('fault-group')).toHaveCount(0);
  await page.getByTestId('fault-search').fill('geo-replication');
  const georep = drawer.getByTestId('demo-gluster-georep-faulty');
  // The fleet starts with some switches on (a mirror waiting to be authorized): the badge counts one more.
  const badge = page.getByTestId('presenter-faults-on');
  const before = (await badge.count()) === 0 ? 0 : Number(await badge.textContent());
  await georep.click();
  await expect(georep).toBeChecked();
  await expect(badge).toHaveText(String(before + 1));
  await expect(georep).toHaveAttribute('aria-busy', 'false');
  expect((await demoState()).storage.clusters[0].faults.geoRepFaulty).toBe(true);
  await georep.click();
  await expect(georep).not.toBeChecked();
});

test('a speed change shows in the demo state', async ({ page }) => {
  await open(page);
  await page.getByTestId('open-presenter').click();
  const speed = page.getByTestId('demo-speed');
  await expect(speed).toHaveAttribute('data-speed', '1');
  await page.locator('[data-testid="demo-speed-option"][data-speed="30"]').click();
  await expect(speed).toHaveAttribute('data-speed', '30');
  await expect(speed).toContainText('×30');
  expect((await demoState()).speed).toBe(30);
  await page.locator('[data-testid="demo-speed-option"][data-speed="1"]').click();
  await expect(speed).toHaveAttribute('data-speed', '1');
  expect((await demoState()).speed).toBe(1);
});

test('kiosk mode hides the navigation and rotates through the views; Esc leaves it', async ({ page }) => {
  await open(page, '#/overview?kiosk=2');
  await expect(page.getByTestId('kiosk-bar')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  const main = page.locator('main');
  for (const label of ['Caches', 'Mirrors', 'Storage', 'Timeline', 'Overview']) {
    await expect(main).toHaveAttribute('aria-label', label, { timeout: 10_000 });
  }
  expect(page.url()).toContain('kiosk=2');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('kiosk-bar')).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  expect(page.url()).not.toContain('kiosk');
});

test('the Overview has its charts: hit ratio, nodes up, mirror lag, heal backlog over the shared range', async ({ page }) => {
  await open(page);
  const rows = page.getByTestId('overview-chart-row');
  await expect(rows).toHaveCount(4);
  expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-row')))).toEqual(['hit-ratio', 'nodes-up', 'mirror-lag', 'heal-backlog']);
  // Every series has lines to draw (the demo fleet has primaries, farms and volumes, and a past).
  for (const row of await rows.all()) await expect(row).not.toHaveAttribute('data-lines', '0', { timeout: 20_000 });
  await expect(page.getByTestId('overview-chart-chart')).toHaveCount(4);
  // The shared range: picking 24 h re-reads the Overview charts over it.
  await page.getByTestId('time-range-24h').click();
  expect(page.url()).toContain('range=24h');
  await expect(rows).toHaveCount(4);
});
