import { expect, test, type Locator, type Page } from '@playwright/test';
import { serve, type Served } from './fixtures/serve';

const POLL_SECONDS = 2;
/** Two polls, plus a poll's own time over SSH and the push to the page. */
const TWO_POLLS_MS = 2 * POLL_SECONDS * 1000 + 4_000;
const VOLUME = 'bbshared';
const BRICK = 'gluster2:/data/glusterfs/bbshared/brick1';
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
  expect(res.status, await res.text()).toBe(200);
}

/** The shared range the time picker shows, as the route keeps it. */
const windowOf = async (page: Page): Promise<{ from: number; to: number; live: string | null }> => {
  const picker = page.getByTestId('time-picker');
  return {
    from: Number(await picker.getAttribute('data-from')),
    to: Number(await picker.getAttribute('data-to')),
    live: await picker.getAttribute('data-live'),
  };
};

/** Drags across a chart's plot from one fraction of its width to another, as a person selects a window to zoom to. */
async function dragAcross(chart: Locator, start: number, end: number): Promise<void> {
  const layer = chart.getByTestId('chart-pointer');
  await layer.scrollIntoViewIfNeeded();
  const box = (await layer.boundingBox())!;
  const y = box.y + box.height / 2;
  await chart.page().mouse.move(box.x + box.width * start, y);
  await chart.page().mouse.down();
  await chart.page().mouse.move(box.x + box.width * ((start + end) / 2), y, { steps: 4 });
  await chart.page().mouse.move(box.x + box.width * end, y, { steps: 4 });
  await chart.page().mouse.up();
}

