// One mirrors poll cycle of a primary with a 9.x farm of 3 nodes mirroring all of its 2,000, then
// 20,000 repositories, 50 ms added latency per request: requests per cycle (a fixed number: they
// must not grow with repositories, issue #13) and cycle time against its bound from the design
// (added latency × requests queued per origin); then the sweep of per-repository detail (hashes and
// each node's repoSyncStatus, one page at a time): its requests (one per page) and time. The
// simulated fleet runs in another process, so the time is the engine's own plus the network.
// Cycles are spaced so that the engine's per-origin request budget (30, refilled 4/s, under
// Bitbucket's 60 and 5/s) is full at each start, as it is at a normal poll interval.
import { subscribe } from 'node:diagnostics_channel';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FleetConfig } from '../electron/engine/config/fleet-config-schema';
import { createEngine } from '../electron/engine/engine';
import { createMirrorsArea } from '../electron/engine/mirrors/mirrors-area';
import { DEFAULT_MAX_IN_FLIGHT } from '../electron/engine/scheduler/fleet-limiter';
import { openHistoryStore } from '../electron/engine/store/history-store';
import { onlyTheFarm } from './helpers/only-the-farm';
import { spawnDemo } from './helpers/spawn-demo';
import { median, report } from './helpers/report';
import { cycleTraceText, cycleTracer, withFleetSide, type CycleTimes } from './helpers/cycle-trace';
import { collectProbes, PROBE_FLAGS } from './helpers/probe-report';
import { mainThreadCpuMs, procUsage } from './helpers/proc-usage';
import { startCycleProfile } from './helpers/cycle-profile';
import { watchGcPauses } from './helpers/gc-pauses';

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
/** The engine's own fleet-wide cap: the bound uses the concurrency the engine really has. */
const MAX_IN_FLIGHT = DEFAULT_MAX_IN_FLIGHT;
const PAGE = 1000;
/** BENCH_MIRRORS_CYCLES: more cycles than 5 for steadier medians on a loaded machine. */
const CYCLES = Number(process.env.BENCH_MIRRORS_CYCLES ?? 5);
/** BENCH_MIRRORS_TRACE=1: where each cycle's time goes, request by request (bench/helpers/cycle-trace.ts). */
const TRACE = process.env.BENCH_MIRRORS_TRACE === '1';
const tracer = TRACE ? cycleTracer() : null;
let traced: CycleTimes[] = [];
/** BENCH_MIRRORS_PROFILE=DIR: a CPU profile of the cycles only (bench/helpers/cycle-profile.ts). */
const PROFILE_DIR = process.env.BENCH_MIRRORS_PROFILE;

let requests = 0;
let detailRequests = 0;
const perOrigin = new Map<string, number>();
const startedAt = new WeakMap<object, number>();
let durations: number[] = [];
/** Per paged resource (origin + path), its pages' round trips: pages follow one another. */
let chains = new Map<string, number>();
subscribe('undici:request:create', (message) => {
  requests++;
  const { request } = message as { request: { origin: string; path: string } };
  // The sweep's reads only: the primaries area's inventory (`/rest/api/1.0/repos`) is not one.
  if (/\/rest\/mirroring\/latest\/(repos|supportInfo\/repoSyncStatus)\?/.test(request.path)) detailRequests++;
  perOrigin.set(request.origin, (perOrigin.get(request.origin) ?? 0) + 1);
  startedAt.set(request, performance.now());
});
// The round trip the engine sees, body included: the simulator's own work counts, as a real server's would.
subscribe('undici:request:trailers', (message) => {
  const { request } = message as { request: { origin: string; path: string } };
  const t = startedAt.get(request);
  if (t === undefined) return;
  const ms = performance.now() - t;
  durations.push(ms);
  const key = `${request.origin}${request.path.split('?')[0]}`;
  chains.set(key, (chains.get(key) ?? 0) + ms);
});
const BUDGET_PER_SECOND = 4;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function cycle(
  engine: ReturnType<typeof createEngine>,
  primaryId: string,
): Promise<{ ms: number; requests: number; maxPerOrigin: number; roundTrip: number; chainMs: number }> {
  const r0 = requests;
  perOrigin.clear();
  durations = [];
  chains = new Map();
  tracer?.begin();
  const t0 = performance.now();
  const before = engine.snapshot().mirrorFarms[0]!.lastPollAt ?? 0;
  await new Promise<void>((resolve) => {
    const off = engine.onSnapshot((s) => {
      if ((s.mirrorFarms[0]?.lastPollAt ?? 0) > before) {
        off();
        resolve();
      }
    });
    engine.pollNow(primaryId, 'mirrors');
  });
  if (tracer) traced.push(tracer.end(engine.snapshot().mirrorFarms[0]!.pollDurationMs ?? Number.NaN));
  return {
    ms: performance.now() - t0,
    requests: requests - r0,
    maxPerOrigin: Math.max(...perOrigin.values()),
    roundTrip: median(durations),
    chainMs: Math.max(...chains.values()),
  };
}

