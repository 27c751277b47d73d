/**
 * The simulated fleet's past (issue 17): the span it describes when it starts, the times of its
 * past polls, the CI rhythm that shapes its load, and the incidents it went through. Everything
 * is a function of the span's end, so a start describes the same week the same way.
 */

export const BACKFILL_DAYS = 7;
const DAY_MS = 86_400_000;
/** The last day at the step of a chart's 24 h range; older days at a coarser step (the 7 d range's). */
export const RECENT_SPAN_MS = DAY_MS;
export const RECENT_STEP_MS = 5 * 60_000;
export const OLDER_STEP_MS = 30 * 60_000;

export interface Window {
  from: number;
  to: number;
}

/** Incidents of the past week, each at a fixed time before the span's end. */
export interface PastIncidents {
  /** The second primary's SCM cache disk filled to under its minimum: the guard switched caching off. */
  diskGuard: Window;
  /** The first primary's second node restarted. */
  nodeRestart: Window;
  /** The first primary's CI farm lost its network; afterwards it caught up for `catchUpMs`. */
  networkCut: Window & { catchUpMs: number };
}

export interface PastSpan extends Window {
  /** Poll times, oldest first: RECENT_STEP_MS apart in the last day and around incidents, OLDER_STEP_MS otherwise. */
  steps: number[];
  incidents: PastIncidents;
}

/** The span from `from` (at most BACKFILL_DAYS before `to`) to just before `to`. */
export function pastSpan(from: number, to: number): PastSpan {
  const start = Math.max(from, to - BACKFILL_DAYS * DAY_MS);
  const recentFrom = to - RECENT_SPAN_MS;
  const incidents = pastIncidents(to);
  const steps = new Set<number>();
  // Step back from `to`, so the newest back-filled poll sits one step before the first live one.
  let t = to - RECENT_STEP_MS;
  for (; t > start && t > recentFrom; t -= RECENT_STEP_MS) steps.add(t);
  for (t += RECENT_STEP_MS - OLDER_STEP_MS; t > start; t -= OLDER_STEP_MS) steps.add(t);
  // Around each incident the finer step, so a six-minute restart shows on the 7 d chart too.
  const { diskGuard, nodeRestart, networkCut } = incidents;
  for (const w of [diskGuard, nodeRestart, { from: networkCut.from, to: networkCut.to + networkCut.catchUpMs }]) {
    const first = to - Math.ceil((to - (w.from - RECENT_STEP_MS)) / RECENT_STEP_MS) * RECENT_STEP_MS;
    for (let u = first; u <= w.to + RECENT_STEP_MS; u += RECENT_STEP_MS) if (u > start && u < to) steps.add(u);
  }
  return { from: start, to, steps: [...steps].sort((a, b) => a - b), incidents };
}

/** A time of day `daysBack` days before `to`'s day (UTC), e.g. (5, 10, 20) → five days ago at 10:20. */
function dayAt(to: number, daysBack: number, hour: number, minute: number): number {
  const day = Math.floor(to / DAY_MS) * DAY_MS - daysBack * DAY_MS;
  return day + (hour * 60 + minute) * 60_000;
}

export function pastIncidents(to: number): PastIncidents {
  const diskFrom = dayAt(to, 5, 10, 20);
  const restartFrom = dayAt(to, 3, 14, 5);
  const cutFrom = dayAt(to, 1, 9, 40);
  return {
    diskGuard: { from: diskFrom, to: diskFrom + 45 * 60_000 },
    nodeRestart: { from: restartFrom, to: restartFrom + 6 * 60_000 },
    networkCut: { from: cutFrom, to: cutFrom + 25 * 60_000, catchUpMs: 20 * 60_000 },
  };
}

export const within = (w: Window, t: number): boolean => t >= w.from && t < w.to;

/**
 * The CI rhythm: load as a share of a busy weekday's peak. Builds follow the working day
 * (rising from 07:00, busiest mid-morning and mid-afternoon, quiet at night, never zero: nightly
 * builds), and weekends run at a fifth of it. UTC, so every machine describes the same week.
 */
export function ciLoad(t: number): number {
  const d = new Date(t);
  const hour = d.getUTCHours() + d.getUTCMinutes() / 60;
  const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
  const working = hour >= 7 && hour < 20 ? Math.sin((Math.PI * (hour - 7)) / 13) : 0;
  // Two humps: before and after lunch.
  const lunchDip = hour >= 12 && hour < 13.5 ? 0.75 : 1;
  const nightly = hour >= 1 && hour < 3 ? 0.25 : 0.08;
  return (weekend ? 0.2 : 1) * Math.max(nightly, working * lunchDip);
}

/** A repeatable number in [0, 1) for a time and a name: the noise of a past reading. */
export function noise(t: number, salt: string): number {
  let h = 2_166_136_261 ^ Math.floor(t / 1000);
  for (let i = 0; i < salt.length; i++) h = Math.imul(h ^ salt.charCodeAt(i), 16_777_619);
  h ^= h >>> 13;
  h = Math.imul(h, 0x5bd1e995);
  h ^= h >>> 15;
  return (h >>> 0) / 4_294_967_296;
}
