import { expect, test, type Page } from '@playwright/test';
import { startDemoProcess, type DemoProcess } from './fixtures/demo-process';
import { serve, type Served } from './fixtures/serve';

// The simulated fleet runs as `fleetscope demo` in its own process and Fleetscope watches it
// through the config that command prints, as a user would; the test reads the printed
// credentials to check what the demo primary and mirrors say after each action.

const POLL_SECONDS = 2;
// Real time: a small project's initial sync (0.2–0.6 s a repository) then lasts longer than a poll, so SYNCING is seen on the way.
const SPEED = 1;
const M = '/rest/mirroring/latest';

interface DemoConfig {
  primaries: { id: string; baseUrl: string; admin: { username: string; password: string } }[];
}

let demo: DemoProcess;
let controlUrl: string;
let config: DemoConfig;
let served: Served;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  demo = await startDemoProcess(['--speed', String(SPEED)]);
  controlUrl = demo.controlUrl;
  config = demo.config;
  served = await serve(['--config', demo.writeConfig(POLL_SECONDS)]);
});

test.afterAll(async () => {
  await served?.stop();
  await demo?.stop();
});

const primary = () => config.primaries[0]!;
const basic = (): string => `Basic ${Buffer.from(`${primary().admin.username}:${primary().admin.password}`).toString('base64')}`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Bitbucket JSON, checked field by field
async function fleetGet(url: string): Promise<any> {
  const res = await fetch(url, { headers: { authorization: basic() } });
  expect(res.status, url).toBe(200);
  return res.json();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- demo state, checked field by field
async function setFault(body: unknown): Promise<any> {
  const res = await fetch(`${controlUrl}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  return res.json();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- demo state, checked field by field
async function demoState(): Promise<any> {
  return (await fetch(`${controlUrl}/state`)).json();
}

async function openMirrors(page: Page): Promise<void> {
  await page.goto(`${served.url}#token=${served.token}`);
  await expect(page.getByTestId('app')).toHaveAttribute('data-app-state', 'ready');
  await page.getByTestId('nav-mirrors').click();
  await expect(page.getByTestId('mirrors-view')).toBeVisible();
}

let acceptedMirrorId = '';

test('a pending mirror is authorized in the UI: it leaves the pending list, appears among the farms, and the primary lists it as ACCEPTED', async ({
  page,
}) => {
  await openMirrors(page);
  const request = page.locator(`[data-testid="pending-request"][data-primary-id="${primary().id}"]`);
  await expect(request).toBeVisible({ timeout: 10_000 });
  const requestId = (await request.getAttribute('data-request-id'))!;
  const pending = await fleetGet(`${primary().baseUrl}${M}/requests/${requestId}`);
  acceptedMirrorId = pending.mirrorId;
  const farmsOfPrimary = page.locator(`[data-testid="farm-card"][data-primary-id="${primary().id}"]`);
  await expect(farmsOfPrimary).toHaveCount(2);

  await request.getByTestId('authorize-request').click();
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog).toContainText(pending.mirrorName);
  await expect(dialog).toContainText('grants it the content of the projects it is given');
  await dialog.getByTestId('confirm-action').click();

  await expect(request).toHaveCount(0);
  await expect(farmsOfPrimary).toHaveCount(3, { timeout: POLL_SECONDS * 1000 + 5_000 });
  const card = page.locator(`[data-testid="farm-card"][data-mirror-id="${acceptedMirrorId}"]`);
  await expect(card).toBeVisible({ timeout: POLL_SECONDS * 1000 + 5_000 });
  await expect(card).toHaveAttribute('data-status', 'up', { timeout: POLL_SECONDS * 1000 + 5_000 });
  await expect(card.getByTestId('farm-projects')).toHaveAttribute('data-mode', 'SELECTED_PROJECTS');

  const accepted = await fleetGet(`${primary().baseUrl}${M}/requests?state=ACCEPTED`);
  expect(accepted.values.map((r: { id: number }) => String(r.id))).toEqual([requestId]);
  expect(accepted.values[0].mirrorId).toBe(acceptedMirrorId);
});

test('choosing two projects sets exactly those in the mirror’s sync settings; their repositories go NOT_MIRRORED → SYNCING → IN_SYNC', async ({ page }) => {
  test.setTimeout(90_000);
  await openMirrors(page);
  const card = page.locator(`[data-testid="farm-card"][data-mirror-id="${acceptedMirrorId}"]`);
  await expect(card).toBeVisible({ timeout: 10_000 });
  const farmBase = (await fleetGet(`${primary().baseUrl}${M}/mirrorServers/${acceptedMirrorId}`)).baseUrl as string;

  // Pick the two smallest projects, so the initial synchronization stays short.
  const repos = await fleetGet(`${primary().baseUrl}/rest/api/1.0/repos?limit=1000&archived=ALL`);
  const sizes = new Map<string, number>();
  for (const r of repos.values as { project: { key: string } }[]) sizes.set(r.project.key, (sizes.get(r.project.key) ?? 0) + 1);
  const chosen = [...sizes.entries()]
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .slice(0, 2)
    .map(([key]) => key);
  const key = chosen[0]!;

  await card.getByTestId('show-repos').click();
  const table = page.getByTestId('mirror-repo-table');
  await table.getByTestId('mirror-repo-filter').fill(`${key}/`);
  await expect(table).toHaveAttribute('data-rows', String(sizes.get(key)));
  await expect(table.getByTestId('mirror-repo-row').first()).toHaveAttribute('data-state', 'NOT_MIRRORED');

  await card.getByTestId('choose-projects').click();
  const dialog = page.getByTestId('project-dialog');
  await expect(dialog.getByTestId('project-option').first()).toBeVisible();
  const ids: string[] = [];
  for (const k of chosen) {
    const option = dialog.locator(`[data-testid="project-option"][data-project-key="${k}"]`);
    await option.check();
    ids.push((await option.getAttribute('data-project-id'))!);
  }
  for (const k of chosen) await expect(page.getByTestId('project-consequence')).toContainText(k);
  await page.getByTestId('confirm-action').click();
  // The dialog closes when the action answers, which is after the farm's next poll shows the change.
  await expect(page.getByTestId('confirm-dialog')).toHaveCount(0, { timeout: 20_000 });

  const settings = await fleetGet(`${farmBase}${M}/syncSettings`);
  expect(settings.mode).toBe('SELECTED_PROJECTS');
  expect([...settings.projectIds].sort()).toEqual([...ids].sort());

  // On the way: the farm counts repositories syncing, and the table shows some of the project's.
  await expect(card.getByTestId('count-syncing')).not.toHaveAttribute('data-value', '0', { timeout: POLL_SECONDS * 1000 + 5_000 });
  await expect(table.locator('[data-testid="mirror-repo-row"][data-state="SYNCING"]').first()).toBeVisible({ timeout: POLL_SECONDS * 1000 + 5_000 });
  // Done: every repository of the two projects is in sync, and none is left not mirrored.
  await expect(card.getByTestId('farm-projects')).toHaveAttribute('data-project-ids', /.+,.+/);
  await page.getByTestId('mirror-repo-state').selectOption('IN_SYNC');
  await expect(table).toHaveAttribute('data-rows', String(sizes.get(key)), { timeout: 45_000 });
  await page.getByTestId('mirror-repo-state').selectOption('NOT_MIRRORED');
  await expect(table).toHaveAttribute('data-rows', '0');
  await table.getByTestId('mirror-repo-filter').fill(`${chosen[1]}/`);
  await page.getByTestId('mirror-repo-state').selectOption('IN_SYNC');
  await expect(table).toHaveAttribute('data-rows', String(sizes.get(chosen[1]!)), { timeout: 20_000 });
});

test('a repository failing on one node shows FAILING on that node within one poll interval', async ({ page }) => {
  await openMirrors(page);
  const state = await demoState();
  const farm = state.mirrors.farms.find(
    (f: { mirrorType: string; registration: string; primaryId: string }) =>
      f.mirrorType === 'FARM' && f.registration === 'accepted' && f.primaryId === primary().id,
  );
  const node = farm.nodes[1] as string;
  const card = page.locator(`[data-testid="farm-card"][data-mirror-id="${farm.id}"]`);
  await card.getByTestId('show-repos').click();
  await page.getByTestId('mirror-repo-state').selectOption('FAILING');
  const after = await setFault({ targetId: farm.id, fault: { kind: 'mirror-repo-failing', node }, enabled: true });
  const started = Date.now();
  const victim = after.mirrors.farms.find((f: { id: string }) => f.id === farm.id).faults.failing[0];
  const row = page.locator(`[data-testid="mirror-repo-row"][data-repo-id="${victim.repoId}"]`);
  await expect(row.locator(`[data-testid="mirror-repo-node"][data-node-name="${node}"]`)).toHaveAttribute('data-state', 'FAILING', {
    timeout: POLL_SECONDS * 1000 + 2_500,
  });
  test.info().annotations.push({ type: 'reaction', description: `${Date.now() - started} ms` });
  await expect(row).toHaveAttribute('data-repo', victim.repo);
  await expect(card).toHaveAttribute('data-status', 'degraded');
  await row.click();
  const detail = page.getByTestId('mirror-repo-detail');
  await expect(detail).toContainText(/failed sync/);
  // The detail is the nodes' own answer (getMirrorRepoStatus), not only the sweep's row.
  await expect(detail).toHaveAttribute('data-source', 'live', { timeout: 15_000 });
  await expect(detail.locator(`tr[data-node-name="${node}"]`)).toHaveAttribute('data-state', 'FAILING');
  await setFault({ targetId: farm.id, fault: { kind: 'mirror-repo-failing', node }, enabled: false });
});

test('browser-mode API: acceptMirrorRequest and rejectMirrorRequest answer {ok, auditId}; the snapshot carries farms with nodes and per-state counts', async ({
  request,
}) => {
  const headers = { authorization: `Bearer ${served.token}` };
  const snapshot = async () => (await request.get(`${served.url}api/snapshot`, { headers })).json();
  const handled = new Set<string>();
  // The snapshot follows the fleet after the re-poll that each action triggers.
  const waitForPending = async (): Promise<{ id: string }> => {
    for (let i = 0; i < 40; i++) {
      const s = await snapshot();
      const r = s.primaries.find((p: { id: string }) => p.id === primaryId).pendingMirrorRequests.find((x: { id: string }) => !handled.has(x.id));
      if (r) return r;
      await new Promise((res) => setTimeout(res, 250));
    }
    throw new Error('no pending mirror request appeared');
  };
  const primaryId = primary().id;
  for (const verb of ['rejectMirrorRequest', 'acceptMirrorRequest'] as const) {
    await setFault({ targetId: primaryId, fault: { kind: 'mirror-request' }, enabled: true });
    const pending = await waitForPending();
    handled.add(pending.id);
    const res = await request.post(`${served.url}api/${verb}`, { headers, data: { primaryId, requestId: pending.id } });
    expect(res.status()).toBe(200);
    expect(await res.json()).toEqual({ ok: true, auditId: expect.any(String) });
    const again = await request.post(`${served.url}api/${verb}`, { headers, data: { primaryId, requestId: pending.id } });
    expect(again.status()).toBe(409);
    expect((await again.json()).error.message).toMatch(/no longer exists/);
  }
  // The mirror accepted last appears with the re-poll that follows the action.
  await expect
    .poll(
      async () =>
        (await snapshot()).mirrorFarms.filter((f: { primaryId: string; lastPollAt: number | null }) => f.primaryId === primaryId && f.lastPollAt !== null)
          .length,
    )
    .toBe(4);
  const snap = await snapshot();
  const mine = snap.mirrorFarms.filter((f: { primaryId: string }) => f.primaryId === primaryId);
  for (const farm of mine) {
    expect(farm).toMatchObject({
      id: expect.any(String),
      name: expect.any(String),
      primaryId,
      baseUrl: expect.any(String),
      status: expect.stringMatching(/^(up|degraded|down|unknown)$/),
    });
    expect(Object.keys(farm.repos).sort()).toEqual(['failing', 'inSync', 'lagging', 'notMirrored', 'syncing', 'unknown']);
    expect(farm.nodes.length).toBeGreaterThanOrEqual(1);
  }
  expect(mine.find((f: { mirrorType: string }) => f.mirrorType === 'FARM').nodes).toHaveLength(3);
});

test('the Overview shows each farm’s health and a badge for mirrors waiting for authorization', async ({ page }) => {
  await setFault({ targetId: primary().id, fault: { kind: 'mirror-request' }, enabled: true });
  const waiting = (await demoState()).mirrors.primaries.reduce((n: number, p: { pendingRequests: number }) => n + p.pendingRequests, 0);
  await page.goto(`${served.url}#token=${served.token}`);
  const section = page.getByTestId('mirrors-overview');
  await expect(section.getByTestId('farm-health').first()).toBeVisible({ timeout: 10_000 });
  await expect(section.locator('[data-testid="farm-health"][data-status="up"]').first()).toBeVisible();
  await expect(section.getByTestId('pending-badge')).toHaveAttribute('data-count', String(waiting), { timeout: POLL_SECONDS * 1000 + 5_000 });
  await section.getByTestId('pending-badge').click();
  await expect(page.getByTestId('pending-request')).toHaveCount(waiting);
});
