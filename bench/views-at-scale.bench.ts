// Opening every view on a fleet of 10 primaries × 50,000 repositories (20 mirror farms of 3
// nodes), in Debian's Chromium at 2× CPU throttling (CDP Emulation.setCPUThrottlingRate, issue 13
// goal 5): the longest main-thread task from the click on the view until its reads have had
// SETTLE_MS to arrive and render, against 100 ms (issue 13's bound for opening a view at this
// scale). The simulated fleet runs in its own process. BENCH_VIEWS_REPOS sizes it (default 50,000).
import { clickLikeAPerson } from './helpers/person-click';
import { report } from './helpers/report';
import { loadLine, longest, startRendererBench } from './helpers/table-bench';
import { describeTasks, traceTasks, type TracedTask } from './helpers/task-cpu';

const PRIMARIES = 10;
const REPOS = Number(process.env.BENCH_VIEWS_REPOS ?? 50_000);
const SETTLE_MS = 4_000;
const GOAL_MS = 100;
const FORMULA = 'bound: 100 ms = issue 13 goal 5 for opening a view at 10 × 50k, fixed by design, at 2× CPU';
const VIEWS = ['overview', 'caches', 'mirrors', 'storage', 'timeline', 'logs', 'settings'] as const;

const bench = await startRendererBench(
  { primaries: PRIMARIES, nodesPerPrimary: 3, reposPerPrimary: REPOS, mirrorFarmsPerPrimary: 2 },
  { pollIntervalSeconds: 15, mirrorSweepIntervalSeconds: 600 },
);
const { page } = bench;
// Each opening is traced too: the CPU its long tasks got beside their wall time (which a loaded
// machine stretches), printed for reading only — the goal stays on the wall time.
const cpu: [string, TracedTask[]][] = [];
const opening = async (name: string, open: () => Promise<unknown>): Promise<number[]> => {
  await bench.resetTasks();
  const stop = await traceTasks(page);
  await open();
  await page.waitForTimeout(SETTLE_MS);
  const tasks = await bench.tasks();
  cpu.push([name, await stop()]);
  return tasks;
};
try {
  const figures: [string, number[]][] = [];
  // Start elsewhere, so the Overview is opened by a click like the others.
  await page.getByTestId('nav-settings').click();
  await page.waitForTimeout(SETTLE_MS);
  for (const view of VIEWS) figures.push([view, await opening(view, () => clickLikeAPerson(page, page.getByTestId(`nav-${view}`)))]);
  // The repository page of the busiest repository the Caches table lists.
  await page.getByTestId('nav-caches').click();
  const repo = await page.getByTestId('cache-repo-row').first().getAttribute('data-repo', { timeout: 60_000 });
  await page.waitForTimeout(SETTLE_MS);
  const name = `repository page (${repo})`;
  figures.push([name, await opening(name, () => page.evaluate((key) => void (window.location.hash = `#/repo/${key}`), repo))]);
  process.stdout.write(`${PRIMARIES} primaries × ${REPOS} repositories; load average now ${loadLine()}\n${FORMULA}\n`);
  for (const [name, tasks] of figures) {
    report(`longest task opening ${name}`, `${longest(tasks).toFixed(0)} ms`, `≤ ${GOAL_MS} ms`, longest(tasks) <= GOAL_MS);
  }
  for (const [name, tasks] of cpu) process.stdout.write(`trace, opening ${name}: ${describeTasks(tasks)}\n`);
} finally {
  await bench.stop();
}
