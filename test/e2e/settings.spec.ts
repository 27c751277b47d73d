import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startDemoProcess, type DemoEndpoint, type DemoProcess } from './fixtures/demo-process';
import { serve, type Served } from './fixtures/serve';

// A second simulated fleet stands in for the user's own Bitbucket; the app starts on the demo.
let own: DemoProcess;
let ownPrimary: DemoEndpoint;
let served: Served;
let home: string;

test.beforeAll(async () => {
  own = await startDemoProcess();
  ownPrimary = own.config.primaries[0]!;
  home = mkdtempSync(join(tmpdir(), 'fs-e2e-settings-'));
  served = await serve(['--demo', '--poll-interval', '2'], {
    XDG_CONFIG_HOME: join(home, 'config'),
    FLEETSCOPE_CONFIG: '',
    BB_E2E_READ_TOKEN: ownPrimary.read.token,
    BB_E2E_ADMIN_PASSWORD: ownPrimary.admin.password,
  });
});
test.afterAll(async () => {
  await served?.stop();
  await own?.stop();
  if (home) rmSync(home, { recursive: true, force: true });
});

test('on the demo, Settings → Polling changes the SCM cache statistics schedule and the Caches view reads on it', async ({ page }) => {
  await page.goto(`${served.url}#token=${served.token}`);
  await page.getByTestId('nav-settings').click();
  const form = page.getByTestId('cache-statistics-form');
  await form.getByRole('spinbutton', { name: /cache statistics every/ }).fill('2');
  await form.getByRole('spinbutton', { name: /KB\/s per primary/ }).fill('128');
  await page.getByRole('button', { name: 'Apply the cache statistics schedule' }).click();
  // The answer is the schedule in force, shown back in the form.
  await expect(form.getByRole('spinbutton', { name: /KB\/s per primary/ })).toHaveValue('128', { timeout: 15_000 });
  await page.getByTestId('nav-caches').click();
  await expect(page.getByTestId('cache-statistics-read').first()).toContainText('read every 2 min within 128 KB/s', { timeout: 15_000 });
  expect(existsSync(join(home, 'config', 'fleetscope', 'fleet.yaml'))).toBe(false);
});

test('add my own primary in Settings: test the connection, save, and watch it instead of the demo; no secret in the file', async ({ page }) => {
  await page.goto(`${served.url}#token=${served.token}`);
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('settings-demo-note')).toBeVisible();
  await expect(page.getByTestId('secret-storage')).toContainText('Browser mode has no vault');
  const fleetFile = join(home, 'config', 'fleetscope', 'fleet.yaml');

  // The interval shown is the demo's own; changing it retunes the demo and writes no fleet file.
  const seconds = page.getByRole('spinbutton', { name: /Poll every/ });
  await expect(seconds).toHaveValue('2');
  await seconds.fill('7');
  await page.getByRole('button', { name: 'Apply the poll interval' }).click();
  await expect(seconds).toHaveValue('7');
  await expect(page.getByTestId('settings-demo-note')).toBeVisible();
  expect(existsSync(fleetFile)).toBe(false);

  await page.getByTestId('add-primary').click();
  await page.getByTestId('primary-id').fill('mine');
  await page.getByTestId('primary-name').fill('My Bitbucket');
  await page.getByTestId('primary-baseUrl').fill(ownPrimary.baseUrl);
  await page.getByTestId('read-kind').selectOption('token');
  await page.getByTestId('read-mode').selectOption('env');
  await page.getByTestId('read-env').fill('BB_E2E_READ_TOKEN');
  await page.getByTestId('admin-kind').selectOption('basic');
  await page.getByTestId('admin-username').fill(ownPrimary.admin.username);
  await page.getByTestId('admin-mode').selectOption('env');
  await page.getByTestId('admin-env').fill('BB_E2E_ADMIN_PASSWORD');

  await page.getByTestId('test-connection').click();
  const report = page.getByTestId('connection-report');
  await expect(report).toHaveAttribute('data-ok', 'true');
  await expect(report.locator('[data-step="read-credential"]')).toContainText('Authenticates as svc-fleetscope-read');
  await expect(report.locator('[data-step="admin-credential"]')).toHaveAttribute('data-status', 'ok');

  await page.getByTestId('save-primary').click();
  const confirm = page.getByRole('dialog');
  await expect(confirm).toContainText('ends the demo');
  expect(existsSync(fleetFile)).toBe(false);
  await confirm.getByRole('button', { name: 'Save and switch' }).click();
  // A save answers once the new engine has started beside the running one (transactional saves).
  await expect(page.getByTestId('settings-primary')).toHaveCount(1, { timeout: 20_000 });
  await expect(page.getByTestId('settings-demo-note')).toHaveCount(0);

  await page.getByTestId('nav-overview').click();
  const card = page.locator('[data-testid="primary-card"][data-primary-id="mine"]');
  await expect(card).toHaveAttribute('data-status', 'up', { timeout: 15_000 });
  await expect(page.getByTestId('primary-card')).toHaveCount(1);
  // A configured fleet has nothing to switch: no presenter button, drawer or shortcut.
  await expect(page.getByTestId('open-presenter')).toHaveCount(0);
  await page.keyboard.press('p');
  await expect(page.getByTestId('presenter-drawer')).toHaveCount(0);

  const file = readFileSync(fleetFile, 'utf8');
  expect(file).toContain('${env:BB_E2E_READ_TOKEN}');
  expect(file).not.toContain(ownPrimary.read.token);
  expect(file).not.toContain(ownPrimary.admin.password);
});
