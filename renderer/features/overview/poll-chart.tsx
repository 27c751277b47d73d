import { memo } from 'react';
import { formatClock, formatDuration, formatTimestamp } from '../../../shared/logic/units';

export type PollPoint = { t: number; ms: number; up: number | null };

const HEIGHT = 100;
const M = { top: 6, right: 28, bottom: 18, left: 44 };
const X_TICKS = 5;

/** The top of an axis: the maximum rounded up to 1, 2 or 5 × a power of ten, so tick labels are round. */
function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  return ([1, 2, 5, 10].find((m) => m * p >= max) ?? 10) * p;
}

/**
 * A primary's poll time (left axis) and nodes up (right axis, steps) as plain SVG. It is redrawn on
 * every poll of every primary on the Overview: recharts took 60–170 ms of main thread for that on a
 * 2× slowed CPU (bench/search.bench.ts), a long task under whatever the user was typing; this
 * is two path strings and a dozen labels.
 */
export const PollChart = memo(function PollChart({ data, width }: { data: readonly PollPoint[]; width: number }) {
  const first = data[0];
  const last = data[data.length - 1];
  if (!first || !last || width <= M.left + M.right) return null;
  const plotW = width - M.left - M.right;
  const plotH = HEIGHT - M.top - M.bottom;
  const span = Math.max(1, last.t - first.t);
  const msMax = niceMax(Math.max(...data.map((d) => d.ms)));
  const upMax = Math.max(1, ...data.map((d) => d.up ?? 0));
  const x = (t: number): number => M.left + ((t - first.t) / span) * plotW;
  const yMs = (v: number): number => M.top + plotH - (v / msMax) * plotH;
  const yUp = (v: number): number => M.top + plotH - (v / upMax) * plotH;
  const msPath = data.map((d, i) => `${i === 0 ? 'M' : 'L'}${x(d.t).toFixed(1)},${yMs(d.ms).toFixed(1)}`).join('');
  let upPath = '';
  let prev: number | null = null;
  for (const d of data) {
    if (d.up === null) continue;
    const px = x(d.t).toFixed(1);
    upPath += prev === null ? `M${px},${yUp(d.up).toFixed(1)}` : `L${px},${yUp(prev).toFixed(1)}L${px},${yUp(d.up).toFixed(1)}`;
    prev = d.up;
  }
  // Labels are minutes: a span of a few minutes gets as many labels as it has minutes, not five "12:03"s.
  const tickCount = Math.max(2, Math.min(X_TICKS, Math.floor(span / 60_000) + 1));
  const xTicks = Array.from({ length: tickCount }, (_, i) => first.t + (span * i) / (tickCount - 1));
  const label = `Poll time from ${formatTimestamp(first.t)} to ${formatTimestamp(last.t)}: last ${formatDuration(last.ms)}, at most ${formatDuration(Math.max(...data.map((d) => d.ms)))}; nodes up: last ${last.up ?? 'unknown'}.`;
  return (
    <svg className="poll-chart" width={width} height={HEIGHT} role="img" aria-label={label} data-testid="poll-chart">
      <title>{label}</title>
      {[0, 0.5, 1].map((f) => (
        <g key={f} className="poll-chart__grid">
          <line x1={M.left} x2={M.left + plotW} y1={yMs(msMax * f)} y2={yMs(msMax * f)} stroke="var(--border)" />
          <text x={M.left - 4} y={yMs(msMax * f) + 4} textAnchor="end" fill="var(--info)" fontSize={11}>
            {Math.round(msMax * f).toLocaleString('en-US')}
          </text>
          <text x={M.left + plotW + 4} y={yUp(upMax * f) + 4} fill="var(--up)" fontSize={11}>
            {Number.isInteger(upMax * f) ? upMax * f : ''}
          </text>
        </g>
      ))}
      {xTicks.map((t, i) => (
        <text key={t} x={x(t)} y={HEIGHT - 4} textAnchor={i === 0 ? 'start' : i === tickCount - 1 ? 'end' : 'middle'} fill="var(--text-muted)" fontSize={11}>
          {formatClock(t)}
        </text>
      ))}
      <path d={msPath} fill="none" stroke="var(--info)" strokeWidth={1.5} strokeLinejoin="round" data-series="poll time" />
      <path d={upPath} fill="none" stroke="var(--up)" strokeWidth={1.5} data-series="nodes up" />
    </svg>
  );
});
