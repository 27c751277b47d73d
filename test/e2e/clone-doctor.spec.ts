import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { postApi, serve, type Served } from './fixtures/serve';

// The clone doctor from a repository's page: real git clones of the simulated fleet from every
// endpoint, a verdict each; then from the palette, cancelled. Screenshots of the section in both
// themes at 1400 and 900 px for docs/diagnosis.md.

let served: Served;
const api = async (name: string, body: unknown): Promise<unknown> => {
  const res = await postApi(served, name, body);
  expect(res.status, name).toBe(200);
  return res.json();
};
let repo = { primaryId: '', projectKey: '', slug: '' };

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  served = await serve(['--demo', '--poll-interval', '2']);
  // The inventory is read on the first polls: wait until the index lists repositories.
  type Index = { repositories: { primaryId: string[]; projectKey: string[]; slug: string[] } };
  await expect.poll(async () => ((await api('getRepositoryIndex', {})) as Index).repositories.slug.length, { timeout: 60_000 }).toBeGreaterThan(0);
  const index = (await api('getRepositoryIndex', {})) as Index;
  repo = { primaryId: index.repositories.primaryId[0]!, projectKey: index.repositories.projectKey[0]!, slug: index.repositories.slug[0]! };
});

test.afterAll(async () => {
  await served?.stop();
});

async function openRepo(page: Page): Promise<void> {
  await page.goto(`${served.url}#token=${served.token}`);
  await expect(page.getByTestId('app')).toHaveAttribute('data-app-state', 'ready');
  await page.goto(`${served.url}#/repo/${repo.projectKey}/${repo.slug}?primary=${repo.primaryId}`);
  await expect(page.getByTestId('repo-page')).toHaveAttribute('data-repo', `${repo.projectKey}/${repo.slug}`);
}

test('Start probe on the repository page clones from every endpoint and shows a verdict and phases for each', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1400, height: 900 });
  await openRepo(page);
  const section = page.getByTestId('repo-clone-doctor');
  // Mirrors are read with the repository: wait until the farms are known, so the probe includes them.
  await expect(page.getByTestId('repo-farm').first()).toBeVisible({ timeout: 30_000 });
  // The probe clones from what the engine knows when it starts: every farm of the primary polled,
  // its nodes' own URLs known (a farm shown before its nodes are gave 4 endpoints, not 5, in CI).
  type Farms = { mirrorFarms: Array<{ primaryId: string; lastPollAt: number | null; nodes: Array<{ baseUrl: string | null }> }> };
  await expect
    .poll(
      async () => {
        const farms = ((await api('getSnapshot', {})) as Farms).mirrorFarms.filter((f) => f.primaryId === repo.primaryId);
        return farms.length > 0 && farms.every((f) => f.lastPollAt !== null && f.nodes.length > 0 && f.nodes.every((n) => n.baseUrl !== null));
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  await section.getByTestId('probe-start').click();
  await expect(section.getByTestId('probe-running')).toBeVisible();
  const rows = section.getByTestId('probe-endpoint');
  await expect(section.getByTestId('probe-report')).toBeVisible({ timeout: 200_000 });
  expect(await rows.count()).toBeGreaterThanOrEqual(5);
  await expect(section.locator('[data-testid="probe-endpoint"][data-kind="primary"]')).toContainText(/\(primary\): .+(cache hit|cache miss|cache outcome)/);
  await expect(section.locator('[data-kind="mirror"]').first()).toContainText(/: \d.*(ms|s)/);
  for (const verdict of await rows.locator('.probe-endpoint__verdict').allTextContents()) expect(verdict).toMatch(/: \d.*(ms|s)/);
  await expect(section.getByTestId('probe-phases').first().locator('[data-phase="transfer"]')).toHaveCount(1);
  // The demo's primaries have no `ssh` section: every endpoint is tagged HTTP(S), and the report says why SSH was not probed.
  for (const tag of await rows.getByTestId('probe-transport').allTextContents()) expect(tag).toBe('HTTP(S)');
  await expect(section.getByTestId('probe-report')).toContainText('SSH endpoints are not probed');

  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    // The section with its results passes axe-core's WCAG 2.1 A/AA rules in both themes (serious and critical).
    const axe = await new AxeBuilder({ page }).include('[data-testid="repo-clone-doctor"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(
      axe.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${theme}: ${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`),
    ).toEqual([]);
    for (const width of [1400, 900]) {
      await page.setViewportSize({ width, height: 900 });
      // A full-page capture clipped to the section: an element capture would scroll it under the sticky header.
      await page.evaluate('window.scrollTo(0, 0)');
      const box = await section.boundingBox();
      if (!box) throw new Error('the Clone doctor section has no box');
      await page.screenshot({
        path: `docs/clone-doctor-${theme}-${width}.png`,
        fullPage: true,
        clip: { x: 0, y: Math.max(0, box.y - 8), width, height: box.height + 16 },
      });
    }
  }
});

test('"Probe clone of …" from the palette starts the probe on the page, and Cancel stops it', async ({ page }) => {
  test.setTimeout(120_000);
  // Slow primaries keep the probe running long enough to be cancelled by a click.
  for (const primaryId of ['prod-eu', 'prod-us']) await api('setDemoFault', { targetId: primaryId, fault: { kind: 'slow', delayMs: 5_000 }, enabled: true });
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(`${served.url}#token=${served.token}`);
  await expect(page.getByTestId('app')).toHaveAttribute('data-app-state', 'ready');
  await page.keyboard.press('Control+k');
  const input = page.getByTestId('palette-input');
  await expect(page.getByTestId('palette-status')).toContainText('repositories searchable');
  await input.pressSequentially(repo.slug);
  const probe = page.getByTestId('palette-option').filter({ hasText: `Probe clone of ${repo.projectKey}/${repo.slug}` });
  await probe.first().click();
  const section = page.getByTestId('repo-clone-doctor');
  // The page first reads the repository from the slow primary; the probe starts once the section is there.
  await expect(section.getByTestId('probe-running')).toBeVisible({ timeout: 30_000 });
  await section.getByTestId('probe-cancel').click();
  await expect(section.getByTestId('probe-report')).toContainText('Cancelled.', { timeout: 60_000 });
});
