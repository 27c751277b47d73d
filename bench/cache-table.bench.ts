// The Caches view's per-repository table with 10,000 repositories, refreshed on every poll, in
// Debian's Chromium: the longest main-thread task while first loading, scrolling, updating and
// re-sorting (goal: none over 50 ms, quality-anchors.md A3/A5, issue 13 goal 5), measured with a
// long-task observer through Playwright. The page runs at 2× CPU throttling (CDP
// Emulation.setCPUThrottlingRate), as issue 13 asks, so the figure is stable on a noisy machine.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { stringify } from 'yaml';
import { serve } from '../test/e2e/fixtures/serve';
import { report } from './helpers/report';
import { spawnDemo } from './helpers/spawn-demo';

const REPOS = 10_000;
const POLL_SECONDS = 2;
const SCROLL_MS = 15_000;
const GOAL_MS = 50;
const CPU_THROTTLING = Number(process.env.BENCH_CPU_THROTTLING ?? 2);

declare global {
  interface Window {
    __longTasks: { start: number; duration: number }[];
  }
}

const demo = await spawnDemo({ primaries: 1, reposPerPrimary: REPOS, speed: 10 });
const dir = mkdtempSync(join(tmpdir(), 'fleetscope-table-bench-'));
const file = join(dir, 'fleet.yaml');
writeFileSync(file, stringify({ ...demo.config, pollIntervalSeconds: POLL_SECONDS }));
const served = await serve(['--config', file]);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLING });
  process.stdout.write(
    `Chromium at ${CPU_THROTTLING}× CPU throttling; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\n`,
  );
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  let updates = 0;
  page.on('response', (r) => {
    if (r.url().endsWith('/api/getCacheRepositories')) updates += 1;
  });
  await page.goto(`${served.url}#token=${served.token}`);
  await page.getByTestId('nav-caches').click();
  const table = page.getByTestId('cache-repo-table');
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="cache-repo-table"]')?.getAttribute('data-rows')) >= n, REPOS, {
    timeout: 60_000,
  });
  const loading = await page.evaluate(() => Math.max(0, ...window.__longTasks.map((t) => t.duration)));
  // Settle, then measure steady state only: scrolling up and down while polls refresh the table.
  await page.waitForTimeout(1_000);
  await page.evaluate(() => (window.__longTasks = []));
  updates = 0;
  // Frame times come from a passive rAF recorder; the scrolling itself is real wheel input, so
  // no script forces a layout that a user's scrolling would not.
  // A string, not a function: tsx would wrap a named closure in a helper the page lacks.
  await page.evaluate(`(() => {
    window.__frames = [];
    let last = performance.now();
    const tick = (now) => { window.__frames.push(now - last); last = now; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
  const box = (await page.getByTestId('cache-repo-scroll').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const started = Date.now();
  while (Date.now() - started < SCROLL_MS) {
    const down = Date.now() - started < SCROLL_MS / 2;
    await page.mouse.wheel(0, down ? 100 : -100);
    await page.waitForTimeout(16);
  }
  const frames = await page.evaluate(() => (window as unknown as { __frames: number[] }).__frames.slice(1));
  // Re-sorting 10,000 rows is part of using the table too.
  for (const key of ['misses', 'size', 'hitRatio', 'lastAccessed', 'hits']) await page.locator(`[data-testid="cache-repo-sort"][data-key="${key}"]`).click();
  await page.getByTestId('cache-repo-filter').fill('plat/');
  await page.getByTestId('cache-repo-filter').fill('');
  // The cleared filter re-renders after a deferred update: count the rows once it did.
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="cache-repo-table"]')?.getAttribute('data-rows')) >= n, REPOS, {
    timeout: 30_000,
  });
  const tasks = await page.evaluate(() => window.__longTasks);
  const mounted = await page.getByTestId('cache-repo-row').count();
  const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
  const rows = Number(await table.getAttribute('data-rows'));
  const longest = Math.max(0, ...tasks.map((t) => t.duration));
  const sorted = [...frames].sort((a, b) => a - b);
  const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? 0;
  report('repositories in the table', String(rows), `≥ ${REPOS}`, rows >= REPOS);
  report(
    'table refreshes during the measurement (one per poll)',
    String(updates),
    `≥ ${Math.floor(SCROLL_MS / 1000 / POLL_SECONDS) - 1}`,
    updates >= Math.floor(SCROLL_MS / 1000 / POLL_SECONDS) - 1,
  );
  report('longest main-thread task, scroll + update + sort', `${longest.toFixed(0)} ms`, `≤ ${GOAL_MS} ms`, longest <= GOAL_MS);
  report('long tasks (> 50 ms) during the measurement', String(tasks.length), '0', tasks.length === 0);
  // rAF deltas jitter around 16.67 ms at 60 Hz; compare at the 0.1 ms the figure is printed with.
  report('p95 frame time while scrolling', `${p95.toFixed(1)} ms`, '≤ 16.7 ms', Number(p95.toFixed(1)) <= 16.7);
  const dropped = frames.filter((f) => f > 25).length;
  report('frames over 25 ms (dropped) while scrolling', `${dropped} of ${frames.length}`, 'n/a', true);
  report('rows mounted (virtualised)', String(mounted), '≤ visible + 10', mounted <= Math.ceil(420 / 32) + 10);
  report('DOM elements on the page', String(domNodes), '≤ 1400', domNodes <= 1_400);
  report('longest task while first loading 10,000 rows', `${loading.toFixed(0)} ms`, `≤ ${GOAL_MS} ms`, loading <= GOAL_MS);
} finally {
  await browser.close();
  await served.stop();
  await demo.stop();
  rmSync(dir, { recursive: true, force: true });
}