async function measure(repos: number): Promise<void> {
  const probeDir = TRACE ? mkdtempSync(join(tmpdir(), 'mirrors-trace-')) : null;
  if (probeDir) {
    process.env.BENCH_PROBE_OUT = join(probeDir, 'probe');
    process.env.BENCH_PROBE_REQUESTS = '1';
  }
  const demo = await spawnDemo({ primaries: 1, reposPerPrimary: repos, latencyMs: LATENCY_MS }, probeDir ? PROBE_FLAGS : []);
  const store = openHistoryStore({ path: ':memory:' });
  try {
    await onlyTheFarm(demo.config);
    // One sweep after the first poll, unpaced (the budget is far above the link), then none.
    const config: FleetConfig = {
      ...demo.config,
      pollIntervalSeconds: 3600,
      inventoryIntervalSeconds: 86_400,
      mirrorSweepIntervalSeconds: 86_400,
      mirrorSweepBudgetKBps: 1_000_000,
    };
    const engine = createEngine({ config, store, areas: [createMirrorsArea()], maxInFlight: MAX_IN_FLIGHT, publishDelayMs: 0, slowThresholdMs: 10_000 });
    try {
      const d0 = detailRequests;
      await engine.firstPoll();
      await new Promise<void>((resolve) => {
        const done = (): boolean => engine.snapshot().mirrorFarms.some((f) => f.detailSweep?.sweptAt != null && !f.detailSweep.running && f.repos.inSync > 0);
        if (done()) resolve();
        const off = engine.onSnapshot(() => {
          if (done()) {
            off();
            resolve();
          }
        });
      });
      const sweepRequests = detailRequests - d0;
      const sweepMs = engine.snapshot().mirrorFarms[0]!.detailSweep?.durationMs ?? Number.NaN;
      const primaryId = config.primaries[0]!.id;
      const farm = engine.snapshot().mirrorFarms;
      if (farm.length !== 1 || farm[0]!.nodes.length !== 3 || farm[0]!.status === 'down')
        throw new Error(`expected one healthy 3-node farm, got ${JSON.stringify(farm.map((f) => [f.name, f.status, f.nodes.length, f.statusMessage]))}`);
      const runs: Awaited<ReturnType<typeof cycle>>[] = [];
      traced = [];
      let lastPerOrigin = 40;
      // CPU over the cycles and the waits between them (nothing else runs then): a load-free
      // split of the ≈ 10–20 ms a cycle takes over its bound between the fleet and the engine.
      const fleetCpu0 = procUsage(demo.pids[0]!).cpuMs;
      const engineCpu0 = mainThreadCpuMs();
      // The fleet's CPU between a cycle's start and its snapshot only: the figure above also holds
      // what the fleet's process does between cycles, which is not the answers' cost.
      let fleetInCyclesMs = 0;
      const profile = PROFILE_DIR ? await startCycleProfile(PROFILE_DIR) : null;
      const gcWatch = watchGcPauses();
      for (let i = 0; i < CYCLES; i++) {
        // Let the per-origin budget refill, as a poll interval would.
        await sleep((lastPerOrigin / BUDGET_PER_SECOND) * 1000 + 250);
        const inCycle0 = procUsage(demo.pids[0]!).cpuMs;
        const run = await cycle(engine, primaryId);
        fleetInCyclesMs += procUsage(demo.pids[0]!).cpuMs - inCycle0;
        lastPerOrigin = run.maxPerOrigin;
        runs.push(run);
      }
      const gc = gcWatch.stop();
      if (profile) process.stdout.write(`CPU profile of the cycles: ${await profile.stop(`mirrors-poll-${repos}`)}\n`);
      const fleetCpuMs = (procUsage(demo.pids[0]!).cpuMs - fleetCpu0) / CYCLES;
      const engineCpuMs = (mainThreadCpuMs() - engineCpu0) / CYCLES;
      const f = engine.snapshot().mirrorFarms[0]!;
      const counted = Object.values(f.repos).reduce((a, b) => a + b, 0);
      const pages = Math.ceil(counted / PAGE);
      const perCycle = runs[0]!.requests;
      // Primary: mirror list, pending requests; farm: upstreamServer + 6 reads; per node: /status. No pages.
      const expected = 2 + 7 + 3;
      // The bound comes from the design, never from a measured round trip (which would hide the
      // engine's own overhead): every request costs the added latency, at most MAX_IN_FLIGHT at once,
      // and at most 6 at once to one origin: ⌈what the cycle sent its busiest origin / 6⌉ round
      // trips (the farm's 7 reads through its front were 2; with the sync settings at a node's own
      // address, 6 and 1).
      const busiestSent = Math.max(...runs.map((r) => r.maxPerOrigin));
      const chain = Math.ceil(busiestSent / 6);
      const bound = LATENCY_MS * Math.max(Math.ceil(perCycle / MAX_IN_FLIGHT), chain);
      // The bound of a poll that sends all 7 farm reads to the front, for comparison with earlier figures.
      const frontBound = LATENCY_MS * Math.max(Math.ceil(perCycle / MAX_IN_FLIGHT), Math.ceil(7 / 6));
      // The sweep: the hashes' pages, then each node's, one request at a time.
      const sweepExpected = pages + 3 * pages;
      const sweepBound = LATENCY_MS * sweepExpected;
      const roundTrip = median(runs.map((r) => r.roundTrip));
      const chainMs = median(runs.map((r) => r.chainMs));
      const ms = median(runs.map((r) => r.ms));
      const label = `${repos.toLocaleString('en-US')} repositories`;
      report(`${label}: repositories derived per node`, counted.toLocaleString('en-US'), `${repos}`, counted === repos);
      report(`${label}: requests per cycle`, String(perCycle), `= ${expected}`, perCycle === expected && runs.every((r) => r.requests === perCycle));
      report(
        `${label}: sweep requests (one per page: hashes + 3 nodes × ${pages})`,
        String(sweepRequests),
        `= ${sweepExpected}`,
        sweepRequests === sweepExpected,
      );
      report(
        `${label}: sweep, unpaced / bound ${sweepBound} ms = ${LATENCY_MS} ms × ${sweepExpected} pages in sequence`,
        `${(sweepMs / sweepBound).toFixed(2)} (${sweepMs.toFixed(0)} ms)`,
        'n/a',
        true,
      );
      report(`${label}: median round trip as measured (${LATENCY_MS} ms added)`, `${roundTrip.toFixed(0)} ms`, 'n/a', true);
      report(`${label}: longest chain of requests to one resource as measured`, `${chainMs.toFixed(0)} ms`, 'n/a', true);
      report(
        `${label}: cycle (median of ${CYCLES}) / bound ${bound} ms = ${LATENCY_MS} ms × max(⌈${perCycle} requests / ${MAX_IN_FLIGHT}⌉, ⌈${busiestSent} to the busiest origin / 6⌉)`,
        `${(ms / bound).toFixed(2)} (${ms.toFixed(0)} ms)`,
        '≤ 1.2',
        ms / bound <= 1.2,
      );
      report(
        `${label}: cycle / bound ${frontBound} ms of the 7 farm reads at the front = ${LATENCY_MS} ms × ⌈7 / 6⌉ (before session 15)`,
        `${(ms / frontBound).toFixed(2)} (${ms.toFixed(0)} ms)`,
        'n/a',
        true,
      );
      report(`${label}: the simulated fleet's CPU per cycle (its process, 10 ms ticks)`, `${fleetCpuMs.toFixed(0)} ms`, 'n/a', true);
      report(`${label}: the simulated fleet's CPU within the cycles only, per cycle`, `${(fleetInCyclesMs / CYCLES).toFixed(0)} ms`, 'n/a', true);
      report(`${label}: the engine's CPU per cycle (this process's main thread, 10 ms ticks)`, `${engineCpuMs.toFixed(0)} ms`, 'n/a', true);
      report(
        `${label}: the engine's GC pauses per cycle: scavenges, mark-compacts, other (count)`,
        `${(gc.minorMs / CYCLES).toFixed(1)} (${(gc.minorCount / CYCLES).toFixed(1)}), ${(gc.majorMs / CYCLES).toFixed(1)} (${(gc.majorCount / CYCLES).toFixed(2)}), ${(gc.otherMs / CYCLES).toFixed(1)} ms`,
        'n/a',
        true,
      );
      report(`${label}: the engine's heap used after the cycles`, `${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MB`, 'n/a', true);
      const busiest = runs[0]!.maxPerOrigin;
      const interval = Math.ceil(busiest / BUDGET_PER_SECOND);
      report(`${label}: requests to the busiest origin per cycle`, String(busiest), '≤ 30 (burst)', busiest <= 30);
      report(`${label}: shortest poll interval the budget sustains`, `${interval} s`, '≤ 15 s', interval <= 15);
      if (probeDir) {
        const [fleet = null] = await collectProbes(join(probeDir, 'probe'), demo.pids, 0);
        withFleetSide(traced, fleet);
        process.stdout.write(cycleTraceText(traced, LATENCY_MS));
      }
    } finally {
      await engine.stop();
    }
  } finally {
    store.close();
    await demo.stop();
    if (probeDir) rmSync(probeDir, { recursive: true, force: true });
  }
}

process.stdout.write(`A 9.x farm of 3 nodes, +${LATENCY_MS} ms latency per request, ${MAX_IN_FLIGHT} requests in flight, pages of ${PAGE}\n`);
await measure(2_000);
await measure(20_000);
