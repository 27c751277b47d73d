// The Caches view's hit-rate chart over 24 h at 10 s resolution (8,640 points × 4 series) in
// Debian's Chromium: render time with LTTB divided by render time without (goal ≤ 0.2), and the
// points drawn (goal ≤ the plot's width per series, quality-anchors.md A4).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBenchPage, launchChromium } from './helpers/bench-page';
import { median, report } from './helpers/report';

// 15 alternated pairs: one draw is 3–20 ms, and a median of 7 moved by ±0.04 in the ratio from one run to the next.
const RUNS = 15;

/** What test/renderer/cache-chart-bench-page.tsx puts on the page (that file is web code, outside this project). */
type ChartRun = { ms: number; points: number; drawn: number; plotPx: number };
declare global {
  interface Window {
    benchRender(mode: 'raw' | 'lttb', drawer?: 'app' | 'recharts-line'): Promise<ChartRun>;
    benchUpdate(updates: number, mode?: 'raw' | 'lttb'): Promise<number[]>;
  }
}
const dir = mkdtempSync(join(tmpdir(), 'fleetscope-chart-bench-'));
try {
  const url = await buildBenchPage('test/renderer/cache-chart-bench-page.tsx', dir);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 400 } });
    await page.goto(url);
    const run = (mode: 'raw' | 'lttb', drawer: 'app' | 'recharts-line' = 'app') => page.evaluate(([m, d]) => window.benchRender(m, d), [mode, drawer] as const);
    // One discarded run of each warms the JIT and fonts.
    await run('raw');
    await run('lttb');
    const raw: number[] = [];
    const down: number[] = [];
    let rawRun = { points: 0, drawn: 0, plotPx: 0 };
    let downRun = { points: 0, drawn: 0, plotPx: 0 };
    for (let i = 0; i < RUNS; i += 1) {
      const a = await run('raw');
      const b = await run('lttb');
      raw.push(a.ms);
      down.push(b.ms);
      rawRun = a;
      downRun = b;
    }
    // For comparison: recharts' own <Line>, which the view does not use.
    const lineRaw: number[] = [];
    const lineDown: number[] = [];
    await run('lttb', 'recharts-line');
    for (let i = 0; i < 3; i += 1) {
      lineRaw.push((await run('raw', 'recharts-line')).ms);
      lineDown.push((await run('lttb', 'recharts-line')).ms);
    }
    const updates = await page.evaluate((n) => window.benchUpdate(n, 'lttb'), 15);
    const rawUpdates = await page.evaluate((n) => window.benchUpdate(n, 'raw'), 15);
    const ratio = median(down) / median(raw);
    report('chart render without LTTB (median)', `${median(raw).toFixed(1)} ms`, 'n/a', true);
    report('chart render with LTTB (median)', `${median(down).toFixed(1)} ms`, 'n/a', true);
    report('render time with LTTB / without', ratio.toFixed(3), '≤ 0.2', ratio <= 0.2);
    report('points handed to recharts without LTTB', String(rawRun.points), 'n/a', true);
    report(
      `points drawn with LTTB (4 series, ${downRun.plotPx} px plot)`,
      String(downRun.drawn),
      `≤ ${4 * downRun.plotPx}`,
      downRun.drawn <= 4 * downRun.plotPx,
    );
    report('points drawn without LTTB', String(rawRun.drawn), 'n/a', true);
    const upd = median(updates.slice(3));
    const rawUpd = median(rawUpdates.slice(3));
    report('chart update per poll without LTTB (median)', `${rawUpd.toFixed(1)} ms`, 'n/a', true);
    report('chart update per poll with LTTB (median)', `${upd.toFixed(1)} ms`, '≤ 50 ms', upd <= 50);
    report('update time with LTTB / without', (upd / rawUpd).toFixed(3), '≤ 0.2', upd / rawUpd <= 0.2);
    report('reference, recharts <Line>: render without LTTB (median)', `${median(lineRaw).toFixed(1)} ms`, 'n/a', true);
    report('reference, recharts <Line>: render with LTTB (median)', `${median(lineDown).toFixed(1)} ms`, 'n/a', true);
    report('reference, recharts <Line>: with LTTB / without', (median(lineDown) / median(lineRaw)).toFixed(3), 'n/a', true);
  } finally {
    await browser.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
