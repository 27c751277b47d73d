import { expect, test, type Page } from '@playwright/test';
import { postApi, serve, type Served } from './fixtures/serve';

// "São Paulo clones are slow" played step by step in Chromium, as a presenter would: each caption
// shows above the view it names, the app follows along, and the fleet shows what the caption
// says. Then the reset leaves a healthy fleet. Screenshots of the caption for the README.

const POLL_SECONDS = 2;
const SEEN = { timeout: POLL_SECONDS * 3000 + 10_000 };
let served: Served;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  served = await serve(['--demo', '--scenario', 'sao-paulo-slow-clones', '--poll-interval', String(POLL_SECONDS)]);
});

test.afterAll(async () => {
  await served?.stop();
});

type Faults = {
  cache: { primaries: Array<{ id: string; faults: { diskFull: boolean } }> };
  mirrors: { farms: Array<{ name: string; faults: { behind: boolean } }> };
};
const demoState = async (): Promise<Faults & { scenario: unknown }> => (await (await postApi(served, 'getDemoState')).json()) as Faults & { scenario: unknown };

const caption = (page: Page) => page.getByTestId('scenario-caption');
const saoPaulo = (page: Page) => page.locator('[data-testid="farm-card"][data-farm-name="São Paulo office mirror"]');

async function step(page: Page, n: number, text: string | RegExp, view: string): Promise<void> {
  await caption(page).getByTestId('scenario-step').click();
  await expect(caption(page)).toHaveAttribute('data-step', String(n));
  await expect(caption(page).getByTestId('scenario-progress')).toContainText(`Step ${n} of 5`);
  await expect(caption(page).getByTestId('scenario-caption-text')).toContainText(text);
  // Follow along: the app opened the view the caption names.
  await expect(page).toHaveURL(new RegExp(`#/${view}\\b`));
  await expect(page.getByTestId('app').locator('main')).toHaveAttribute('aria-label', new RegExp(view, 'i'));
}

test('"São Paulo clones are slow" step by step: each caption, its view, and the state it describes; reset returns to healthy', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(`${served.url}#token=${served.token}`);
  await expect(page.getByTestId('app')).toHaveAttribute('data-app-state', 'ready');

  // `serve --scenario` started it; its first step waits for the presenter.
  await expect(caption(page)).toBeVisible();
  await expect(caption(page).getByTestId('scenario-progress')).toContainText('Before step 1 of 5');
  await expect(caption(page).getByTestId('scenario-caption-text')).toContainText('Developers in São Paulo say their clones got slow');
  // Paused, so nothing moves on by itself while the test looks.
  await caption(page).getByTestId('scenario-pause').click();
  await expect(caption(page).getByTestId('scenario-resume')).toBeVisible();

  await step(page, 1, 'the São Paulo office mirror is behind', 'mirrors');
  // São Paulo is an 8.x single mirror: no per-change times, so "behind" shows once its ref-changes
  // queue has risen by 3 over 4 polls and 10 s, and the held-back pushes arrive 2–9 s apart on the
  // whole primary: ≈ 20 s typical, more when the pushes fall on projects it does not mirror.
  await expect(saoPaulo(page)).toHaveAttribute('data-status', /degraded|down/, { timeout: 45_000 });
  await expect(saoPaulo(page).getByTestId('farm-queue')).toContainText('growing', SEEN);

  await step(page, 2, 'caching is off', 'caches');
  await expect(page.getByTestId('disk-guard-banner')).toContainText('Caching is off: the disk guard tripped', SEEN);
  await screenshots(page);

  await step(page, 3, 'caching switches itself back on', 'caches');
  await expect(page.getByTestId('disk-guard-banner')).toHaveCount(0, SEEN);

  await step(page, 4, 'catches up with the primary', 'mirrors');
  expect((await demoState()).mirrors.farms.find((f) => f.name === 'São Paulo office mirror')?.faults.behind).toBe(false);

  await step(page, 5, 'The Timeline shows both causes', 'timeline');
  await expect(caption(page).getByTestId('scenario-progress')).toContainText('the story is over');
  await expect(caption(page).getByTestId('scenario-step')).toBeDisabled();

  // Restart from the presenter drawer, leave it half-way (faults on), then reset.
  await page.getByTestId('nav-overview').click();
  await page.getByTestId('open-presenter').click();
  const panel = page.getByTestId('scenario-panel');
  await panel.locator('[data-scenario="sao-paulo-slow-clones"]').getByTestId('scenario-start').click();
  await expect(caption(page).getByTestId('scenario-progress')).toContainText('Before step 1 of 5');
  // The drawer covers the right of the caption, where its controls are.
  await page.getByTestId('presenter-close').click();
  await caption(page).getByTestId('scenario-follow').uncheck();
  await caption(page).getByTestId('scenario-pause').click();
  await caption(page).getByTestId('scenario-step').click();
  await caption(page).getByTestId('scenario-step').click();
  await expect(caption(page)).toHaveAttribute('data-step', '2');
  // Follow along off: the presenter stays where they are.
  await expect(page).toHaveURL(/#\/overview\b/);
  const midway = await demoState();
  expect(midway.cache.primaries.some((p) => p.faults.diskFull)).toBe(true);

  await page.getByTestId('open-presenter').click();
  await panel.getByTestId('demo-reset').click();
  await expect(caption(page)).toHaveCount(0);
  const healthy = await demoState();
  expect(healthy.scenario).toBeNull();
  expect(healthy.cache.primaries.every((p) => !p.faults.diskFull)).toBe(true);
  expect(healthy.mirrors.farms.every((f) => !f.faults.behind)).toBe(true);
  await page.getByTestId('nav-caches').click();
  await expect(page.getByTestId('disk-guard-banner')).toHaveCount(0, SEEN);
});

test('an unknown --scenario is a usage error that lists the scenarios', async () => {
  const failed = await serve(['--demo', '--scenario', 'no-such-story']).then(
    async (s) => {
      await s.stop();
      return '';
    },
    (err: Error) => err.message,
  );
  expect(failed).toContain('exited with 64');
  expect(failed).toContain(
    'No demo scenario "no-such-story". The scenarios are: ci-clone-storm, sao-paulo-slow-clones, storage-node-lost, bad-deploy-one-node.',
  );
});

/** The caption over the Caches view, light and dark, 1400 and 900 px wide, for the README. */
async function screenshots(page: Page): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    for (const width of [1400, 900]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `docs/scenario-caption-${theme}-${width}.png` });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1400, height: 900 });
}
