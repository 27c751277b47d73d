// Where each page of a walk's chain spends its time inside the engine (issue 13 goal 3): from the
// limiter's passages (scheduler/fleet-limiter.ts), per origin in the order the pages asked.
import type { ProbeReport } from './probe-report';

/** ['limiter', origin, kind, asked, host slot, fleet-wide slot, done, fleet-wide in flight, fleet-wide queued]. */
type Passage = [tag: 'limiter', origin: string, kind: string, asked: number, host: number, fleet: number, done: number, inFlight: number, queued: number];

const pct = (xs: number[], q: number): string => {
  if (xs.length === 0) return '-';
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!.toFixed(0);
};
const spread = (xs: number[]): string => `${pct(xs, 0.5)}/${pct(xs, 0.9)}`;
const mean = (xs: number[]): string => (xs.length ? (xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(1) : '-');

/**
 * Per background page: waiting for its host's slot, for a fleet-wide slot, the exchange (slot to
 * body received), and the gap from the page before it ending to this one asking (the engine's
 * hand-off between two pages of a chain; the first page of each walk has none). Pages of one
 * walk: an origin's background passages asked less than `walkGapMs` after the one before ended.
 */
export function pageChainTable(engine: ProbeReport, walkGapMs = 2000): string {
  const passages = (engine.requests as unknown as Passage[]).filter((r) => r[0] === 'limiter' && r[2] === 'background');
  if (passages.length === 0) return '  page chain: no background passages seen\n';
  const byOrigin = new Map<string, Passage[]>();
  for (const p of passages) (byOrigin.get(p[1]) ?? byOrigin.set(p[1], []).get(p[1])!).push(p);
  const hostWait: number[] = [];
  const fleetWait: number[] = [];
  const exchange: number[] = [];
  const gap: number[] = [];
  const busy: number[] = [];
  for (const rows of byOrigin.values()) {
    rows.sort((a, b) => a[3] - b[3]);
    rows.forEach((r, i) => {
      hostWait.push(r[4] - r[3]);
      fleetWait.push(r[5] - r[4]);
      exchange.push(r[6] - r[5]);
      busy.push(r[7]);
      const before = rows[i - 1];
      if (before && r[3] - before[6] < walkGapMs) gap.push(r[3] - before[6]);
    });
  }
  return (
    `  background pages: ${passages.length}; per page, median/p90 (mean) ms: host wait ${spread(hostWait)} (${mean(hostWait)}), ` +
    `fleet-wide wait ${spread(fleetWait)} (${mean(fleetWait)}), exchange ${spread(exchange)} (${mean(exchange)}), ` +
    `from the page before ending to asking ${spread(gap)} (${mean(gap)}); fleet-wide slots busy as it asked ${spread(busy)}\n`
  );
}
