// Where one in-process poll cycle's time goes beyond its round trips (BENCH_MIRRORS_TRACE=1 in the
// mirrors bench): per request, when it asked the engine's limiter, got its host's and the
// fleet-wide slot, existed on the wire (undici), had its headers and its body; with the simulated
// fleet probed (process-probe.mjs), when the fleet parsed it and finished answering. All on the
// wall clock (Date.now), as the limiter publishes it, so the two processes' times compare.
import { subscribe } from 'node:diagnostics_channel';
import type { ProbeReport } from './probe-report';
import { median } from './report';

interface Exchange {
  origin: string;
  path: string;
  /** The path with its query (an inventory page's start). */
  rawPath: string;
  asked: number;
  host: number;
  fleet: number;
  /** The limiter released its slots (the request's work ended). */
  done: number;
  created: number;
  headers: number;
  end: number;
  /** The fleet's side: parsed and finished (0 when the fleet was not probed or no row matched). */
  parsed: number;
  finished: number;
}

interface Passage {
  origin: string;
  asked: number;
  host: number;
  fleet: number;
  done: number;
}

export interface CycleTimes {
  start: number;
  /** The engine published the snapshot that carried the cycle. */
  published: number;
  /** The farm observation's own duration (pollFarm's first read to its last answer). */
  farmPollMs: number;
  exchanges: Exchange[];
}

/** Subscribes once; `begin` starts a cycle's record, `end` closes it. */
export function cycleTracer(): { begin(): void; end(farmPollMs: number): CycleTimes } {
  const wire = new WeakMap<object, Exchange>();
  let exchanges: Exchange[] = [];
  let passages: Passage[] = [];
  let start = 0;
  subscribe('undici:request:create', (m) => {
    const { request } = m as { request: { origin: string; path: string } };
    const x: Exchange = {
      origin: request.origin,
      path: request.path.split('?')[0]!,
      rawPath: request.path,
      asked: 0,
      host: 0,
      fleet: 0,
      done: 0,
      created: Date.now(),
      headers: 0,
      end: 0,
      parsed: 0,
      finished: 0,
    };
    wire.set(request, x);
    exchanges.push(x);
  });
  subscribe('undici:request:headers', (m) => {
    const x = wire.get((m as { request: object }).request);
    if (x) x.headers = Date.now();
  });
  subscribe('undici:request:trailers', (m) => {
    const x = wire.get((m as { request: object }).request);
    if (x) x.end = Date.now();
  });
  subscribe('fleetscope:limiter', (p) => passages.push(p as Passage));
  return {
    begin() {
      exchanges = [];
      passages = [];
      start = Date.now();
    },
    end(farmPollMs) {
      const published = Date.now();
      // A passage ends with its exchange's body: match each exchange to the passage of its origin
      // whose fleet-wide grant came last before the exchange existed.
      const free = [...passages].sort((a, b) => a.fleet - b.fleet);
      for (const x of [...exchanges].sort((a, b) => a.created - b.created)) {
        let i = free.length - 1;
        while (i >= 0 && !(free[i]!.origin === x.origin && free[i]!.fleet <= x.created)) i--;
        if (i < 0) continue;
        const [p] = free.splice(i, 1);
        Object.assign(x, { asked: p!.asked, host: p!.host, fleet: p!.fleet, done: p!.done });
      }
      return { start, published, farmPollMs, exchanges };
    },
  };
}

/** Adds the fleet's side (request parsed, response finished) from its probe's rows. */
export function withFleetSide(cycles: CycleTimes[], fleet: ProbeReport | null): void {
  if (!fleet) return;
  const served = fleet.requests
    .filter((r) => r[0] === 'server')
    .map((r) => ({ port: String(r[1]), path: String(r[2]).split('?')[0]!, parsed: Number(r[3]), finished: Number(r[4]), used: false }));
  for (const c of cycles)
    for (const x of c.exchanges) {
      const port = new URL(x.origin).port;
      const s = served.find((r) => !r.used && r.port === port && r.path === x.path && r.parsed >= x.created - 5 && r.parsed <= x.headers);
      if (!s) continue;
      s.used = true;
      x.parsed = s.parsed;
      x.finished = s.finished;
    }
}

