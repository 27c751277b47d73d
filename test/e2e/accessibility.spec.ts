import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { serve, type Served } from './fixtures/serve';

// Every view of the app, in both themes, against the simulated fleet: axe-core's WCAG 2.x A/AA
// rules; serious and critical violations fail the run, the others are listed in the report.
const VIEWS = ['overview', 'caches', 'mirrors', 'storage', 'logs', 'activity', 'settings'] as const;
const THEMES = ['light', 'dark'] as const;

let served: Served;

// axe-core walks the whole page: on a busy shared machine one view takes tens of seconds.
test.describe.configure({ timeout: 180_000 });

test.beforeAll(async () => {
  served = await serve(['--demo', '--poll-interval', '5']);
});
test.afterAll(async () => {
  await served?.stop();
});

async function open(page: Page, theme: (typeof THEMES)[number]): Promise<void> {
  await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
  await page.goto(`${served.url}#token=${served.token}`);
  await expect(page.getByTestId('app')).toHaveAttribute('data-app-state', 'ready');
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
  await expect(page.getByTestId('primary-card').first()).toHaveAttribute('data-status', /up|degraded/, { timeout: 15_000 });
}

for (const theme of THEMES) {
  for (const view of VIEWS) {
    test(`${view}, ${theme} theme: no serious or critical accessibility violation`, async ({ page }) => {
      await open(page, theme);
      await page.getByTestId(`nav-${view}`).click();
      await expect(page.getByTestId(`nav-${view}`)).toHaveAttribute('aria-current', 'page');
      // Let the view's own reads answer, so what is checked is what a person sees.
      await expect(page.locator('[data-testid="query-loading"]')).toHaveCount(0, { timeout: 15_000 });
      const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
      const found: string[] = [];
      for (const v of result.violations) {
        const where = v.nodes.slice(0, 5).map((n) => n.target.join(' '));
        const line = `${view}/${theme}: [${v.impact ?? 'unknown'}] ${v.id} (${v.help}) at ${where.join(' | ')}${v.nodes.length > 5 ? ` and ${v.nodes.length - 5} more` : ''}`;
        test.info().annotations.push({ type: 'axe', description: line });
        if (v.impact === 'serious' || v.impact === 'critical') found.push(line);
      }
      expect(found, found.join('\n')).toEqual([]);
    });
  }
}
