// The page bench/time-chart-vs-uplot.bench.ts renders in Chromium: the app's shared time chart
// (plain SVG) and uPlot (canvas, the chart library Grafana uses) drawing the same 24 h × 10 s ×
// 4 series (8,640 points each), first draw and an update one poll later.
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import uPlot from 'uplot';
import { TimeChart, type ChartAxis, type ChartSeries } from '../../renderer/components/time-chart/time-chart';

const WIDTH = 800;
const HEIGHT = 220;
const POINTS = 8_640;
const STEP_MS = 10_000;
const END = Date.UTC(2026, 0, 15, 12, 0, 0);
const START = END - POINTS * STEP_MS;
const COLORS = ['#2f6fdf', '#d08a00', '#1b9e4b', '#a347c2'];
const RATIO: ChartAxis = { format: (v) => `${Math.round(v * 100)} %`, max: 1 };

/** A ratio that drifts with the day and jitters per interval, as a hit ratio does. */
function values(seed: number, shift: number): number[] {
  let s = seed;
  const rand = (): number => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
  return Array.from({ length: POINTS }, (_, i) =>
    Math.min(1, Math.max(0, 0.75 + 0.12 * Math.sin(((i + shift) / POINTS) * 2 * Math.PI + seed) + (rand() - 0.5) * 0.1)),
  );
}

/** The four series `k` polls on: new arrays, every instant k steps later, as a refetched history is. */
function dataAt(k: number): { times: number[]; series: number[][] } {
  const times = Array.from({ length: POINTS }, (_, i) => START + (i + k) * STEP_MS);
  return { times, series: [1, 2, 3, 4].map((seed) => values(seed + k, k)) };
}

export type Drawer = 'svg' | 'uplot';
declare global {
  interface Window {
    /** ms from the call until the frame that shows the chart was painted, first draw then `updates` updates, on a fresh chart. */
    benchChart(drawer: Drawer, updates: number): Promise<{ first: number; updates: number[]; drawnPoints: number }>;
  }
}

/** Resolves after the next frame has been produced (rAF, then a task after it): what a person sees. */
const painted = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** A chart under test: data shaped as it arrives (outside the timing), then drawn. */
interface Bench<D> {
  prepare(k: number): D;
  draw(data: D): void;
  drawn(): number;
  stop(): void;
}

function svgChart(host: HTMLElement): Bench<{ from: number; to: number; lines: ChartSeries[] }> {
  const root: Root = createRoot(host);
  return {
    // As the history reads answer: [time, value] pairs per series.
    prepare(k) {
      const { times, series } = dataAt(k);
      const lines = series.map((vs, i) => ({ id: `s${i}`, label: `series ${i}`, color: COLORS[i]!, points: vs.map((v, j) => [times[j]!, v] as const) }));
      return { from: times[0]!, to: times[POINTS - 1]!, lines };
    },
    draw({ from, to, lines }) {
      flushSync(() => root.render(<TimeChart from={from} to={to} width={WIDTH} height={HEIGHT} series={lines} left={RATIO} label="bench" testId="svg" />));
    },
    drawn: () => [...host.querySelectorAll('path[data-series]')].reduce((n, p) => n + (p.getAttribute('d')?.match(/[MLHV]/g)?.length ?? 0), 0),
    stop: () => root.unmount(),
  };
}

function uplotChart(host: HTMLElement): Bench<uPlot.AlignedData> {
  let chart: uPlot | null = null;
  return {
    // uPlot's own shape: one array of times (seconds) and one of values per series.
    prepare(k) {
      const { times, series } = dataAt(k);
      return [times.map((t) => t / 1000), ...series];
    },
    draw(data) {
      if (!chart) {
        chart = new uPlot(
          {
            width: WIDTH,
            height: HEIGHT,
            legend: { show: false },
            scales: { y: { range: [0, 1] } },
            series: [{}, ...COLORS.map((stroke, i) => ({ label: `series ${i}`, stroke, width: 1.5 }))],
          },
          data,
          host,
        );
      } else chart.setData(data);
    },
    drawn: () => POINTS * 4,
    stop: () => {
      chart?.destroy();
      chart = null;
    },
  };
}

async function run<D>(chart: Bench<D>, updates: number): Promise<{ first: number; updates: number[]; drawnPoints: number }> {
  const timed = async (k: number): Promise<number> => {
    const data = chart.prepare(k);
    await painted();
    const t0 = performance.now();
    chart.draw(data);
    await painted();
    return performance.now() - t0;
  };
  const first = await timed(0);
  const times: number[] = [];
  for (let k = 1; k <= updates; k += 1) times.push(await timed(k));
  const drawnPoints = chart.drawn();
  chart.stop();
  return { first, updates: times, drawnPoints };
}

window.benchChart = (drawer, updates) => {
  const host = document.getElementById('root') as HTMLElement;
  return drawer === 'svg' ? run(svgChart(host), updates) : run(uplotChart(host), updates);
};
