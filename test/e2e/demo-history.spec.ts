import { expect, test } from '@playwright/test';
import { serve, type Served } from './fixtures/serve';

// Issue 17: a fresh `serve --demo` has a past. The simulated fleet back-fills its last seven days
// through the history store when it starts, so the hit-rate chart's 24 h and 7 d ranges are full
// on the first screen, not a sliver at the right edge. (How fast: `npm run bench demo-backfill`.)

let served: Served;
test.beforeAll(async () => {
  served = await serve(['--demo']);
});
test.afterAll(async () => {
  await served?.stop();
});

/** Live polls every 5 s add a handful of points in a test's time; back-filled history adds hundreds. */
const FROM_THE_PAST = 100;

test('a fresh serve --demo shows a full 24 h and 7 d hit-rate chart', async ({ page }) => {
  // It waits the back-fill out before the ranges: on a shared 2-core machine that alone can take a minute.
  test.slow();
  await page.goto(`${served.url}#token=${served.token}`);
  await page.getByTestId('nav-caches').click();
  const primary = page.locator('[data-testid="caches-primary"]').first();
  const chart = primary.getByTestId('cache-chart');
  // From the first screen on, the 7 d chart is either drawn from the past or says how far the
  // back-fill is: never a blank week. (How soon: `npm run bench -- first-data`.)
  await page.getByTestId('time-range-7d').click();
  await expect
    .poll(async () => (await chart.getByTestId('backfill-progress').count()) > 0 || Number(await chart.getAttribute('data-points')) > FROM_THE_PAST, {
      // The Caches view's chunk and first statistics read: seconds on a loaded 2-core machine.
      timeout: 20_000,
    })
    .toBe(true);
  const note = chart.getByTestId('backfill-progress');
  if ((await note.count()) > 0) await expect(note).toHaveText(/^Back-filling \d+ (days|day|hours|hour) of demo history… \d+ %$/);
  // Once written, the note goes.
  await expect(note).toHaveCount(0, { timeout: 60_000 });
  // Every chart reads the one time range of the header's picker.
  for (const range of ['24h', '7d']) {
    await page.getByTestId(`time-range-${range}`).click();
    await expect(page.getByTestId(`time-range-${range}`)).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(async () => Number(await chart.getAttribute('data-points')), { message: `points in the ${range} range` }).toBeGreaterThan(FROM_THE_PAST);
    await expect(chart.getByTestId('cache-chart-empty')).toHaveCount(0);
  }

  // The same history through the contract: once the back-fill is through, its oldest point is about a week old.
  const id = await primary.getAttribute('data-primary-id');
  const api = async <T>(name: string, body: unknown): Promise<T> => {
    const res = await fetch(`${served.url}api/${name}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${served.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await res.json()) as T;
  };
  await expect
    .poll(async () => {
      const week = await api<{ all: Array<[number, number]> }>('getCacheHistory', { primaryId: id, rangeSeconds: 604_800, maxPoints: 2000 });
      return Date.now() - (week.all[0]?.[0] ?? Date.now());
    })
    .toBeGreaterThan(6.5 * 86_400_000);

  // The past incidents are on the record for the Timeline: the disk-guard trip among them.
  await expect
    .poll(async () => {
      const { events } = await api<{ events: Array<{ kind: string; text: string }> }>('getEvents', { limit: 500 });
      return events.some((e) => e.kind === 'cache-switched' && /disk guard/.test(e.text));
    })
    .toBe(true);
});
