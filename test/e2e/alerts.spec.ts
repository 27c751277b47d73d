import { expect, test, type Page } from '@playwright/test';
import { serve, type Served } from './fixtures/serve';
import { NOTIFY_INTERVAL_MS } from '../../shared/logic/alert-notifier';

const POLL_SECONDS = 2;
let served: Served;

test.beforeAll(async () => {
  served = await serve(['--demo', '--poll-interval', String(POLL_SECONDS)]);
});
test.afterAll(async () => {
  await served?.stop();
});

async function api<T>(name: string, body: unknown): Promise<T> {
  const res = await fetch(`${served.url}api/${name}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${served.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as T;
  expect(res.status, JSON.stringify(json)).toBe(200);
  return json;
}

/** Every Notification the page creates is counted in window.__notifications, and the permission is granted when asked. */
async function stubNotifications(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const shown: Array<{ title: string; body: string }> = [];
    (globalThis as unknown as { __notifications: typeof shown }).__notifications = shown;
    class StubNotification {
      static permission = 'default';
      static async requestPermission(): Promise<string> {
        StubNotification.permission = 'granted';
        return 'granted';
      }
      onclick: (() => void) | null = null;
      constructor(title: string, options: { body: string }) {
        shown.push({ title, body: options.body });
      }
      close(): void {}
    }
    Object.defineProperty(globalThis, 'Notification', { value: StubNotification, configurable: true });
  });
}

const notifications = (page: Page) => page.evaluate(() => (globalThis as unknown as { __notifications: Array<{ title: string }> }).__notifications);

test('acknowledge and silence alerts: muted until the silence expires (demo clock), then live again; one notification for a new critical alert', async ({
  page,
}) => {
  // A critical notification may wait out the notifier's 30 s rate limit (below).
  test.slow();
  await stubNotifications(page);
  await page.goto(`${served.url}#token=${served.token}`);
  await expect(page.getByTestId('app')).toHaveAttribute('data-app-state', 'ready');
  const cards = page.getByTestId('primary-card');
  await expect(cards.first()).toHaveAttribute('data-status', 'up', { timeout: 10_000 });
  const [first, second] = [await cards.nth(0).getAttribute('data-primary-id'), await cards.nth(1).getAttribute('data-primary-id')];
  const victim = await cards.nth(1).getByTestId('node-row').nth(1).getAttribute('data-node-name');

  await page.getByTestId('notify-toggle').click();
  await expect(page.getByTestId('notify-toggle')).toHaveAttribute('aria-pressed', 'true');

  await api('setDemoFault', { targetId: first, fault: { kind: 'server-error' }, enabled: true });
  const down = page.locator(`[data-testid="alert"][data-alert-id="${first}:down"]`);
  await expect(down).toHaveAttribute('data-severity', 'critical', { timeout: POLL_SECONDS * 1000 + 5_000 });
  // Only critical notifications are counted: on a loaded machine a slow poll may add a warning of
  // its own, and a warning shown first holds the critical one for the notifier's rate limit.
  const critical = async () => (await notifications(page)).filter((n) => n.title.startsWith('Critical:'));
  await expect.poll(async () => (await critical()).length, { timeout: NOTIFY_INTERVAL_MS + 5_000 }).toBe(1);
  const [note] = await critical();
  expect(note?.title).toMatch(/^Critical: .+ is down$/);

  // Acknowledge a warning on the second primary.
  await api('setDemoFault', { targetId: second, fault: { kind: 'node-down', node: victim }, enabled: true });
  const degraded = page.locator(`[data-testid="alert"][data-alert-id="${second}:degraded"]`);
  await expect(degraded).toBeVisible({ timeout: POLL_SECONDS * 1000 + 5_000 });
  await degraded.getByRole('button', { name: /^Acknowledge .*…$/ }).click();
  await degraded.getByLabel('Note').fill('node being replaced');
  await degraded.getByRole('button', { name: 'Acknowledge', exact: true }).click();
  await expect(degraded).toHaveAttribute('data-muted', 'acknowledged');
  await expect(degraded.getByTestId('alert-mute')).toContainText('node being replaced');

  // Silence the critical one for 15 minutes.
  await down.getByRole('button', { name: /^Silence .*…$/ }).click();
  await down.getByLabel('for').selectOption({ label: '15 min' });
  await down.getByRole('button', { name: 'Silence', exact: true }).click();
  await expect(down).toHaveAttribute('data-muted', 'silenced');
  await expect(down.getByTestId('alert-mute')).toContainText('Silenced by');

  // Fourteen minutes on (the demo's clock control), still muted through the next polls.
  await api('shiftDemoClock', { seconds: 14 * 60 });
  type Snap = { alerts: Array<{ id: string; silence?: { endsAt: number } | null }> };
  const silenced = async (): Promise<boolean> => Boolean((await api<Snap>('getSnapshot', {})).alerts.find((a) => a.id === `${first}:down`)?.silence);
  expect(await silenced()).toBe(true);
  await expect(down).toHaveAttribute('data-muted', 'silenced');
  // Past the end: it fires again, live, with its buttons back.
  await api('shiftDemoClock', { seconds: 61 });
  expect(await silenced()).toBe(false);
  await expect(down).not.toHaveAttribute('data-muted', /.+/, { timeout: POLL_SECONDS * 1000 + 5_000 });
  await expect(down.getByRole('button', { name: /^Silence .*…$/ })).toBeVisible();
  await expect(degraded).toHaveAttribute('data-muted', 'acknowledged');

  // The events request has the story, demo faults marked as such.
  const { events } = await api<{ events: Array<{ kind: string; targetId: string; demo: boolean; text: string }> }>('getEvents', {
    targetIds: [first],
    order: 'asc',
  });
  expect(events.find((e) => e.kind === 'demo-fault')?.demo).toBe(true);
  expect(events.some((e) => e.kind === 'alert-opened' && e.text.endsWith('is down'))).toBe(true);
  expect(events.some((e) => e.kind === 'status' && /→ down/.test(e.text))).toBe(true);
  const actions = (await api<{ events: Array<{ text: string }> }>('getEvents', { kinds: ['admin-action'] })).events.map((e) => e.text);
  expect(actions.some((t) => /Acknowledge the alert/.test(t))).toBe(true);
  expect(actions.some((t) => /Silence alerts "down" of .+ for 15 min/.test(t))).toBe(true);
});
