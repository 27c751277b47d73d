import { expect, test, type Page } from '@playwright/test';
import { postApi, serve, type Served } from './fixtures/serve';

// The support engineer's path on the demo fleet with a slow primary, a full cache disk, a farm
// falling behind and a brick down: search → repository page → a copied link in another window
// (token given in the form) → Back. Screenshots for README's walkthrough are taken on the way.

const POLL_SECONDS = 2;
const SHOTS = 'docs/walkthrough';

let served: Served;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- contract JSON, checked where read
const api = async (name: string, body: unknown = {}): Promise<any> => {
  const res = await postApi(served, name, body);
  expect(res.status, name).toBe(200);
  return res.json();
};
/** The answer, or null while the request is refused (a farm not discovered yet answers 404). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- contract JSON, checked where read
const tryApi = async (name: string, body: unknown = {}): Promise<any> => {
  const res = await postApi(served, name, body);
  return res.status === 200 ? res.json() : null;
};
const fault = (targetId: string, f: unknown, enabled = true): Promise<unknown> => api('setDemoFault', { targetId, fault: f, enabled });

let primaryId = '';
let farm: { id: string; name: string } = { id: '', name: '' };
let lagging = { projectKey: '', slug: '', node: '' };

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  served = await serve(['--demo', '--poll-interval', String(POLL_SECONDS), '--speed', '4']);
  const demo = await api('getDemoState');
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const f = demo.mirrors.farms.find((x: any) => x.mirrorType === 'FARM' && x.registration === 'accepted');
  primaryId = f.primaryId;
  farm = { id: f.id, name: f.name };
  await fault(farm.id, { kind: 'mirror-farm-behind' });
  await fault(primaryId, { kind: 'slow', delayMs: 2_500 });
  await fault(primaryId, { kind: 'cache-disk-full' });
  await fault('gluster-demo', { kind: 'gluster-brick-down', volume: 'bbshared', brick: 'gluster2:/data/glusterfs/bbshared/brick1' });
  // The farm falls behind as the primary takes pushes: wait for a lagging repository.
  await expect
    .poll(
      async () => {
        const r = await tryApi('getMirrorRepos', { farmId: farm.id, state: 'LAGGING', limit: 1 });
        const row = r?.rows[0];
        if (!row) return false;
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const i = row.nodes.findIndex((n: any) => n.state === 'LAGGING');
        lagging = { projectKey: row.projectKey, slug: row.slug, node: r.nodes[i].name };
        return true;
      },
      { timeout: 90_000, intervals: [1_000] },
    )
    .toBe(true);
});

test.afterAll(async () => {
  await served?.stop();
});

async function open(page: Page): Promise<void> {
  await page.goto(`${served.url}#token=${served.token}`);
  await expect(page.getByTestId('app')).toHaveAttribute('data-app-state', 'ready');
}

test('Ctrl+K → part of a lagging slug → Enter opens its page naming the lagging node; a copied link opens the same page; Back returns', async ({
  page,
  context,
}) => {
  test.setTimeout(240_000);
  const t0 = Date.now();
  const step = (what: string): void => void test.info().annotations.push({ type: what, description: `${Date.now() - t0} ms` });
  await page.setViewportSize({ width: 1400, height: 900 });
  await open(page);
  await page.getByTestId('nav-mirrors').click();
  await expect(page).toHaveURL(/#\/mirrors$/);
  const startUrl = page.url();

  await page.keyboard.press('Control+k');
  const input = page.getByTestId('palette-input');
  await expect(input).toBeFocused();
  await expect(page.getByTestId('palette-status')).toContainText('repositories searchable');
  // Part of the slug, as a person remembers it.
  const part = lagging.slug.slice(0, Math.max(4, lagging.slug.length - 3));
  await input.pressSequentially(part);
  const first = page.getByTestId('palette-option').first();
  await expect(first).toHaveAttribute('aria-selected', 'true');
  // The same key and slug may exist on both primaries: the row names its primary.
  const options = await page
    .getByTestId('palette-option')
    .evaluateAll((els) =>
      els.map((e) => `${e.getAttribute('data-kind')} ${e.querySelector('.palette__label')?.textContent} ${e.querySelector('.palette__detail')?.textContent}`),
    );
  const at = options.findIndex((o) => o.startsWith(`repository ${lagging.projectKey}/${lagging.slug} `) && o.endsWith(` · ${primaryId}`));
  expect(at, options.join('\n')).toBeGreaterThanOrEqual(0);
  for (let i = 0; i < at; i++) await input.press('ArrowDown');
  await page.screenshot({ path: `${SHOTS}-1-search.png` });
  await input.press('Enter');

  const repoPage = page.getByTestId('repo-page');
  await expect(repoPage).toHaveAttribute('data-repo', `${lagging.projectKey}/${lagging.slug}`);
  await expect(page).toHaveURL(new RegExp(`#/repo/${lagging.projectKey}/${lagging.slug}\\?primary=${primaryId}$`));
  const node = page.locator(`[data-testid="repo-farm"][data-farm-id="${farm.id}"] [data-testid="repo-farm-node"]`).filter({ hasText: lagging.node });
  await expect(node).toHaveAttribute('data-state', 'LAGGING', { timeout: 15_000 });
  // The nodes are asked about this repository alone, now: the block says so once they answered.
  const block = page.locator(`[data-testid="repo-farm"][data-farm-id="${farm.id}"]`);
  await expect(block).toHaveAttribute('data-source', 'live', { timeout: 30_000 });
  await expect(block).toContainText('nodes read');
  const live = await api('getMirrorRepoStatus', { primaryId, projectKey: lagging.projectKey, repoSlug: lagging.slug });
  const liveFarm = live.farms.find((f: { farmId: string }) => f.farmId === farm.id);
  const known = (await api('getMirrorRepos', { farmId: farm.id, limit: 1 })).nodes.map((n: { name: string }) => n.name);
  expect(liveFarm.row.nodes.map((n: { name: string }) => n.name)).toEqual(known);
  expect(liveFarm.error).toBeNull();
  expect(live.upstreamError).toBeNull();
  const slow = page
    .locator('[data-testid="repo-slow-finding"][data-rule="mirror-lagging"]')
    .filter({ hasText: `${farm.name} node ${lagging.node} is LAGGING` });
  await expect(slow.first()).toContainText('clones there fall back to the primary');
  // The other faults are named too, each with its evidence.
  await expect(page.locator('[data-testid="repo-slow-finding"][data-rule="cache-disk-guard"]')).toContainText('switched clone caching off', {
    timeout: 20_000,
  });
  await expect(page.locator('[data-testid="repo-slow-finding"][data-rule="volume-health"]')).toContainText('brick on gluster2 down', { timeout: 30_000 });
  await expect(page.locator('[data-testid="repo-slow-finding"][data-rule="primary-health"]')).toContainText('Slow responses');
  await expect(page.getByTestId('repo-history-chart')).toHaveAttribute('data-series', /[1-9]/);
  await page.screenshot({ path: `${SHOTS}-2-repository.png`, fullPage: true });
  // The same page dark and 900 px wide, for README and for looking at: nothing cut off or overlapping.
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.setViewportSize({ width: 900, height: 900 });
  await page.screenshot({ path: `${SHOTS}-2-repository-dark-900.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1400, height: 900 });

  step('repository page with every finding');
  // Another window of the same browser: the link carries no token, the form asks for it.
  const link = page.url();
  expect(link).not.toContain(served.token);
  const other = await context.newPage();
  await other.setViewportSize({ width: 1400, height: 900 });
  await other.goto(link);
  const form = other.getByTestId('token-form');
  await expect(form).toContainText('Fleetscope ready at');
  await other.screenshot({ path: `${SHOTS}-3-token-form.png` });
  await other.getByTestId('token-input').fill(served.token);
  await other.getByTestId('token-submit').click();
  await expect(other.getByTestId('repo-page')).toHaveAttribute('data-repo', `${lagging.projectKey}/${lagging.slug}`);
  expect(other.url()).toBe(link);
  // A slow primary (2.5 s per request) answers the page's read after a few seconds.
  await expect(other.locator('[data-testid="repo-slow-finding"][data-rule="mirror-lagging"]').first()).toBeVisible({ timeout: 30_000 });
  await other.close();
  step('same page in another window');

  await page.goBack();
  await expect(page).toHaveURL(startUrl);
  await expect(page.getByTestId('mirrors-view')).toBeVisible();
  await expect(page.getByTestId('nav-mirrors')).toHaveAttribute('aria-current', 'page');
  step('back');
  await page.goForward();
  await expect(page.getByTestId('repo-page')).toBeVisible();
  // A reload keeps the place.
  await page.reload();
  await expect(page.getByTestId('repo-page')).toHaveAttribute('data-repo', `${lagging.projectKey}/${lagging.slug}`);
  await expect(page.getByTestId('repo-slow')).toBeVisible({ timeout: 30_000 });
});

test('clicking each kind of alert lands on the page that explains it', async ({ page }) => {
  test.setTimeout(90_000);
  await open(page);
  const kinds: Array<{ id: RegExp; expectUrl: RegExp; landed: (p: Page) => Promise<void> }> = [
    {
      id: new RegExp(`^${primaryId}:degraded$`),
      expectUrl: new RegExp(`#/overview\\?primary=${primaryId}$`),
      landed: (p) => expect(p.locator(`[data-testid="primary-card"][data-primary-id="${primaryId}"]`)).toHaveAttribute('data-selected', 'true'),
    },
    {
      id: new RegExp(`^${primaryId}:cache-disk-guard$`),
      expectUrl: new RegExp(`#/caches\\?primary=${primaryId}$`),
      landed: (p) => expect(p.locator(`[data-testid="cache-primary-tab"][data-primary-id="${primaryId}"]`)).toHaveAttribute('aria-selected', 'true'),
    },
    {
      id: new RegExp(`^mirrors:${farm.id}:`),
      expectUrl: new RegExp(`#/mirrors\\?farm=${farm.id}$`),
      landed: (p) => expect(p.getByTestId('mirror-repo-table')).toBeVisible(),
    },
    {
      id: /^gluster-demo:brick-down:/,
      expectUrl: /#\/storage\?source=gluster-demo&volume=bbshared$/,
      landed: (p) => expect(p.locator('[data-testid="volume-card"][data-volume="bbshared"]')).toHaveAttribute('data-selected', 'true'),
    },
  ];
  for (const kind of kinds) {
    await page.getByTestId('nav-overview').click();
    const alerts = page.getByTestId('alert');
    await expect
      .poll(async () => (await alerts.evaluateAll((els) => els.map((e) => e.getAttribute('data-alert-id') ?? ''))).some((id) => kind.id.test(id)), {
        timeout: 40_000,
      })
      .toBe(true);
    const ids = await alerts.evaluateAll((els) => els.map((e) => e.getAttribute('data-alert-id') ?? ''));
    const id = ids.find((x) => kind.id.test(x))!;
    await page.locator(`[data-testid="alert"][data-alert-id="${id}"] [data-testid="alert-link"]`).click();
    await expect(page).toHaveURL(kind.expectUrl);
    await kind.landed(page);
  }
});

test('a repository no mirror carries says why; one unknown to the inventory says it is not found', async ({ page }) => {
  await open(page);
  const snapshot = await api('getSnapshot');
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const office = snapshot.mirrorFarms.find((f: any) => f.primaryId === primaryId && f.projectSelection?.mode === 'SELECTED_PROJECTS');
  const { projects } = await api('getMirrorProjects', { primaryId });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const outside = projects.find((p: any) => !office.projectSelection.projectIds.includes(p.id));
  const index = await api('getRepositoryIndex');
  const i = index.repositories.projectKey.findIndex((k: string, n: number) => k === outside.key && index.repositories.primaryId[n] === primaryId);
  const slug = index.repositories.slug[i];
  await page.goto(`${served.url}#/repo/${outside.key}/${slug}?primary=${primaryId}`);
  const block = page.locator(`[data-testid="repo-farm"][data-farm-id="${office.id}"]`);
  await expect(block.getByTestId('repo-not-mirrored')).toContainText(`${office.name} mirrors selected projects only, and ${outside.key} is not one of them`, {
    timeout: 30_000,
  });
  await expect(page.locator('[data-testid="repo-slow-finding"][data-rule="not-mirrored"]').first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}-4-not-mirrored.png` });

  await page.goto(`${served.url}#/repo/NOPE/no-such-repo`);
  await expect(page.getByTestId('repo-not-found')).toContainText('NOPE/no-such-repo is not found on any primary');
  await expect(page.getByTestId('repo-not-found')).toContainText('Searched the repository inventory of');
});
