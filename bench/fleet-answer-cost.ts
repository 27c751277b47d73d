// What answering one regular mirror cycle costs the simulated fleet, in CPU: the mirrors-poll
// bench's 12 requests (captured from one engine poll) replayed many times against the fleet in its
// own process, with no latency added, 12 at once as the engine sends them. CPU per replayed cycle
// is read from /proc, so the figure is the fleet's own whatever the load; set
// BENCH_FLEET_PROFILE=DIR to write the fleet's CPU profile there (`--cpu-prof`).
// `node --import tsx bench/fleet-answer-cost.ts [repositories] [cycles] [latency ms]`
import { subscribe } from 'node:diagnostics_channel';
import { Agent, request } from 'undici';
import type { FleetConfig } from '../electron/engine/config/fleet-config-schema';
import { createEngine } from '../electron/engine/engine';
import { createMirrorsArea } from '../electron/engine/mirrors/mirrors-area';
import { openHistoryStore } from '../electron/engine/store/history-store';
import { onlyTheFarm } from './helpers/only-the-farm';
import { procUsage, threadCpuMs } from './helpers/proc-usage';
import { median } from './helpers/report';
import { spawnDemo } from './helpers/spawn-demo';

const repos = Number(process.argv[2] ?? 2000);
const cycles = Number(process.argv[3] ?? 200);
const latencyMs = Number(process.argv[4] ?? 0);
/** The primary's buckets refill 5 a second and a cycle takes 2 of them: stay under that. */
const CYCLE_GAP_MS = 450;

interface Captured {
  origin: string;
  path: string;
  method: string;
  headers: Record<string, string>;
}

const captured: Captured[] = [];
let capturing = false;
subscribe('undici:request:create', (message) => {
  if (!capturing) return;
  const { request: r } = message as { request: { origin: string; path: string; method: string; headers: string[] | string } };
  const flat = Array.isArray(r.headers)
    ? r.headers
    : r.headers.split('\r\n').flatMap((l) => (l ? [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()] : []));
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) headers[String(flat[i]).toLowerCase()] = String(flat[i + 1]);
  captured.push({ origin: r.origin, path: r.path, method: r.method, headers });
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const demo = await spawnDemo({ primaries: 1, reposPerPrimary: repos, latencyMs });
const store = openHistoryStore({ path: ':memory:' });
try {
  await onlyTheFarm(demo.config);
  const config: FleetConfig = { ...demo.config, pollIntervalSeconds: 3600, inventoryIntervalSeconds: 86_400, mirrorSweepIntervalSeconds: 86_400 };
  const engine = createEngine({ config, store, areas: [createMirrorsArea()], maxInFlight: 16, publishDelayMs: 0, slowThresholdMs: 10_000 });
  try {
    await engine.firstPoll();
    await sleep(3000);
    const before = engine.snapshot().mirrorFarms[0]?.lastPollAt ?? 0;
    capturing = true;
    await new Promise<void>((resolve) => {
      const off = engine.onSnapshot((s) => {
        if ((s.mirrorFarms[0]?.lastPollAt ?? 0) > before) {
          off();
          resolve();
        }
      });
      engine.pollNow(config.primaries[0]!.id, 'mirrors');
    });
    capturing = false;
  } finally {
    await engine.stop();
  }
  const agent = new Agent({ connections: 6 });
  const statuses = new Map<number, number>();
  const replay = async (): Promise<void> => {
    await Promise.all(
      captured.map(async (c) => {
        const { statusCode, body } = await request(`${c.origin}${c.path}`, { method: c.method as 'GET', headers: c.headers, dispatcher: agent });
        await body.arrayBuffer();
        statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
      }),
    );
  };
  for (let i = 0; i < 5; i++) await replay();
  statuses.clear();
  // What the fleet spends with no request at all (its own timers), to take off the cycles' figure.
  const idle0 = procUsage(demo.pids[0]!).cpuMs;
  await sleep(5000);
  const idlePerGap = ((procUsage(demo.pids[0]!).cpuMs - idle0) / 5000) * CYCLE_GAP_MS;
  const pid = demo.pids[0]!;
  const perCycle: number[] = [];
  const walls: number[] = [];
  let answering = 0;
  let answeringMain = 0;
  const cpu0 = procUsage(pid).cpuMs;
  for (let i = 0; i < cycles; i++) {
    const c0 = procUsage(pid).cpuMs;
    const m0 = threadCpuMs(pid, pid);
    const t0 = performance.now();
    await replay();
    walls.push(performance.now() - t0);
    answering += procUsage(pid).cpuMs - c0;
    answeringMain += threadCpuMs(pid, pid) - m0;
    await sleep(CYCLE_GAP_MS);
    perCycle.push(procUsage(pid).cpuMs - c0);
  }
  const total = procUsage(pid).cpuMs - cpu0;
  const sorted = [...walls].sort((a, b) => a - b);
  const at = (q: number): string => (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! - latencyMs).toFixed(1);
  await agent.close();
  process.stdout.write(
    `${repos} repositories, ${captured.length} requests a cycle (${captured.map((c) => c.path.split('?')[0]!.replace(/^\/rest\/mirroring\/latest\//, '')).join(', ')})\n` +
      `a cycle's 12 answers, first sent → last body in, less the ${latencyMs} ms added: min ${at(0)} ms, p10 ${at(0.1)} ms, p25 ${at(0.25)} ms, median ${at(0.5)} ms, p90 ${at(0.9)} ms\n` +
      `statuses: ${[...statuses].map(([s, n]) => `${s}×${n}`).join(', ')}\n` +
      `fleet CPU over ${cycles} cycles: ${total.toFixed(0)} ms = ${(total / cycles).toFixed(2)} ms a cycle (median of 10 ms ticks ${median(perCycle).toFixed(0)} ms), ${(total / cycles / captured.length).toFixed(2)} ms an answer; from the first request sent to the last answer in: ${(answering / cycles).toFixed(2)} ms a cycle, its main thread ${(answeringMain / cycles).toFixed(2)} ms; idle ${idlePerGap.toFixed(2)} ms a gap of ${CYCLE_GAP_MS} ms\n`,
  );
} finally {
  store.close();
  await demo.stop();
}
