// Where the 2k inventory cycle's time goes beyond its bound, round by round (BENCH_POLL_TRACE=1 in
// poll-cycle.bench.ts, issue 13 goal 3). Per request kind (the poll's reads; each inventory page by
// its start), when it asked the limiter, got the fleet-wide slot, was on the wire, parsed and
// answered by the fleet, had its headers and body in the engine, and its passage through the limiter
// ended (`done`: its promise settled, after the turn each exchange waits; not the slot's release,
// which the next request's grant shows); then each
// walk's end and the snapshot that carried it; then each gap of the cycle's last chain named by
// whose time it was. All on the wall clock (Date.now) of both processes.
import type { CycleTimes } from './cycle-trace';
import { median } from './report';

/** When a primary's walk ended (its `inventoryAt`) and when a snapshot carrying it reached the bench. */
export interface WalkEnd {
  primary: string;
  /** The primary's origin, as the exchanges name it. */
  origin: string;
  at: number;
  seen: number;
}

export interface RoundCycle {
  times: CycleTimes;
  walks: WalkEnd[];
}

type Exchange = CycleTimes['exchanges'][number];

/** The request's kind: its path without the API prefix, with the page's start for inventory pages. */
export function kindOf(path: string): string {
  const [base = '', query = ''] = path.split('?');
  const start = new URLSearchParams(query).get('start');
  const short = base.replace(/^\/rest\/api\/(latest|1\.0)/, '…api');
  return start === null ? short : `${short} start=${start}`;
}

const cell = (xs: number[]): string => (xs.length === 0 ? '-' : median(xs).toFixed(0)).padStart(9);
const rel = (v: number, t0: number): number => (v > 0 ? v - t0 : Number.NaN);
const real = (xs: number[]): number[] => xs.filter((n) => Number.isFinite(n));

export function roundTraceText(cycles: RoundCycle[], latencyMs: number, title: string): string {
  const cols = ['asked', 'fleet', 'created', 'parsed', 'finished', 'headers', 'end', 'done'] as const;
  const byKind = new Map<string, Exchange[]>();
  for (const { times } of cycles)
    for (const x of times.exchanges)
      (byKind.get(kindOf(x.rawPath)) ?? byKind.set(kindOf(x.rawPath), []).get(kindOf(x.rawPath))!).push({
        ...x,
        ...Object.fromEntries(cols.map((k) => [k, rel(x[k], times.start)])),
      });
  let text = `  ${title}, per request kind (median over primaries and ${cycles.length} cycles, ms from the cycle's start)\n`;
  text += `  ${'kind'.padEnd(40)}${'n'.padStart(5)}${cols.map((c) => c.padStart(9)).join('')}\n`;
  const kinds = [...byKind.entries()].sort((a, b) => median(real(a[1].map((x) => x.created))) - median(real(b[1].map((x) => x.created))));
  for (const [kind, xs] of kinds)
    text += `  ${kind.slice(0, 40).padEnd(40)}${String(xs.length).padStart(5)}${cols.map((c) => cell(real(xs.map((x) => x[c])))).join('')}\n`;
  text += gapsText(cycles, latencyMs);
  // A regular cycle walks nothing: its exchanges are the whole story.
  if (cycles.some((c) => c.walks.length === 0)) return text;
  const walkAt = cycles.flatMap((c) => c.walks.map((w) => w.at - c.times.start));
  const seen = cycles.flatMap((c) => c.walks.map((w) => w.seen - c.times.start));
  text += `  walks ended (inventoryAt) median ${cell(walkAt).trim()}, last ${cell(cycles.map((c) => Math.max(...c.walks.map((w) => w.at)) - c.times.start)).trim()} ms; in a snapshot median ${cell(seen).trim()}, cycle end ${cell(cycles.map((c) => c.times.published - c.times.start)).trim()} ms\n`;
  text += lastChain(cycles, latencyMs);
  return text;
}

/** Every exchange of the cycles, gap by gap, median/p90 (ms): whose time each gap was. */
function gapsText(cycles: RoundCycle[], latencyMs: number): string {
  const all = cycles.flatMap((c) => c.times.exchanges).filter((x) => x.parsed > 0 && x.end > 0 && x.fleet > 0);
  const p90 = (xs: number[]): string => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length ? s[Math.min(s.length - 1, Math.floor(0.9 * s.length))]!.toFixed(0) : '-';
  };
  const gaps: Array<[string, (x: Exchange) => number]> = [
    ["fleet-wide slot → on the wire (engine's loop)", (x) => x.created - x.fleet],
    ["on the wire → parsed by the fleet (socket, fleet's loop)", (x) => x.parsed - x.created],
    [`parsed → answered, less ${latencyMs} ms (fleet's work)`, (x) => x.finished - x.parsed - latencyMs],
    ["answered → headers in (socket, engine's loop)", (x) => x.headers - x.finished],
    ['headers → body in', (x) => x.end - x.headers],
  ];
  let text = `  every exchange (${all.length}), median and p90 ms\n`;
  for (const [name, gap] of gaps) {
    const xs = all.map(gap);
    text += `  ${name.padEnd(66)}${cell(xs)}${p90(xs).padStart(7)}\n`;
  }
  return text;
}

/**
 * The chain of the primary whose walk ended last, gap by gap (median over cycles): each page's
 * wait for a slot (the limiter), slot → wire (the engine's loop), wire → the fleet parsed it (socket,
 * the fleet's loop), the fleet's work beyond the added latency, answered → body in (socket, the
 * engine's loop), page 1's body → page 2 asked (the overlap's hand-off), page 2's body → the
 * walk's end (the reader thread's last read, its table sent back), → the snapshot.
 */
function lastChain(cycles: RoundCycle[], latencyMs: number): string {
  const gaps = new Map<string, number[]>();
  const add = (name: string, v: number): void => {
    if (Number.isFinite(v)) (gaps.get(name) ?? gaps.set(name, []).get(name)!).push(v);
  };
  for (const c of cycles) {
    const last = c.walks.reduce((a, w) => (w.at > a.at ? w : a));
    const origin = last.origin;
    const pages = c.times.exchanges.filter((x) => x.origin === origin && x.rawPath.includes('/repos?')).sort((a, b) => a.created - b.created);
    let before: Exchange | undefined;
    pages.forEach((p, i) => {
      const n = `page ${i + 1}`;
      if (before) add(`${n}: page ${i}'s body in → asked (hand-off)`, p.asked - before.end);
      else add(`${n}: cycle start → asked`, p.asked - c.times.start);
      add(`${n}: asked → fleet-wide slot (limiter)`, p.fleet - p.asked);
      add(`${n}: slot → on the wire (engine's loop)`, p.created - p.fleet);
      add(`${n}: wire → parsed by the fleet (socket, fleet's loop)`, p.parsed > 0 ? p.parsed - p.created : Number.NaN);
      add(`${n}: parsed → answered, less ${latencyMs} ms (fleet's work)`, p.parsed > 0 ? p.finished - p.parsed - latencyMs : Number.NaN);
      add(`${n}: answered → body in (socket, engine's loop)`, p.parsed > 0 ? p.end - p.finished : Number.NaN);
      before = p;
    });
    if (before) add(`last body in → walk ended (reader thread, table back)`, last.at - before.end);
    add(`walk ended → in a snapshot (compose, publish)`, last.seen - last.at);
    add(`whole chain (cycle start → cycle end)`, c.times.published - c.times.start);
  }
  let text = `  the last walk's chain (median over cycles, ms)\n`;
  for (const [name, xs] of gaps) text += `  ${name.padEnd(66)}${cell(xs)}\n`;
  return text;
}
