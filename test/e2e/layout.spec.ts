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

test('Overview at 900 px: the demo controls come before the cards, not at the bottom of the page', async ({ page }) => {
  await open(page);
  const controls = await page.getByTestId('demo-controls').boundingBox();
  const card = await page.getByTestId('primary-card').first().boundingBox();
  expect(controls!.y).toBeLessThan(card!.y);
  expect(controls!.y).toBeLessThan(900);
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
