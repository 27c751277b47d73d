// The page bench/cache-chart.bench.ts renders in Chromium: the Caches view's hit-rate chart over
// 24 h at 10 s resolution (8,640 points × 4 series), drawn raw and downsampled with LTTB.
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { lttb, type Point } from '../../shared/logic/lttb';
import { CartesianGrid, Line, LineChart, XAxis, YAxis } from 'recharts';
import { HitRateChartSvg, SERIES, type HitRateSeries as ChartSeries } from '../../renderer/features/caches/hit-rate-chart';

const WIDTH = 800;
const HEIGHT = 220;
/** The plot's own width: the chart less its y axis and margins, as the view computes it. */
const PLOT_PX = WIDTH - 60;
const POINTS = 8_640;
const STEP_MS = 10_000;
const END = Date.UTC(2026, 0, 15, 12, 0, 0);
const START = END - POINTS * STEP_MS;

/** A hit ratio that drifts with the day, jitters per interval and dips when pushes invalidate caches. */
function series(seed: number): Point[] {
  let s = seed;
  const rand = (): number => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
  const out: Point[] = [];
  for (let i = 0; i < POINTS; i += 1) {
    const day = 0.75 + 0.12 * Math.sin((i / POINTS) * 2 * Math.PI + seed);
    const dip = rand() < 0.01 ? -0.4 * rand() : 0;
    out.push([START + i * STEP_MS, Math.min(1, Math.max(0, day + (rand() - 0.5) * 0.1 + dip))]);
  }
  return out;
}

/**
 * The series as the view receives them: the engine downsamples (or not) and the page gets the result
 * over IPC or HTTP, so every point is a fresh array read in order — not, as LTTB's output is where it
 * was made, references scattered through the raw series' 34,560 arrays (≈ 1 ms more to read; docs/charts.md).
 */
const received = (series: ChartSeries[]): ChartSeries[] => JSON.parse(JSON.stringify(series)) as ChartSeries[];
const RAW: ChartSeries[] = received((['clone', 'refs', 'v1', 'v2'] as const).map((name, i) => ({ name, points: series(i + 1) })));
const DOWNSAMPLED: ChartSeries[] = received(RAW.map((s) => ({ name: s.name, points: lttb(s.points, PLOT_PX) })));

export interface ChartRun {
  ms: number;
  /** Points handed to recharts. */
  points: number;
  /** Vertices in the drawn SVG paths. */
  drawn: number;
  /** Width LTTB downsampled to. */
  plotPx: number;
}

declare global {
  interface Window {
    benchRender(mode: 'raw' | 'lttb', drawer?: 'app' | 'recharts-line'): Promise<ChartRun>;
    /** A mounted chart receiving the next poll's series (new arrays, one sample later): ms per update. */
    benchUpdate(updates: number, mode?: 'raw' | 'lttb'): Promise<number[]>;
  }
}

/**
 * For comparison only: the same chart with recharts' own <Line> per series (animations and dots
 * off), which the view does not use because it costs tens of microseconds per point.
 */
const RechartsLines = ({ series }: { series: readonly ChartSeries[] }) => (
  <LineChart width={WIDTH} height={HEIGHT} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
    <CartesianGrid strokeDasharray="3 3" stroke="#8884" />
    <XAxis dataKey="t" type="number" domain={[START, END]} allowDataOverflow tickCount={6} fontSize={11} />
    <YAxis type="number" domain={[0, 1]} allowDataOverflow width={44} fontSize={11} />
    {series.map((s) => (
      <Line
        key={s.name}
        data={s.points.map(([t, v]) => ({ t, v }))}
        dataKey="v"
        stroke={SERIES.find((m) => m.name === s.name)?.color ?? '#888'}
        className="cache-line"
        dot={false}
        activeDot={false}
        isAnimationActive={false}
      />
    ))}
  </LineChart>
);

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Waits (a macrotask at a time) until `ready`; fails after 10 s instead of hanging the bench. */
async function until(ready: () => boolean): Promise<void> {
  const deadline = performance.now() + 10_000;
  while (!ready()) {
    if (performance.now() > deadline) throw new Error('The chart did not draw its lines within 10 s.');
    await settle();
  }
}

window.benchRender = async (mode, drawer = 'app') => {
  const host = document.getElementById('root') as HTMLElement;
  const root = createRoot(host);
  const data = mode === 'raw' ? RAW : DOWNSAMPLED;
  const t0 = performance.now();
  flushSync(() =>
    root.render(drawer === 'app' ? <HitRateChartSvg series={data} width={WIDTH} height={HEIGHT} fromMs={START} toMs={END} /> : <RechartsLines series={data} />),
  );
  // The axes' scales exist once recharts has measured the layout, a render later: wait for all four lines.
  const drawnPaths = (): Element[] => [...host.querySelectorAll('path.cache-line, .cache-line path')].filter((p) => (p.getAttribute('d') ?? '') !== '');
  await until(() => drawnPaths().length >= data.length);
  host.getBoundingClientRect();
  const ms = performance.now() - t0;
  const drawn = drawnPaths().reduce((n, p) => n + (p.getAttribute('d')?.match(/[ML]/g)?.length ?? 0), 0);
  root.unmount();
  return { ms, points: data.reduce((n, s) => n + s.points.length, 0), drawn, plotPx: PLOT_PX };
};

/**
 * The series one poll later, as a refetched history is: new arrays, every instant one step on,
 * values nudged (LTTB picks slightly different points), so every path really changes.
 */
const shifted = (k: number, mode: 'raw' | 'lttb' = 'lttb'): ChartSeries[] =>
  (mode === 'raw' ? RAW : DOWNSAMPLED).map((s) => ({ name: s.name, points: s.points.map(([t, v]): Point => [t + k * STEP_MS, v * (1 - 0.002 * (k % 10))]) }));

window.benchUpdate = async (updates, mode = 'lttb') => {
  const host = document.getElementById('root') as HTMLElement;
  const root = createRoot(host);
  // As the view does: the domain moves in steps of 1 % of the range, the series every poll.
  const step = (END - START) / 100;
  const render = (k: number): void => {
    const to = Math.ceil((END + k * STEP_MS) / step) * step;
    flushSync(() => root.render(<HitRateChartSvg series={shifted(k, mode)} width={WIDTH} height={HEIGHT} fromMs={to - (END - START)} toMs={to} />));
  };
  render(0);
  await until(() => host.querySelectorAll('path.cache-line').length >= DOWNSAMPLED.length);
  const times: number[] = [];
  for (let k = 1; k <= updates; k += 1) {
    const before = host.querySelector('path.cache-line')?.getAttribute('d');
    const t0 = performance.now();
    render(k);
    await until(() => host.querySelector('path.cache-line')?.getAttribute('d') !== before);
    host.getBoundingClientRect();
    times.push(performance.now() - t0);
  }
  root.unmount();
  return times;
};
