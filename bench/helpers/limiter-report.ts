// Where a traced run's requests waited inside the engine before they existed on the wire: its
// limiter's passages (scheduler/fleet-limiter.ts publishes them, process-probe.mjs records them).
import type { ProbeReport } from './probe-report';

/** ['limiter', origin, kind, asked, host slot, fleet-wide slot, done, fleet-wide in flight, fleet-wide queued]. */
type Passage = [tag: 'limiter', origin: string, kind: string, asked: number, host: number, fleet: number, done: number, inFlight: number, queued: number];

const pct = (xs: number[], q: number): string => {
  if (xs.length === 0) return '-';
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!.toFixed(0);
};
const spread = (xs: number[]): string => `${pct(xs, 0.5)}/${pct(xs, 0.9)}`.padStart(11);
const mean = (xs: number[]): string => (xs.length ? (xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(1) : '-');

/** Passages by origin, each origin's in the order they asked. */
function byOrigin(passages: Passage[]): Map<string, Passage[]> {
  const out = new Map<string, Passage[]>();
  for (const p of passages) (out.get(p[1]) ?? out.set(p[1], []).get(p[1])!).push(p);
  for (const rows of out.values()) rows.sort((a, b) => a[3] - b[3]);
  return out;
}

/** Which side an origin is, from the paths the engine asked of it. */
function originClasses(engine: ProbeReport): Map<string, string> {
  const paths = new Map<string, Set<string>>();
  for (const r of engine.requests) {
    if (r[0] !== 'client') continue;
    const origin = String(r[1]);
    const path = r[2].split('?')[0]!;
    const tag = /upstreamServer/.test(path) ? 'farm' : /repoSyncStatus|^\/status$/.test(path) ? 'node' : 'primary';
    (paths.get(origin) ?? paths.set(origin, new Set()).get(origin)!).add(tag);
  }
  const out = new Map<string, string>();
  for (const [origin, tags] of paths) out.set(origin, tags.has('farm') ? 'farm' : tags.has('node') ? 'node' : 'primary');
  return out;
}

/**
 * Per origin class and request class, the median/p90 of: waiting for the host's slot, then for a
 * fleet-wide one, then the exchange; and the fleet-wide slots busy and queued as it asked. Then,
 * per farm poll (a farm origin's requests asked within 5 s of the first), how far apart its
 * requests asked and were granted, and its span from first ask to last end.
 */
export function limiterTable(engine: ProbeReport): string {
  const classes = originClasses(engine);
  const passages = (engine.requests as unknown as Passage[]).filter((r) => r[0] === 'limiter');
  if (passages.length === 0) return '  limiter: no passages seen (the engine publishes them only while traced)\n';
  const groups = new Map<string, Passage[]>();
  for (const p of passages) {
    const key = `${classes.get(p[1]) ?? 'other'} ${p[2]}`;
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(p);
  }
  const head = ['requests', 'host wait', 'fleet wait', 'exchange', 'fleet busy', 'fleet queue'];
  let text = `  limiter, median/p90 ms ${''.padEnd(13)}${head.map((h) => h.padStart(11)).join('')}\n`;
  for (const [key, rows] of [...groups.entries()].sort()) {
    const cols = [rows.map((r) => r[4] - r[3]), rows.map((r) => r[5] - r[4]), rows.map((r) => r[6] - r[5]), rows.map((r) => r[7]), rows.map((r) => r[8])];
    text += `  ${key.padEnd(36)}${String(rows.length).padStart(11)}${cols.map(spread).join('')}\n`;
  }
  const asks: number[] = [];
  const grants: number[] = [];
  const spans: number[] = [];
  const sizes: number[] = [];
  for (const rows of byOrigin(passages.filter((p) => classes.get(p[1]) === 'farm')).values()) {
    for (let i = 0; i < rows.length;) {
      let j = i;
      while (j < rows.length && rows[j]![3] - rows[i]![3] < 5000) j++;
      const poll = rows.slice(i, j);
      asks.push(Math.max(...poll.map((r) => r[3])) - poll[0]![3]);
      grants.push(Math.max(...poll.map((r) => r[5])) - poll[0]![3]);
      spans.push(Math.max(...poll.map((r) => r[6])) - poll[0]![3]);
      sizes.push(poll.length);
      i = j;
    }
  }
  text += `  farm polls at the farm's origin: ${spans.length}, requests each ${spread(sizes).trim()}; from the first ask, last ask ${spread(asks).trim()}, last fleet-wide grant ${spread(grants).trim()}, last end ${spread(spans).trim()} ms (median/p90)\n`;
  return text;
}

/**
 * Per background page (the inventory's walks, issue 13 goal 3): waiting for its host's slot, for a
 * fleet-wide one, the exchange (slot to body received), and the gap from the page before it ending
 * to this one asking (the engine's hand-off between two pages of a chain; the first page of each
 * walk has none: an origin's page asked `walkGapMs` or more after the one before ended starts a walk).
 */
export function pageChainTable(engine: ProbeReport, walkGapMs = 2000): string {
  const passages = (engine.requests as unknown as Passage[]).filter((r) => r[0] === 'limiter' && r[2] === 'background');
  if (passages.length === 0) return '  page chain: no background passages seen\n';
  const hostWait: number[] = [];
  const fleetWait: number[] = [];
  const exchange: number[] = [];
  const gap: number[] = [];
  const busy: number[] = [];
  for (const rows of byOrigin(passages).values()) {
    rows.forEach((r, i) => {
      hostWait.push(r[4] - r[3]);
      fleetWait.push(r[5] - r[4]);
      exchange.push(r[6] - r[5]);
      busy.push(r[7]);
      const before = rows[i - 1];
      if (before && r[3] - before[6] < walkGapMs) gap.push(r[3] - before[6]);
    });
  }
  const line = (xs: number[]): string => `${spread(xs).trim()} (${mean(xs)})`;
  return (
    `  background pages: ${passages.length}; per page, median/p90 (mean) ms: host wait ${line(hostWait)}, fleet-wide wait ${line(fleetWait)}, ` +
    `exchange ${line(exchange)}, from the page before ending to asking ${line(gap)}; fleet-wide slots busy as it asked ${spread(busy).trim()}\n`
  );
}
