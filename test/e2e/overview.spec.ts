import { expect, test } from '@playwright/test';
import { serve, type Served } from './fixtures/serve';

const POLL_SECONDS = 2;
let served: Served;

test.beforeAll(async () => {
  served = await serve(['--demo', '--poll-interval', String(POLL_SECONDS)]);
});
test.afterAll(async () => {
  await served?.stop();
});

async function setFault(body: unknown): Promise<void> {
  if (!served.controlUrl) throw new Error(`no control API in the output:\n${served.output()}`);
  const res = await fetch(`${served.controlUrl}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
}

test('the Overview shows the simulated primary live, reacts to a node going down within one poll, and recovers', async ({ page }) => {
  await page.goto(`${served.url}#token=${served.token}`);
  await expect(page.getByTestId('app')).toHaveAttribute('data-app-state', 'ready');
  const card = page.getByTestId('primary-card').first();
  await expect(card).toHaveAttribute('data-status', 'up', { timeout: 10_000 });
  await expect(card.getByTestId('primary-version')).toContainText(/\d+\.\d+\.\d+/);
  await expect(card.getByTestId('node-row')).toHaveCount(3);
  await expect(card.getByTestId('repo-total')).toContainText(/[1-9]\d*/);
  expect(page.url()).not.toContain('token=');

  const targetId = await card.getAttribute('data-primary-id');
  const victim = await card.getByTestId('node-row').nth(1).getAttribute('data-node-name');
  await setFault({ targetId, fault: { kind: 'node-down', node: victim }, enabled: true });
  const started = Date.now();
  const victimRow = card.locator(`[data-testid="node-row"][data-node-name="${victim}"]`);
  // One poll interval, plus the poll's own time and the push to the page.
  await expect(victimRow).toHaveAttribute('data-status', 'down', { timeout: POLL_SECONDS * 1000 + 2_500 });
  await expect(card).toHaveAttribute('data-status', 'degraded');
  test.info().annotations.push({ type: 'reaction', description: `${Date.now() - started} ms` });

  await setFault({ targetId, fault: { kind: 'node-down', node: victim }, enabled: false });
  await expect(victimRow).toHaveAttribute('data-status', 'up', { timeout: POLL_SECONDS * 2000 + 5_000 });
  await expect(card).toHaveAttribute('data-status', 'up');
});

test('the presenter drawer switches an HTML login page on and off; the last good data stays visible', async ({ page }) => {
  await page.goto(`${served.url}#token=${served.token}`);
  const card = page.getByTestId('primary-card').first();
  await expect(card).toHaveAttribute('data-status', 'up', { timeout: 10_000 });
  const total = await card.getByTestId('repo-total').textContent();
  await page.getByTestId('open-presenter').click();
  const toggle = page.getByTestId('demo-html-login').first();
  await toggle.click();
  await expect(card).toHaveAttribute('data-status', 'unknown', { timeout: POLL_SECONDS * 1000 + 5_000 });
  await expect(card.getByTestId('primary-error')).toContainText(/HTML/i);
  await expect(card.getByTestId('repo-total')).toHaveText(total ?? '');
  await toggle.click();
  await expect(card).toHaveAttribute('data-status', 'up', { timeout: POLL_SECONDS * 2000 + 5_000 });
});

test('browser-mode API: the token is required and the snapshot carries the primary', async ({ request }) => {
  const none = await request.get(`${served.url}api/snapshot`);
  expect(none.status()).toBe(401);
  expect((await none.json()).error.code).toBe('auth');
  const res = await request.get(`${served.url}api/snapshot`, { headers: { authorization: `Bearer ${served.token}` } });
  expect(res.status()).toBe(200);
  const snap = await res.json();
  expect(snap.primaries[0].version).toMatch(/\d+\.\d+/);
  expect(snap.primaries[0].nodes.length).toBeGreaterThanOrEqual(3);
  expect(snap.primaries[0].repositories.total).toBeGreaterThan(100);
  const bad = await request.post(`${served.url}api/getHistory`, { headers: { authorization: `Bearer ${served.token}` }, data: { targetId: 42 } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.code).toBe('invalid-argument');
});
