import { expect, test, type APIRequestContext } from '@playwright/test';
import { startDemoProcess, type DemoProcess } from './fixtures/demo-process';
import { serve, type Served } from './fixtures/serve';

// The simulated fleet runs on its own (`fleetscope demo`), so this test knows its credentials and
// can ask the demo primaries directly what the UI and the API changed; Fleetscope watches it
// through `serve --config`, exactly as it would a real fleet.

const POLL_SECONDS = 2;
type Endpoint = { id: string; name: string; baseUrl: string; read: { token: string } };

let demo: DemoProcess;
let served: Served;
let primaries: Endpoint[];
let controlUrl: string;

test.beforeAll(async () => {
  demo = await startDemoProcess(['--port-base', '0']);
  controlUrl = demo.controlUrl;
  primaries = demo.config.primaries;
  served = await serve(['--config', demo.writeConfig(POLL_SECONDS)]);
});

test.afterAll(async () => {
  await served?.stop();
  await demo?.stop();
});

/** What the demo primary itself answers, as a Bitbucket admin would see it. */
async function atDemo(p: Endpoint, path: string): Promise<unknown> {
  const res = await fetch(`${p.baseUrl}/rest/scm-cache/latest/${path}`, { headers: { authorization: `Bearer ${p.read.token}` } });
  expect(res.status).toBe(200);
  return res.json();
}

const auth = () => ({ authorization: `Bearer ${served.token}` });

async function snapshotCache(request: APIRequestContext, id: string) {
  const res = await request.get(`${served.url}api/snapshot`, { headers: auth() });
  expect(res.status()).toBe(200);
  return (await res.json()).primaries.find((p: { id: string }) => p.id === id).cache;
}

test('changing the clone-cache TTL in the UI changes what the demo primary answers', async ({ page }) => {
  const eu = primaries[0]!;
  await page.goto(`${served.url}#token=${served.token}`);
  await page.getByTestId('nav-caches').click();
  const view = page.locator(`[data-testid="caches-primary"][data-primary-id="${eu.id}"]`);
  await expect(view.getByTestId('cache-status')).toHaveAttribute('data-status', 'up', { timeout: 15_000 });
  await expect(view.locator('[data-testid="cache-unsupported"][data-cache="refs"]')).toContainText('Not supported on this Bitbucket version (8.19.5)');
  const ttl = view.locator('[data-testid="cache-ttl"][data-cache="upload-pack"]');
  await expect(ttl).toHaveAttribute('data-seconds', '14400');

  const editor = view.locator('[data-testid="ttl-editor"][data-cache="upload-pack"]');
  await editor.getByTestId('ttl-input').fill('-3');
  await expect(editor.getByTestId('ttl-error')).toContainText('negative');
  await expect(editor.getByTestId('ttl-apply')).toBeDisabled();
  await editor.getByTestId('ttl-input').fill('90');
  await editor.getByTestId('ttl-unit').selectOption('min');
  await editor.getByTestId('ttl-apply').click();
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog).toContainText('from 4 h to 90 min (5400 s)');
  await dialog.getByTestId('confirm-action').click();
  await expect(view.getByTestId('cache-action-done')).toBeVisible();
  await expect(ttl).toHaveAttribute('data-seconds', '5400');
  expect(await atDemo(eu, 'config/upload-pack/ttl')).toBe(5400);
});

test('clearing one repository in the UI resets its entry at the demo primary; the Activity view shows it', async ({ page }) => {
  const eu = primaries[0]!;
  await page.goto(`${served.url}#token=${served.token}`);
  await page.getByTestId('nav-caches').click();
  const view = page.locator(`[data-testid="caches-primary"][data-primary-id="${eu.id}"]`);
  const first = view.getByTestId('cache-repo-row').first();
  await expect(first).toBeVisible({ timeout: 15_000 });
  const repo = (await first.getAttribute('data-repo'))!;
  expect(Number(await first.getAttribute('data-hits'))).toBeGreaterThan(0);
  expect(((await atDemo(eu, `caches/${repo}`)) as { hits: number }).hits).toBeGreaterThan(0);

  await first.getByTestId('cache-repo-clear').click();
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog).toContainText(`cached for ${repo}`);
  await expect(dialog).toContainText('Other repositories are not affected');
  await dialog.getByTestId('confirm-action').click();
  await expect(view.getByTestId('cache-action-done')).toBeVisible();
  // Counted from zero since the clear: the clones that arrived since (a few at most) miss first.
  const after = (await atDemo(eu, `caches/${repo}`)) as { hits: number; misses: number };
  expect(after.hits).toBeLessThanOrEqual(1);
  expect(after.misses).toBeLessThanOrEqual(3);
  await view.getByTestId('cache-repo-filter').fill(repo);
  await expect(view.locator(`[data-testid="cache-repo-row"][data-repo="${repo}"]`)).toHaveAttribute('data-hits', /^[0-2]$/);

  await page.getByTestId('nav-activity').click();
  const row = page.locator('[data-testid="activity-row"][data-action="clearCache"]').first();
  await expect(row).toHaveAttribute('data-outcome', 'succeeded');
  await expect(row).toHaveAttribute('data-target-id', eu.id);
  await expect(row).toContainText(repo);
});

