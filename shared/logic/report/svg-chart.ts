import type { Severity } from '../../model';
import { formatClock, formatTimestamp } from '../units';
import { esc } from './html';

export interface ChartSeries {
  name: string;
  points: ReadonlyArray<readonly [number, number]>;
}

export interface ChartMarker {
  at: number;
  severity: Severity;
  text: string;
}

export interface SvgChartInput {
  from: number;
  to: number;
  series: readonly ChartSeries[];
  markers: readonly ChartMarker[];
  /** The y axis' label, with its unit: "Nodes up", "Lag (s)". */
  unit: string;
  timeZone?: string | undefined;
}

const W = 720;
const H = 170;
const M = { left: 52, right: 12, top: 10, bottom: 24 };
const COLORS = ['#2563eb', '#d97706', '#059669', '#7c3aed'];
const MARKER_COLORS: Record<Severity, string> = { info: '#64748b', warning: '#d97706', critical: '#dc2626' };
const X_TICKS = 6;

const fmt = (n: number): string => (Math.abs(n) >= 100 || Number.isInteger(n) ? String(Math.round(n)) : n.toFixed(1));

/** A "nice" upper bound for the y axis: 1, 2 or 5 times a power of ten, at least the largest value. */
function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  return ([1, 2, 5, 10].find((m) => m * p >= max) ?? 10) * p;
}

/**
 * A line chart as inline SVG (no script, no external style): the series over [from, to] on one
 * time axis, with the events of the chart's target as vertical markers coloured by severity and
 * titled with their text (a tooltip in any viewer that shows SVG titles).
 */
export function svgChart(input: SvgChartInput): string {
  const { from, to } = input;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const yMax = niceMax(Math.max(0, ...input.series.flatMap((s) => s.points.map(([, v]) => v))));
  const x = (t: number): number => M.left + ((t - from) / (to - from)) * plotW;
  const y = (v: number): number => M.top + plotH - (v / yMax) * plotH;
  const parts: string[] = [];
  for (let i = 0; i <= 2; i++) {
    const v = (yMax * i) / 2;
    parts.push(
      `<line x1="${M.left}" x2="${W - M.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#e2e8f0"/>`,
      `<text x="${M.left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" class="axis">${fmt(v)}</text>`,
    );
  }
  // Seconds on the axis only where ticks are under a minute apart; a label equal to the last one is left out.
  const withSeconds = (to - from) / X_TICKS < 60_000;
  let last = '';
  for (let i = 0; i <= X_TICKS; i++) {
    const t = from + ((to - from) * i) / X_TICKS;
    const clock = formatClock(t, input.timeZone, withSeconds);
    // Over two days a time of day repeats: the date (MM-DD) goes before it.
    const label = to - from > 2 * 86_400_000 ? `${formatTimestamp(t, input.timeZone).slice(5, 10)} ${clock}` : clock;
    if (label === last) continue;
    last = label;
    const anchor = i === 0 ? 'start' : i === X_TICKS ? 'end' : 'middle';
    parts.push(`<text x="${x(t).toFixed(1)}" y="${H - 6}" text-anchor="${anchor}" class="axis">${esc(label)}</text>`);
  }
  for (const m of input.markers) {
    if (m.at < from || m.at > to) continue;
    const mx = x(m.at).toFixed(1);
    parts.push(
      `<line x1="${mx}" x2="${mx}" y1="${M.top}" y2="${M.top + plotH}" stroke="${MARKER_COLORS[m.severity]}" stroke-dasharray="3 2"><title>${esc(m.text)}</title></line>`,
    );
  }
  input.series.forEach((s, i) => {
    const pts = s.points.filter(([t, v]) => t >= from && t <= to && Number.isFinite(v));
    if (pts.length === 0) return;
    const path = pts.map(([t, v]) => `${x(t).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    parts.push(`<polyline fill="none" stroke="${COLORS[i % COLORS.length]}" stroke-width="1.5" points="${path}"><title>${esc(s.name)}</title></polyline>`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${esc(input.unit)}">${parts.join('')}</svg>`;
}

/** The legend of a chart's series, in the colours the chart draws them. */
export const svgLegend = (series: readonly ChartSeries[]): string =>
  series.map((s, i) => `<span class="legend"><span class="swatch" style="background:${COLORS[i % COLORS.length]}"></span>${esc(s.name)}</span>`).join(' ');
