import type { Route } from './route';

/** One "what could make this slow" line: evidence, impact and where the evidence lives. */
export type SlowCloneFinding = {
  rule: string;
  /** 0–100: how likely this slows a clone of the repository; the list is ordered by it. */
  impact: number;
  severity: 'critical' | 'warning' | 'info';
  /** One sentence: what, the evidence, and what it does to clones. */
  text: string;
  /** Where the evidence lives. */
  link: Route;
};

/** "14 min", "2 h 5 min", "40 s": how long something has lasted. */
export function formatSpan(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  return `${Math.floor(h / 24)} d`;
}