test('the four actions through POST /api answer {ok, auditId} and the next snapshot shows each change', async ({ request }) => {
  const [eu, us] = primaries as [Endpoint, Endpoint];
  const post = async (name: string, data: unknown) => {
    const res = await request.post(`${served.url}api/${name}`, { headers: auth(), data });
    const body = await res.json();
    expect(res.status(), JSON.stringify(body)).toBe(200);
    expect(body).toEqual({ ok: true, auditId: expect.any(String) });
    return body.auditId as string;
  };

  const before = await snapshotCache(request, us.id);
  expect(before).toMatchObject({
    config: { refs: { enabled: true, ttlSeconds: 60 } },
    totals: { size: expect.any(Number), hits: expect.any(Number), misses: expect.any(Number), hitRatio: expect.any(Number) },
    diskGuardTripped: false,
  });

  await post('setCacheTtl', { primaryId: us.id, cache: 'refs', seconds: 120 });
  expect((await snapshotCache(request, us.id)).config.refs.ttlSeconds).toBe(120);
  expect(await atDemo(us, 'config/refs/ttl')).toBe(120);

  await post('setCacheEnabled', { primaryId: us.id, cache: 'refs', enabled: false });
  expect((await snapshotCache(request, us.id)).config.refs.enabled).toBe(false);

  await post('setCacheProtocol', { primaryId: eu.id, protocol: 'ssh', enabled: false });
  expect((await snapshotCache(request, eu.id)).config.protocols).toEqual({ http: true, ssh: false });
  expect(await atDemo(eu, 'config/protocols')).toEqual(['http']);
  await post('setCacheProtocol', { primaryId: eu.id, protocol: 'ssh', enabled: true });

  const cleared = await post('clearCache', { primaryId: us.id });
  const after = await snapshotCache(request, us.id);
  expect(after.totals.hits).toBeLessThan(before.totals.hits / 100);
  expect(after.totals.size).toBeLessThan(before.totals.size);

  const log = await request.post(`${served.url}api/getAuditLog`, { headers: auth(), data: { limit: 1 } });
  expect((await log.json()).entries[0]).toMatchObject({ id: cleared, action: 'clearCache', outcome: 'succeeded', targetId: us.id });

  const bad = await request.post(`${served.url}api/setCacheTtl`, { headers: auth(), data: { primaryId: eu.id, cache: 'upload-pack', seconds: -1 } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.code).toBe('invalid-argument');
  const unsupported = await request.post(`${served.url}api/setCacheTtl`, { headers: auth(), data: { primaryId: eu.id, cache: 'refs', seconds: 30 } });
  expect(unsupported.status()).toBeGreaterThanOrEqual(400);
  expect((await unsupported.json()).error.message).toMatch(/does not support this/);
});

test('a nearly full disk trips the disk guard: the snapshot flags it and the view says what to do', async ({ page, request }) => {
  const eu = primaries[0]!;
  const fault = (enabled: boolean) =>
    fetch(`${controlUrl}/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ targetId: eu.id, fault: { kind: 'cache-disk-full' }, enabled }),
    });
  expect((await fault(true)).status).toBe(200);
  try {
    await page.goto(`${served.url}#token=${served.token}`);
    await page.getByTestId('nav-caches').click();
    await expect(page.getByTestId('disk-guard-banner')).toContainText('Caching is off: the disk guard tripped', { timeout: POLL_SECONDS * 1000 + 5_000 });
    expect(await snapshotCache(request, eu.id)).toMatchObject({ diskGuardTripped: true, status: 'degraded', active: false });
  } finally {
    await fault(false);
  }
  await expect(page.getByTestId('disk-guard-banner')).toHaveCount(0, { timeout: POLL_SECONDS * 2000 + 5_000 });
});
