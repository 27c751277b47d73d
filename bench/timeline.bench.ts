// The Timeline over 100,000 events in history.db (a busy fleet's week), in Debian's Chromium with
// the CPU slowed 2× through CDP as the other UI benches: the longest main-thread task while the
// Timeline first renders (events list, four stacked charts, their markers) and while a drag on a
// chart zooms every chart. Bound (issue 15, DESIGN: no task over 50 ms): longest task ≤ 50 ms.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { openHistoryStore } from '../electron/engine/store/history-store';
import { FLEET_EVENT_KINDS, type NewFleetEvent } from '../shared/model';
import { serve } from '../test/e2e/fixtures/serve';
import { report } from './helpers/report';
import { launchChromium } from './helpers/bench-page';
import { observeLongTasks } from './helpers/long-tasks';

const EVENTS = 100_000;
const PER_BATCH = 50;
const SPAN_MS = 7 * 86_400_000;
const CPU_SLOWDOWN = 2;
const GOAL_MS = 50;
/** Quiet time after the screen settled, so a late task (a marker read, a layout) is counted too. */
const SETTLE_MS = 1_500;
// The demo's own targets, so markers land on its charts, and others as a larger fleet has.
const TARGETS = ['prod-eu', 'prod-us', 'gluster-demo', ...Array.from({ length: 37 }, (_, i) => `target-${i}`)];
const SEVERITIES = ['info', 'warning', 'critical'] as const;

const dataDir = mkdtempSync(join(tmpdir(), 'fleetscope-timeline-bench-'));
const end = Date.now();
// `serve --demo` keeps the demo's history in the data folder's demo/ (electron/host/launch.ts).
mkdirSync(join(dataDir, 'demo'));
const store = openHistoryStore({ path: join(dataDir, 'demo', 'history.db') });
for (let i = 0; i < EVENTS; i += PER_BATCH) {
  const batch: NewFleetEvent[] = Array.from({ length: PER_BATCH }, (_, j) => {
    const n = i + j;
    const target = TARGETS[n % TARGETS.length]!;
    return {
      at: end - SPAN_MS + Math.floor((n / EVENTS) * (SPAN_MS - 60_000)),
      kind: FLEET_EVENT_KINDS[n % FLEET_EVENT_KINDS.length]!,
      severity: SEVERITIES[n % 3]!,
      targetId: target,
      subject: null,
      text: `event ${n}: something changed on ${target}`,
      demo: false,
    };
  });
  store.recordEvents(batch);
}
store.close();

/** Chromium's trace categories that carry each main-thread task with its wall and thread (CPU) time. */
const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  ...(process.env.TIMELINE_TRACE_DIR ? ['v8.execute', 'disabled-by-default-v8.cpu_profiler', 'blink.user_timing'] : []),
];
type TraceEvent = { name: string; ph: string; pid: number; tid: number; dur?: number; tdur?: number; args?: { name?: string } };

/**
 * The renderer main thread's longest task in the trace, by wall time (`dur`) and by CPU time
 * (`tdur`), in ms. The long-task observer only reports tasks over 50 ms; the trace shows how
 * far under the bound the others stay. On a machine shared with other jobs a task's wall time
 * includes the time the OS gave the core to others, its CPU time does not.
 */
function longestTraceTasks(trace: Buffer): { wall: number; cpu: number } {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && main.has(`${e.pid}:${e.tid}`));
  return { wall: Math.max(0, ...tasks.map((e) => (e.dur ?? 0) / 1000)), cpu: Math.max(0, ...tasks.map((e) => (e.tdur ?? 0) / 1000)) };
}

/** Tasks over 50 ms Chromium reported since the last reset, and the longest. */
async function tasksSince(page: Page): Promise<{ count: number; longest: number }> {
  const tasks = await page.evaluate(() => window.__longTasks);
  return { count: tasks.length, longest: Math.max(0, ...tasks.map((t) => t.duration)) };
}

