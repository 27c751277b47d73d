// Search over 20,000 repositories (two primaries × 10,000) in Debian's Chromium with the CPU
// slowed 2× through CDP (a modest laptop under load, not this server): time from each keystroke
// in the command palette to the frame that shows its results, and the longest main-thread task.
// Goal (issue 12, quality-anchors A3): p95 per keystroke ≤ 50 ms and no task over 50 ms.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { serve } from '../test/e2e/fixtures/serve';
import { launchChromium } from './helpers/bench-page';
import { observeLongTasks } from './helpers/long-tasks';
import { report } from './helpers/report';
import { spawnDemo } from './helpers/spawn-demo';

const PRIMARIES = 2;
const REPOS_PER_PRIMARY = 10_000;
const REPOS = PRIMARIES * REPOS_PER_PRIMARY;
const CPU_SLOWDOWN = 2;
const GOAL_MS = 50;
const KEY_DELAY_MS = 120;

declare global {
  interface Window {
    __keys: number[];
    __latencies: number[];
  }
}

const demo = await spawnDemo({ primaries: PRIMARIES, reposPerPrimary: REPOS_PER_PRIMARY, speed: 1 });
const dir = mkdtempSync(join(tmpdir(), 'fleetscope-search-bench-'));
const file = join(dir, 'fleet.yaml');
writeFileSync(file, stringify({ ...demo.config, pollIntervalSeconds: 10 }));
const served = await serve(['--config', file]);
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await observeLongTasks(page);
  await page.addInitScript(() => {
    window.__keys = [];
    window.__latencies = [];
  });
  await page.goto(`${served.url}#token=${served.token}`);
  await page.getByTestId('app').and(page.locator('[data-app-state="ready"]')).waitFor({ timeout: 60_000 });
  // Wait for both inventories: the palette's status line counts what it can search.
  await page.keyboard.press('Control+k');
  await page.waitForFunction(
    (n) =>
      Number((/^([\d,]+) repositories/.exec(document.querySelector('[data-testid="palette-status"]')?.textContent ?? '')?.[1] ?? '0').replace(/,/g, '')) >= n,
    REPOS,
    { timeout: 120_000, polling: 500 },
  );
  const searchable = await page.getByTestId('palette-status').textContent();
  await page.keyboard.press('Escape');
  // Queries as people type them: a slug fragment, a project name, a PROJECT/slug prefix, a typo.
  const sample = await page.evaluate(() =>
    fetch('/api/getRepositoryIndex', {
      method: 'POST',
      headers: { authorization: `Bearer ${sessionStorage.getItem('fleetscope.token')}`, 'content-type': 'application/json' },
      body: '{}',
    }).then((r) => r.json() as Promise<{ repositories: { projectKey: string[]; projectName: string[]; slug: string[] } }>),
  );
  const pick = Math.floor(sample.repositories.slug.length * 0.73);
  const slug = sample.repositories.slug[pick]!;
  const queries = [
    slug.slice(0, 9),
    sample.repositories.projectName[pick]!.slice(0, 8),
    `${sample.repositories.projectKey[pick]!}/${slug.slice(0, 5)}`,
    'srevice-lib',
  ];

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  // Keystroke → next frame after the results list says it shows that query. A string, not a
  // function: tsx would wrap a named closure in a helper the page lacks.
  await page.evaluate(`(() => {
    window.__allKeys = [];
    window.addEventListener('keydown', (e) => { if (e.key.length === 1 || e.key === 'Backspace') { window.__keys.push(performance.now()); window.__allKeys.push(performance.now()); } }, true);
    let seen = null;
    const watch = () => {
      const list = document.querySelector('[data-testid="palette-results"]');
      if (!list) return requestAnimationFrame(watch);
      new MutationObserver(() => {
        const q = list.getAttribute('data-query');
        if (q === seen) return;
        seen = q;
        const started = window.__keys.shift();
        if (started === undefined) return;
        requestAnimationFrame(() => requestAnimationFrame(() => window.__latencies.push(performance.now() - started)));
      }).observe(list, { attributes: true, attributeFilter: ['data-query'] });
    };
    window.__watch = watch;
  })()`);
  await page.evaluate(() => (window.__longTasks = []));
  if (process.env.SEARCH_BENCH_TRACE) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  let keystrokes = 0;
  for (const q of queries) {
    await page.keyboard.press('Control+k');
    await page.getByTestId('palette-input').waitFor();
    await page.evaluate(`(() => { window.__keys = []; window.__watch(); })()`);
    await page.keyboard.type(q, { delay: KEY_DELAY_MS });
    keystrokes += q.length;
    await page.waitForTimeout(300);
    await page.keyboard.press('Escape');
  }
  if (process.env.SEARCH_BENCH_TRACE) writeFileSync(process.env.SEARCH_BENCH_TRACE, await browser.stopTracing());
  const latencies = await page.evaluate(() => window.__latencies);
  if (process.env.SEARCH_BENCH_DEBUG)
    process.stdout.write(
      `latencies ${latencies.map((l) => l.toFixed(0)).join(' ')}\ntasks ${JSON.stringify(await page.evaluate(() => window.__longTasks.map((t) => [Math.round(t.start), Math.round(t.duration)])))}\nkeys ${JSON.stringify(await page.evaluate(() => (window as unknown as { __allKeys: number[] }).__allKeys.map(Math.round)))}\nfetches ${JSON.stringify(
        await page.evaluate(() =>
          performance
            .getEntriesByType('resource')
            .filter((e) => e.name.includes('/api/'))
            .map((e) => [e.name.replace(/^.*\/api\//, ''), Math.round(e.startTime), Math.round((e as PerformanceResourceTiming).responseEnd)]),
        ),
      )}\n`,
    );
  const tasks = await page.evaluate(() => window.__longTasks);
  const sorted = [...latencies].sort((a, b) => a - b);
  const p95 = sorted[Math.ceil(sorted.length * 0.95) - 1] ?? Number.NaN;
  const longest = Math.max(0, ...tasks.map((t) => t.duration));
  process.stdout.write(
    `searchable: ${searchable}\nqueries: ${queries.map((q) => JSON.stringify(q)).join(', ')}; CPU slowed ${CPU_SLOWDOWN}× (CDP Emulation.setCPUThrottlingRate)\n`,
  );
  process.stdout.write(
    `per keystroke = keydown → second animation frame after the results list shows the query (search + render + paint); p95 = sorted[ceil(0.95 × n) − 1]\n`,
  );
  // Wall-clock figures on a shared machine: the load says how much of each one was waiting for a CPU.
  process.stdout.write(
    `machine: ${cpus().length} CPUs, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} (1 / 5 / 15 min)\n`,
  );
  report(
    'repositories searchable',
    (searchable ?? '').replace(/ repositories.*$/, ''),
    `≥ ${REPOS.toLocaleString('en-US')}`,
    (searchable ?? '').startsWith('20,000'),
  );
  report('keystrokes measured', `${latencies.length} of ${keystrokes}`, `= ${keystrokes}`, latencies.length === keystrokes);
  report(`p95 per keystroke, CPU ${CPU_SLOWDOWN}× slower`, `${p95.toFixed(1)} ms`, `≤ ${GOAL_MS} ms`, p95 <= GOAL_MS);
  report(`median per keystroke, CPU ${CPU_SLOWDOWN}× slower`, `${(sorted[Math.floor(sorted.length / 2)] ?? Number.NaN).toFixed(1)} ms`, 'n/a', true);
  report('longest main-thread task while typing', `${longest.toFixed(0)} ms`, `≤ ${GOAL_MS} ms`, longest <= GOAL_MS);
  report('long tasks (> 50 ms) while typing', String(tasks.length), '0', tasks.length === 0);
} finally {
  await browser.close();
  await served.stop();
  await demo.stop();
  rmSync(dir, { recursive: true, force: true });
}
