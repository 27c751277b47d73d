import { expect, test } from '@playwright/test';
import { postApi, serve, type Served } from './fixtures/serve';

// `serve --demo`: the simulated primaries write their access logs from the SCM cache traffic
// model, in a folder the Logs view may read; the user opens one and reads the figures.

let served: Served;

test.beforeAll(async () => {
  served = await serve(['--demo', '--poll-interval', '2']);
});

test.afterAll(async () => {
  await served?.stop();
});

test('open an access log from the Logs view: operations per hour and the slowest clones; then its repository page joins a probe and the log', async ({
  page,
}) => {
  test.setTimeout(300_000);
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

  // Joined to the repository page (issue 14 item 4): a probe with one of the primary's nodes down,
  // then the page, reloaded, shows the last probe, the clones in the log and the rules reading both.
  const [, projectKey, repoSlug] = /^#\/repo\/([^/]+)\/([^/?]+)/.exec(href!)!;
  const api = async (name: string, body: unknown): Promise<unknown> => {
    const res = await postApi(served, name, body);
    expect(res.status, name).toBe(200);
    return res.json();
  };
  const detail = (await api('getRepository', { projectKey, repoSlug })) as { primaryId: string };
  const demo = (await api('getDemoState', {})) as { primaries: Array<{ id: string; nodes: string[] }> };
  const victim = demo.primaries.find((p) => p.id === detail.primaryId)!.nodes.at(-1)!;
  await api('setDemoFault', { targetId: detail.primaryId, fault: { kind: 'node-down', node: victim }, enabled: true });
  const doctor = page.getByTestId('repo-clone-doctor');
  await expect(doctor.getByTestId('probe-never')).toBeVisible({ timeout: 30_000 });
  await doctor.getByTestId('probe-start').click();
  await expect(doctor.getByTestId('probe-report')).toHaveAttribute('data-stored', 'false', { timeout: 200_000 });

  await page.reload();
  await expect(page.getByTestId('repo-page')).toHaveAttribute('data-repo', `${projectKey}/${repoSlug}`);
  const last = doctor.getByTestId('probe-report');
  await expect(last).toHaveAttribute('data-stored', 'true', { timeout: 30_000 });
  await expect(last.getByTestId('probe-last-title')).toContainText('Last probe, ');
  await expect(last.getByTestId('probe-endpoint').filter({ hasText: victim })).toHaveClass(/probe-endpoint--bad/);
  const logs = page.getByTestId('repo-logs');
  await expect(logs.getByTestId('repo-log-clones')).toHaveText(/^\d+ clones? · p50 \d.* · p95 \d.* · max \d/);
  await expect(logs.getByTestId('repo-log-cache')).toContainText(/\d+ hits, \d+ misses/);
  await expect(logs.getByTestId('repo-log-source')).toContainText('atlassian-bitbucket-access.log');
  await expect(logs.getByRole('link', { name: 'Logs view →' })).toHaveAttribute('href', '#/logs');
  const failed = page.locator('[data-testid="repo-slow-finding"][data-rule="probe-failed"]');
  await expect(failed).toContainText(`The last probe of`);
  await expect(failed.filter({ hasText: victim })).toHaveCount(1);

  // And on the fleet's timeline: each probed endpoint, and the analysis.
  const events = (await api('getEvents', { kinds: ['probe', 'log-analysis'], limit: 100 })) as {
    events: Array<{ kind: string; severity: string; text: string }>;
  };
  expect(events.events.filter((e) => e.kind === 'log-analysis')).toHaveLength(1);
  expect(events.events.find((e) => e.kind === 'probe' && e.text.includes(victim))?.severity).toBe('warning');

  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    for (const width of [1400, 900]) {
      await page.setViewportSize({ width, height: 900 });
      await page.evaluate('window.scrollTo(0, 0)');
      // From "What could make this slow" down to the access logs' figures: the sections this joins.
      const top = await page.getByTestId('repo-slow').boundingBox();
      const bottom = await logs.boundingBox();
      if (!top || !bottom) throw new Error('the repository page sections have no box');
      await page.screenshot({
        path: `docs/repository-evidence-${theme}-${width}.png`,
        fullPage: true,
        clip: { x: 0, y: Math.max(0, top.y - 8), width, height: bottom.y + bottom.height - top.y + 16 },
      });
    }
  }
});