const served = await serve(['--demo', '--poll-interval', '5', '--data-dir', dataDir]);
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await observeLongTasks(page);
  // The Activity view (no charts) with the week chosen, so the Timeline's first render is what is measured.
  await page.goto(`${served.url}#token=${served.token}`);
  await page.getByTestId('app').and(page.locator('[data-app-state="ready"]')).waitFor({ timeout: 60_000 });
  await page.evaluate(() => (window.location.hash = '#/activity?range=7d'));
  // The app fetches every view's chunk after its first data (renderer/app/views.ts): once the
  // Timeline's is in, its first render is what is measured, not a download. This first
  // `waitForFunction` also makes Playwright compile its helper script in the page's main world
  // (one task of ≈ 60 ms at 2× CPU, an EvaluateScript with no URL in the trace) before the
  // measured span rather than in it, where it was counted as the Timeline's.
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('/timeline-view-')), null, { timeout: 60_000 });
  await page.waitForTimeout(2_000);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });

  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  // The CPU profiler's start is one long task of its own (TIMELINE_TRACE_DIR only): let it pass.
  if (process.env.TIMELINE_TRACE_DIR) await page.waitForTimeout(2_000);
  await page.evaluate(() => (window.__longTasks = []));
  let started = Date.now();
  await page.getByTestId('nav-timeline').click();
  await page.locator('[data-testid="event-row"]').first().waitFor({ timeout: 30_000 });
  await page.waitForFunction(
    () => [...document.querySelectorAll('[data-testid="timeline-chart"]')].filter((c) => Number(c.getAttribute('data-markers')) > 0).length === 4,
    null,
    {
      timeout: 30_000,
    },
  );
  const firstMs = Date.now() - started;
  await page.waitForTimeout(SETTLE_MS);
  const first = await tasksSince(page);
  const firstTrace = await browser.stopTracing();
  if (process.env.TIMELINE_TRACE_DIR) writeFileSync(join(process.env.TIMELINE_TRACE_DIR, `first-${Date.now()}.json`), firstTrace);
  const firstTraced = longestTraceTasks(firstTrace);
  const listed = Number(await page.getByTestId('event-list').getAttribute('data-count'));
  const rendered = await page.getByTestId('event-row').count();
  const markers = Number(await page.getByTestId('timeline-chart').first().getAttribute('data-markers'));
  if (process.env.TIMELINE_BENCH_DEBUG) process.stdout.write(`listed ${listed}: ${await page.getByTestId('event-row').first().textContent()}\n`);

  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  // The CPU profiler's start is one long task of its own (TIMELINE_TRACE_DIR only): let it pass.
  if (process.env.TIMELINE_TRACE_DIR) await page.waitForTimeout(2_000);
  await page.evaluate(() => (window.__longTasks = []));
  const chart = page.getByTestId('timeline-chart').first().getByTestId('chart-pointer');
  await chart.scrollIntoViewIfNeeded();
  const box = (await chart.boundingBox())!;
  if (process.env.TIMELINE_BENCH_DEBUG) process.stdout.write(`box ${JSON.stringify(box)} ${page.url()}\n`);
  started = Date.now();
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction(() => document.querySelector('[data-testid="time-picker"]')?.getAttribute('data-live') === 'false', null, { timeout: 10_000 });
  const zoomedFrom = await page.getByTestId('time-picker').getAttribute('data-from');
  if (process.env.TIMELINE_BENCH_DEBUG)
    process.stdout.write(
      `${zoomedFrom} ${page.url()} ${JSON.stringify(await page.$$eval('[data-testid="timeline-chart"]', (cs) => cs.map((c) => c.getAttribute('data-from'))))}\n`,
    );
  await page.waitForFunction(
    (from) => [...document.querySelectorAll('[data-testid="timeline-chart"]')].every((c) => c.getAttribute('data-from') === from),
    zoomedFrom,
    { timeout: 10_000 },
  );
  await page
    .waitForFunction(() => Number(document.querySelector('[data-testid="event-list"]')?.getAttribute('data-count')) > 0, null, { timeout: 10_000 })
    .catch(async (err: unknown) => {
      await page.screenshot({ path: '/tmp/i15t/bench-fail.png' });
      throw err;
    });
  const zoomMs = Date.now() - started;
  await page.waitForTimeout(SETTLE_MS);
  const zoom = await tasksSince(page);
  const zoomTrace = await browser.stopTracing();
  if (process.env.TIMELINE_TRACE_DIR) writeFileSync(join(process.env.TIMELINE_TRACE_DIR, `zoom-${Date.now()}.json`), zoomTrace);
  const zoomTraced = longestTraceTasks(zoomTrace);
  const zoomListed = Number(await page.getByTestId('event-list').getAttribute('data-count'));

  process.stdout.write(
    `${EVENTS.toLocaleString('en-US')} events over 7 days in history.db, ${TARGETS.length} targets; Timeline over the last 7 d; CPU slowed ${CPU_SLOWDOWN}× (CDP Emulation.setCPUThrottlingRate)\n`,
  );
  process.stdout.write(`first render: list page of ${listed} events (${rendered} rows in the DOM), ${markers} markers on the first chart (one per 4 px)\n`);
  process.stdout.write(`zoom: a drag over a tenth of the chart; ${zoomListed} events listed after it\n`);
  process.stdout.write(
    `longest task = max duration of PerformanceObserver 'longtask' entries from the click (or mouse down) to ${SETTLE_MS} ms after the screen settled\n`,
  );
  process.stdout.write(
    `longest task in the trace = max wall time (dur) of the renderer main thread's RunTask trace events over the same span, the tasks under 50 ms included (the observer reports only those over); information only: tracing adds its own cost\n`,
  );
  process.stdout.write(
    `most CPU in one task = max thread time (tdur) of the renderer main thread's RunTask trace events over the same span: the time the thread itself ran, without the time other jobs of a loaded machine held the core; information only, not comparable to the bound (wall time at 2× throttle)\n`,
  );
  process.stdout.write(
    `machine: ${cpus().length} CPUs, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} (1 / 5 / 15 min)\n`,
  );
  report('Timeline first render, longest main-thread task', `${first.longest.toFixed(0)} ms`, `≤ ${GOAL_MS} ms`, first.longest <= GOAL_MS);
  report('Timeline first render, longest task in the trace (wall)', `${firstTraced.wall.toFixed(0)} ms`, 'n/a', true);
  report('Timeline first render, most CPU in one task (trace)', `${firstTraced.cpu.toFixed(0)} ms`, 'n/a', true);
  report('Timeline first render, tasks over 50 ms', String(first.count), '0', first.count === 0);
  report('Timeline first render, click → list and charts', `${firstMs} ms`, 'n/a', true);
  report('zoom, longest main-thread task', `${zoom.longest.toFixed(0)} ms`, `≤ ${GOAL_MS} ms`, zoom.longest <= GOAL_MS);
  report('zoom, longest task in the trace (wall)', `${zoomTraced.wall.toFixed(0)} ms`, 'n/a', true);
  report('zoom, most CPU in one task (trace)', `${zoomTraced.cpu.toFixed(0)} ms`, 'n/a', true);
  report('zoom, tasks over 50 ms', String(zoom.count), '0', zoom.count === 0);
  report('zoom, drag → every chart and the list on the window', `${zoomMs} ms`, 'n/a', true);
} finally {
  await browser.close();
  await served.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
