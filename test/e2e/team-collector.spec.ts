import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { serve, type Served } from './fixtures/serve';

// A team collector (`serve --demo` with named tokens): a viewer sees the fleet with every action
// disabled and the reason, the API refuses it with 403; an admin token acts and is audited by name.

const alice = randomBytes(24).toString('base64url');
const grafana = randomBytes(24).toString('base64url');
const REASON = 'grafana may only view this Fleetscope: actions and changes need an admin token. Ask whoever runs the collector for one.';
let served: Served;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  served = await serve(['--demo', '--poll-interval', '2', '--speed', '4'], {
    FLEETSCOPE_ADMIN_TOKENS: `alice=${alice}`,
    FLEETSCOPE_VIEWER_TOKENS: `grafana=${grafana}`,
  });
});

test.afterAll(async () => {
  await served?.stop();
});

async function openCaches(page: Page, token: string): Promise<ReturnType<Page['locator']>> {
  await page.goto(`${served.url}#token=${token}`);
  await expect(page.getByTestId('app')).toHaveAttribute('data-app-state', 'ready');
  await page.getByTestId('nav-caches').click();
  const view = page.locator('[data-testid="caches-primary"]').first();
  await expect(view.getByTestId('cache-status')).toHaveAttribute('data-status', 'up', { timeout: 15_000 });
  return view;
}

test('with a viewer token the action buttons are disabled with the reason, and the API refuses actions with 403', async ({ page, request }) => {
  const view = await openCaches(page, grafana);
  await expect(page.getByTestId('read-only-banner')).toHaveText(REASON);
  await expect(page.getByTestId('session-role')).toContainText('Viewer');
  for (const id of ['cache-clear-all', 'cache-enabled-toggle', 'ttl-apply']) {
    const button = view.getByTestId(id).first();
    await expect(button).toBeDisabled();
    await expect(button).toHaveAttribute('title', REASON);
  }
  const primaryId = (await view.getAttribute('data-primary-id'))!;
  const res = await request.post(`${served.url}api/setCacheTtl`, {
    headers: { authorization: `Bearer ${grafana}` },
    data: { primaryId, cache: 'upload-pack', seconds: 3600 },
  });
  expect(res.status()).toBe(403);
  expect((await res.json()).error.message).toMatch(/^grafana may only view this Fleetscope: actions need an admin token/);
});

test("with an admin token an action runs from the UI and the Activity view shows the token's name", async ({ page }) => {
  const view = await openCaches(page, alice);
  await expect(page.getByTestId('read-only-banner')).toHaveCount(0);
  const editor = view.locator('[data-testid="ttl-editor"][data-cache="upload-pack"]');
  await editor.getByTestId('ttl-input').fill('75');
  await editor.getByTestId('ttl-unit').selectOption('min');
  await editor.getByTestId('ttl-apply').click();
  await page.getByTestId('confirm-dialog').getByTestId('confirm-action').click();
  await expect(view.getByTestId('cache-action-done')).toBeVisible();
  await page.getByTestId('nav-activity').click();
  const row = page.locator('[data-testid="activity-row"][data-action="setCacheTtl"]').first();
  await expect(row).toContainText('alice');
  await expect(row).toHaveAttribute('data-outcome', 'succeeded');
});

test('a second Fleetscope in client mode (serve --collector) shows the collector’s fleet, with the viewer token’s limits', async ({ page, request }) => {
  const client = await serve(['--collector', served.url], { FLEETSCOPE_COLLECTOR_TOKEN: grafana });
  try {
    expect(client.output()).toContain('as grafana (viewer)');
    const snapshot = async (url: string, token: string) =>
      (await (await request.get(`${url}api/snapshot`, { headers: { authorization: `Bearer ${token}` } })).json()) as { primaries: { id: string }[] };
    const ids = (await snapshot(served.url, served.token)).primaries.map((p) => p.id);
    expect((await snapshot(client.url, client.token)).primaries.map((p) => p.id)).toEqual(ids);

    await page.goto(`${client.url}#token=${client.token}`);
    await expect(page.getByTestId('app')).toHaveAttribute('data-app-state', 'ready');
    await expect(page.getByTestId('primary-card')).toHaveCount(ids.length);
    for (const id of ids) await expect(page.locator(`[data-testid="primary-card"][data-primary-id="${id}"]`)).toBeVisible();
    await expect(page.getByTestId('read-only-banner')).toHaveText(REASON);
    // The banner: which collector, the token's role, and when it was last heard from.
    const banner = page.getByTestId('collector-banner');
    await expect(banner).toHaveAttribute('data-state', 'live');
    await expect(banner.getByTestId('collector-name')).toHaveText(new URL(served.url).hostname);
    await expect(banner.getByTestId('collector-role')).toHaveText('Viewer');
    await expect(banner).toContainText('(grafana)');
    const contact = banner.getByTestId('collector-last-contact');
    await expect(contact).toHaveText(/^(just now|\d+ s ago)$/);
    await expect(contact).toHaveAttribute('title', /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} /);
    // Browser mode keeps its command line's choice: Settings says so and offers no switch.
    await page.getByTestId('nav-settings').click();
    await expect(page.getByTestId('fleet-source-fixed')).toContainText('serve --collector');
    await page.getByTestId('nav-caches').click();
    await expect(page.getByTestId('cache-clear-all').first()).toBeDisabled();
    await expect(page.getByTestId('cache-clear-all').first()).toHaveAttribute('title', REASON);
  } finally {
    await client.stop();
  }
});

test('the client says when the collector is lost and that it reconnects', async ({ page }) => {
  const collector = await serve(['--demo', '--poll-interval', '2'], { FLEETSCOPE_ADMIN_TOKENS: `alice=${alice}` });
  const client = await serve(['--collector', collector.url], { FLEETSCOPE_COLLECTOR_TOKEN: alice });
  try {
    await page.goto(`${client.url}#token=${client.token}`);
    const banner = page.getByTestId('collector-banner');
    // Two `serve` processes have just started (the collector's fleet is still starting behind its
    // URL); in the full e2e run the stream went live after more than the default 5 s.
    await expect(banner).toHaveAttribute('data-state', 'live', { timeout: 15_000 });
    await expect(banner.getByTestId('collector-role')).toHaveText('Admin');
    await collector.stop();
    await expect(banner).toHaveAttribute('data-state', 'reconnecting', { timeout: 15_000 });
    await expect(banner.getByTestId('collector-problem')).toContainText('Connection lost, reconnecting');
    await expect(banner.getByTestId('collector-problem')).toContainText(`Lost the team collector at ${new URL(collector.url).origin}`);
  } finally {
    await client.stop();
    await collector.stop();
  }
});
