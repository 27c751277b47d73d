// Issue 13 goal 6: the app's shared time chart (renderer/components/time-chart, plain SVG) against
// uPlot (canvas; the chart library Grafana uses) for 24 h × 10 s × 4 series (8,640 points each),
// in Debian's Chromium with the CPU slowed 2× through CDP, both in the same run, alternating.
// Bound: time chart ≤ 1.5 × uPlot (median of each), for the first draw and for an update one poll
// later; each time is from the draw call to the painted frame (rAF, then a task).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBenchPage, launchChromium } from './helpers/bench-page';
import { median, report } from './helpers/report';

const RUNS = 7;
const UPDATES = 8;
const CPU_SLOWDOWN = 2;
const GOAL_RATIO = 1.5;

/** What test/renderer/time-chart-bench-page.tsx puts on the page. */
type Drawer = 'svg' | 'uplot';
declare global {
  interface Window {
    benchChart(drawer: Drawer, updates: number): Promise<{ first: number; updates: number[]; drawnPoints: number }>;
  }
}

const dir = mkdtempSync(join(tmpdir(), 'fleetscope-uplot-bench-'));
try {
  const css = readFileSync('node_modules/uplot/dist/uPlot.min.css', 'utf8');
  const url = await buildBenchPage('test/renderer/time-chart-bench-page.tsx', dir, `<style>${css}</style>`);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 400 } });
    await page.goto(url);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    const run = (drawer: Drawer) => page.evaluate(([d, n]) => window.benchChart(d, n), [drawer, UPDATES] as const);
    // One discarded run of each warms the JIT and fonts.
    await run('svg');
    await run('uplot');
    const first: Record<Drawer, number[]> = { svg: [], uplot: [] };
    const update: Record<Drawer, number[]> = { svg: [], uplot: [] };
    const drawn: Record<Drawer, number> = { svg: 0, uplot: 0 };
    for (let i = 0; i < RUNS; i += 1) {
      for (const d of i % 2 === 0 ? (['svg', 'uplot'] as const) : (['uplot', 'svg'] as const)) {
        const r = await run(d);
        first[d].push(r.first);
        update[d].push(...r.updates);
        drawn[d] = r.drawnPoints;
      }
    }
    process.stdout.write(
      `4 series × 8,640 points (24 h at 10 s), 800 × 220 px; CPU slowed ${CPU_SLOWDOWN}× (CDP Emulation.setCPUThrottlingRate); ${RUNS} first draws and ${RUNS * UPDATES} updates each, alternating\n`,
    );
    process.stdout.write(`time = draw call → painted frame (rAF, then a task); ratio = median time chart / median uPlot in this run\n`);
    process.stdout.write(
      `machine: ${cpus().length} CPUs, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')} (1 / 5 / 15 min)\n`,
    );
    const firstRatio = median(first.svg) / median(first.uplot);
    const updateRatio = median(update.svg) / median(update.uplot);
    report('uPlot first draw (median)', `${median(first.uplot).toFixed(1)} ms`, 'n/a', true);
    report('time chart first draw (median)', `${median(first.svg).toFixed(1)} ms`, 'n/a', true);
    report('first draw, time chart / uPlot', firstRatio.toFixed(2), `≤ ${GOAL_RATIO}`, firstRatio <= GOAL_RATIO);
    report('uPlot update (median)', `${median(update.uplot).toFixed(1)} ms`, 'n/a', true);
    report('time chart update (median)', `${median(update.svg).toFixed(1)} ms`, 'n/a', true);
    report('update, time chart / uPlot', updateRatio.toFixed(2), `≤ ${GOAL_RATIO}`, updateRatio <= GOAL_RATIO);
    report('time chart path vertices drawn (4 series)', String(drawn.svg), 'n/a', true);
  } finally {
    await browser.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