const ms = (v: number): string => `${v.toFixed(0)}`.padStart(6);

/**
 * Per request of the cycle (median over the cycles, ms from the cycle's start): asked, host slot,
 * fleet-wide slot, on the wire, parsed by the fleet, answered, headers in, body in; then the
 * cycle's phases and the excess over the added latency split into the engine's side and the fleet's.
 */
export function cycleTraceText(cycles: CycleTimes[], latencyMs: number): string {
  const byPath = new Map<string, Exchange[]>();
  for (const c of cycles)
    for (const x of c.exchanges) {
      const key = `${new URL(x.origin).host} ${x.path.replace('/rest/mirroring/latest', '…')}`;
      const rel = { ...x };
      for (const k of ['asked', 'host', 'fleet', 'created', 'headers', 'end', 'parsed', 'finished'] as const) rel[k] = x[k] === 0 ? Number.NaN : x[k] - c.start;
      (byPath.get(key) ?? byPath.set(key, []).get(key)!).push(rel);
    }
  const cols = ['asked', 'host', 'fleet', 'created', 'parsed', 'finished', 'headers', 'end'] as const;
  let text = `  trace (median of ${cycles.length} cycles, ms from the cycle's start; the fleet's times from its probe)\n`;
  text += `  ${'origin path'.padEnd(58)}${cols.map((c) => c.padStart(9)).join('')}\n`;
  const rows = [...byPath.entries()].sort((a, b) => median(a[1].map((x) => x.created)) - median(b[1].map((x) => x.created)));
  for (const [key, xs] of rows) {
    const values = cols.map((c) => {
      const v = xs.map((x) => x[c]).filter((n) => !Number.isNaN(n));
      return v.length === 0 ? '-'.padStart(9) : ms(median(v)).padStart(9);
    });
    text += `  ${key.padEnd(58).slice(0, 58)}${values.join('')}\n`;
  }
  const all = cycles.flatMap((c) => c.exchanges);
  const fleetSide = all.filter((x) => x.parsed > 0);
  const phase = (name: string, v: number[]): string => `  ${name.padEnd(74)}${ms(median(v))} ms\n`;
  text += phase(
    'cycle start → first request asked the limiter',
    cycles.map((c) => Math.min(...c.exchanges.map((x) => x.asked || x.created)) - c.start),
  );
  text += phase(
    'last body in → snapshot published (apply, record, publish)',
    cycles.map((c) => c.published - Math.max(...c.exchanges.map((x) => x.end))),
  );
  text += phase(
    'farm poll as the engine times it',
    cycles.map((c) => c.farmPollMs),
  );
  text += phase(
    'an exchange: on the wire → body in',
    all.map((x) => x.end - x.created),
  );
  if (fleetSide.length > 0) {
    text += phase(
      "  of which on the wire → parsed by the fleet (socket, the fleet's loop)",
      fleetSide.map((x) => x.parsed - x.created),
    );
    text += phase(
      `  of which parsed → answered, less the ${latencyMs} ms added (the fleet's work)`,
      fleetSide.map((x) => x.finished - x.parsed - latencyMs),
    );
    text += phase(
      "  of which answered → body in (the socket, the engine's loop)",
      fleetSide.map((x) => x.end - x.finished),
    );
  }
  const handOffs = slotHandOffs(cycles);
  // Since session 15 no origin gets more than its 6 slots in a cycle: nothing waits for one.
  text +=
    handOffs.length > 0
      ? phase('a slot freed → the next request of its host on the wire', handOffs)
      : `  ${'a slot freed → the next request of its host on the wire'.padEnd(74)}none (no request waited for its host)
`;
  return text;
}

/** For each request that waited for its host, from the end of the exchange that freed it to its own start on the wire. */
function slotHandOffs(cycles: CycleTimes[]): number[] {
  const out: number[] = [];
  for (const c of cycles)
    for (const x of c.exchanges) {
      if (!(x.host > x.asked)) continue;
      const freed = c.exchanges.filter((y) => y.origin === x.origin && y !== x && y.end > 0 && y.end <= x.created).map((y) => y.end);
      if (freed.length > 0) out.push(x.created - Math.max(...freed));
    }
  return out.length > 0 ? out : [Number.NaN];
}
