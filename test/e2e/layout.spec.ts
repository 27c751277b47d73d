import { expect, test, type Page } from '@playwright/test';
import { serve, type Served } from './fixtures/serve';

// Layout at the narrow width people use beside a terminal (900 px), on the simulated fleet.
let served: Served;

test.beforeAll(async () => {
  served = await serve(['--demo', '--poll-interval', '5']);
});
test.afterAll(async () => {
  await served?.stop();
});
test.use({ viewport: { width: 900, height: 900 } });

async function open(page: Page): Promise<void> {
  await page.goto(`${served.url}#token=${served.token}`);
  await expect(page.getByTestId('app')).toHaveAttribute('data-app-state', 'ready');
}

test('Storage at 900 px: nothing wider than the window, no card wider than itself (geo-replication tables included)', async ({ page }) => {
  await open(page);
  await page.getByTestId('nav-storage').click();
  await expect(page.getByTestId('storage-georep').first()).toBeVisible({ timeout: 15_000 });
  const overflow = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    cards: [...document.querySelectorAll<HTMLElement>('.card')].map((c) => c.scrollWidth - c.clientWidth).filter((d) => d > 1),
  }));
  expect(overflow).toEqual({ page: 0, cards: [] });
});

test('Overview at 900 px: the presenter drawer fits the window, below the header, and scrolls its own faults', async ({ page }) => {
  await open(page);
  await page.getByTestId('open-presenter').click();
  const drawer = await page.getByTestId('presenter-drawer').boundingBox();
  const header = await page.locator('.app-header').boundingBox();
  expect(drawer!.x + drawer!.width).toBeLessThanOrEqual(900);
  expect(drawer!.y).toBeGreaterThanOrEqual(header!.y + header!.height - 1);
  expect(drawer!.y + drawer!.height).toBeLessThanOrEqual(900);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
});

test('Activity at 900 px: the filter shows its whole placeholder', async ({ page }) => {
  await open(page);
  await page.getByTestId('nav-activity').click();
  const filter = page.getByLabel('Filter the activity');
  const fits = await filter.evaluate((input: HTMLInputElement) => {
    const style = getComputedStyle(input);
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const inner = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return { text: ctx.measureText(input.placeholder).width, inner };
  });
  expect(fits.text).toBeLessThanOrEqual(fits.inner);
});