test('a node and a brick down then back: four events in order on the Timeline, markers on the Overview and heal charts, one zoom for every chart, kept in the route', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await page.goto(`${served.url}#token=${served.token}`);
  await expect(page.getByTestId('app')).toHaveAttribute('data-app-state', 'ready');
  const card = page.getByTestId('primary-card').first();
  await expect(card).toHaveAttribute('data-status', 'up', { timeout: 10_000 });
  const primaryId = (await card.getAttribute('data-primary-id'))!;
  const node = (await card.getByTestId('node-row').nth(1).getAttribute('data-node-name'))!;
  const volumeRow = page.locator(`[data-testid="overview-volume"][data-volume="${VOLUME}"]`);
  await expect(volumeRow).toHaveAttribute('data-verdict', 'ok', { timeout: 15_000 });

  // Node down, then brick down, then each back: each change waits to be seen, so each is its own poll.
  const nodeRow = card.locator(`[data-testid="node-row"][data-node-name="${node}"]`);
  await setFault({ targetId: primaryId, fault: { kind: 'node-down', node }, enabled: true });
  await expect(nodeRow).toHaveAttribute('data-status', 'down', { timeout: TWO_POLLS_MS });
  await setFault({ targetId: 'gluster-demo', fault: { kind: 'gluster-brick-down', volume: VOLUME, brick: BRICK }, enabled: true });
  await expect(volumeRow).toHaveAttribute('data-verdict', 'degraded', { timeout: TWO_POLLS_MS });
  await setFault({ targetId: primaryId, fault: { kind: 'node-down', node }, enabled: false });
  await expect(nodeRow).toHaveAttribute('data-status', 'up', { timeout: TWO_POLLS_MS + 4_000 });
  await setFault({ targetId: 'gluster-demo', fault: { kind: 'gluster-brick-down', volume: VOLUME, brick: BRICK }, enabled: false });
  // The brick's finding clears after two polls; the writes it missed heal back on the next heal read (10 s in the demo).
  await expect(volumeRow).toHaveAttribute('data-verdict', 'ok', { timeout: 2 * TWO_POLLS_MS + 15_000 });

  // The Timeline, status changes only: the four events, newest first.
  await page.getByTestId('nav-timeline').click();
  await page.getByTestId('timeline-filter-kind').selectOption('status');
  const rows = page.getByTestId('event-row');
  const nodeText = new RegExp(`^${node} of .+: `);
  const volumeText = new RegExp(`^Volume ${VOLUME} of .+: `);
  // Each text without the reason after the dash: "node-2 of Production EU: up → down".
  const story = async (): Promise<string[]> =>
    (await rows.getByTestId('event-text').allTextContents()).map((t) => t.replace(/ — .*$/, '')).filter((t) => nodeText.test(t) || volumeText.test(t));
  await expect.poll(story, { timeout: 10_000 }).toHaveLength(4);
  const [fourth, third, second, first] = await story();
  expect(first).toMatch(new RegExp(`^${node} of .+: up → down$`));
  expect(second).toMatch(new RegExp(`^Volume ${VOLUME} of .+: up → (degraded|down)$`));
  expect(third).toMatch(new RegExp(`^${node} of .+: down → up$`));
  expect(fourth).toMatch(new RegExp(`^Volume ${VOLUME} of .+: (degraded|down) → up$`));
  await expect(page).toHaveURL(/#\/timeline\?kind=status$/);
  // The demo faults switched through the control API are events too, marked as the demo's.
  await page.getByTestId('timeline-filter-kind').selectOption('demo-fault');
  await expect(rows).toHaveCount(4);
  await expect(rows.first()).toContainText('demo');

  // Markers: the Overview's primary chart and the volume's heal chart.
  await page.getByTestId('nav-overview').click();
  const pollChart = card.getByTestId('poll-chart');
  await expect(pollChart).toBeVisible({ timeout: 10_000 });
  await expect.poll(async () => Number(await pollChart.getAttribute('data-markers'))).toBeGreaterThan(0);
  await page.getByTestId('nav-storage').click();
  const healPlot = page.locator(`[data-testid="volume-card"][data-volume="${VOLUME}"] [data-testid="heal-plot"]`);
  await expect(healPlot).toBeVisible({ timeout: 10_000 });
  await expect.poll(async () => Number(await healPlot.getAttribute('data-markers'))).toBeGreaterThan(0);
  await healPlot.getByTestId('chart-pointer').hover();
  await expect(healPlot.getByTestId('chart-tooltip')).toContainText('files waiting to heal');

  // Zoom on the Overview's chart: the shared range becomes that window, and the heal chart follows.
  // The last 15 min, and a drag over its last seven and a half minutes: enough heal reads (live and
  // back-filled) for the heal chart to draw in the zoomed window, however slowly the machine polls.
  await page.getByTestId('nav-overview').click();
  await page.getByTestId('time-range-15m').click();
  await expect(page).toHaveURL(/range=15m/);
  const before = await windowOf(page);
  expect(before.live).toBe('true');
  await dragAcross(pollChart, 0.5, 0.995);
  await expect(page.getByTestId('time-picker')).toHaveAttribute('data-live', 'false');
  const zoomed = await windowOf(page);
  expect(zoomed.to - zoomed.from).toBeLessThan(before.to - before.from);
  expect(zoomed.from).toBeGreaterThan(before.from);
  await expect(pollChart).toHaveAttribute('data-from', String(zoomed.from));
  await expect(page).toHaveURL(new RegExp(`from=${zoomed.from}&to=${zoomed.to}`));
  await page.getByTestId('nav-storage').click();
  await expect(healPlot).toHaveAttribute('data-from', String(zoomed.from));
  await expect(healPlot).toHaveAttribute('data-to', String(zoomed.to));

  // A reload keeps the range; Back returns through the places and undoes the zoom.
  await page.reload();
  await expect(page.getByTestId('app')).toHaveAttribute('data-app-state', 'ready');
  await expect(healPlot).toHaveAttribute('data-from', String(zoomed.from), { timeout: 10_000 });
  // Back: the Overview zoomed (where the zoom was made), then the zoom undone.
  await page.goBack();
  await expect(pollChart).toHaveAttribute('data-from', String(zoomed.from));
  await page.goBack();
  await expect(page.getByTestId('time-picker')).toHaveAttribute('data-live', 'true');
  await expect(page).toHaveURL(/range=15m$/);
});
