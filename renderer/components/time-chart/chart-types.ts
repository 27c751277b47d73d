import type { SeriesPoint } from './chart-geometry';

export type { ChartMarkers } from './chart-geometry';

export interface ChartSeries {
  id: string;
  /** What the tooltip calls it, with its unit: "poll time (ms)". */
  label: string;
  color: string;
  axis?: 'left' | 'right';
  /** Drawn as steps (a count that holds until the next poll) rather than straight lines. */
  step?: boolean;
  dashed?: boolean;
  /** Extra class on the line's path (benchmarks and tests find lines by it). */
  className?: string;
  points: readonly SeriesPoint[];
}

export interface ChartAxis {
  format(value: number): string;
  /** A fixed top (1 for a ratio); otherwise the data's maximum, rounded up. */
  max?: number;
  color?: string;
}
