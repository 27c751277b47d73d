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
  const byOrigin = new Map<string, Passage[]>();
  for (const p of passages) if (classes.get(p[1]) === 'farm') (byOrigin.get(p[1]) ?? byOrigin.set(p[1], []).get(p[1])!).push(p);
  const asks: number[] = [];
  const grants: number[] = [];
  const spans: number[] = [];
  const sizes: number[] = [];
  for (const rows of byOrigin.values()) {
    rows.sort((a, b) => a[3] - b[3]);
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
