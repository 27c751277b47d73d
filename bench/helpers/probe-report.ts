// Reads what bench/helpers/process-probe.mjs wrote for a process and, for a traced run, splits
// each exchange of the engine with the simulated fleet into whose time it was.
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** [kind, origin (client) or local port (server), path, t0, t1, t2], wall-clock ms. */
type Row = [kind: 'client' | 'server', where: string | number, path: string, t0: number, t1: number, t2: number];

export interface ProbeReport {
  pid: number;
  from: number;
  to: number;
  loopDelayMs: { p50: number; p99: number; max: number; mean: number };
  loopUtilisation: number;
  /** HTTP responses the process finished as a server. */
  served: number;
  requests: Row[];
}

export const PROBE_FLAGS = ['--import', './bench/helpers/process-probe.mjs'];

/** Asks each process for what it saw since the last ask (SIGUSR2) and reads it; `seq` counts the asks. */
export async function collectProbes(prefix: string, pids: number[], seq: number): Promise<Array<ProbeReport | null>> {
  for (const pid of pids) process.kill(pid, 'SIGUSR2');
  const files = pids.map((pid) => `${prefix}.${pid}.${seq}.json`);
  for (let i = 0; i < 100 && !files.every((f) => existsSync(f)); i++) await sleep(100);
  // A file is written in one call once its process turned to the signal; a missing one says the probe was not loaded.
  return files.map((f) => (existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as ProbeReport) : null));
}

export function loopLine(name: string, cpuPercent: number, p: ProbeReport | null): string {
  if (!p) return `  ${name}: CPU ${cpuPercent.toFixed(1)} %; event loop not probed\n`;
  const d = p.loopDelayMs;
  const answers = p.served > 0 ? ` (${((cpuPercent * 10 * (p.to - p.from)) / 1000 / p.served).toFixed(2)} ms of CPU an answer, ${p.served} answers)` : '';
  return `  ${name}: CPU ${cpuPercent.toFixed(1)} %${answers}, event loop busy ${(p.loopUtilisation * 100).toFixed(1)} %, loop delay (10 ms timer, so ≈ 10 = none) p50 ${d.p50} ms, p99 ${d.p99} ms, max ${d.max} ms\n`;
}

const pct = (xs: number[], q: number): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

/** `/rest/mirroring/latest/upstreamServers/<uuid>/farmNodes?x=1` → `…/upstreamServers/U/farmNodes`; numeric ids as N. */
const pattern = (path: string): string =>
  path
    .split('?')[0]!
    .replace(/\/[0-9a-f]{8}-[0-9a-f-]{27,}(?=\/|$)/gi, '/U')
    .replace(/\/\d+(?=\/|$)/g, '/N')
    .replace(/^\/rest\/mirroring\/latest/, '…mirroring')
    .replace(/^\/rest\/api\/(latest|1\.0)/, '…api');

/**
 * Matches each engine exchange to the fleet's handling of it (same port and path, the first
 * request the fleet parsed at or after the engine created it) and prints, per path pattern,
 * the medians and p90 of: to fleet (created → the fleet parsed it: the socket and the fleet's
 * loop), in fleet (parsed → response finished: the +latency delay, the page's build and the
 * fleet's loop), back (finished → the engine had the headers: the engine's loop), body
 * (headers → body ended).
 */
export function traceTable(engine: ProbeReport, fleet: ProbeReport): string {
  const servers = new Map<string, Row[]>();
  for (const r of fleet.requests) {
    if (r[0] !== 'server' || r[5] === 0) continue;
    const key = `${r[1]} ${r[2]}`;
    (servers.get(key) ?? servers.set(key, []).get(key)!).push(r);
  }
  for (const list of servers.values()) list.sort((a, b) => a[3] - b[3]);
  const used = new Set<Row>();
  const groups = new Map<string, number[][]>();
  for (const c of [...engine.requests].sort((a, b) => a[3] - b[3])) {
    if (c[0] !== 'client' || c[5] === 0) continue;
    const port = new URL(String(c[1])).port;
    const s = servers.get(`${port} ${c[2]}`)?.find((r) => !used.has(r) && r[3] >= c[3] - 2);
    if (!s) continue;
    used.add(s);
    const parts = [c[5] - c[3], s[3] - c[3], s[4] - s[3], c[4] - s[4], c[5] - c[4]];
    const key = pattern(c[2]);
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(parts);
  }
  const head = ['exchanges', 'total', 'to fleet', 'in fleet', 'back', 'body'];
  let text = `  ${'path (median / p90 ms)'.padEnd(58)} ${head.map((h) => h.padStart(13)).join('')}\n`;
  const sorted = [...groups.entries()].sort((a, b) => b[1].length - a[1].length);
  for (const [key, rows] of sorted) {
    const cols = [0, 1, 2, 3, 4].map((i) => {
      const xs = rows.map((r) => r[i]!);
      return `${pct(xs, 0.5).toFixed(0)}/${pct(xs, 0.9).toFixed(0)}`.padStart(13);
    });
    text += `  ${key.slice(0, 58).padEnd(58)} ${String(rows.length).padStart(13)}${cols.join('')}\n`;
  }
  return text;
}
