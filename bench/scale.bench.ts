// Scale (issue #13): 10 primaries × 50,000 repositories, 20 mirror farms of 3 nodes (two 9.x farms
// per primary; each primary's 8.x single mirror comes on top), 15 s polls, +50 ms per request.
// The engine runs as it ships: the bundled CLI's `serve --config FILE` (dist-electron/cli.mjs, built
// by scripts/build.mjs) in its own Node process with the systemd unit's environment (its allocator
// settings; BENCH_ENGINE_ENV=plain without them), with its own history store on disk and every
// area, watched through its event stream as a browser-mode client watches it. The simulated fleet
// runs in other processes, so neither its cost nor this bench's (tsx, the watcher) is the engine's.
// The engine keeps its default schedules (inventory every 60 s, mirror sweep every 600 s within
// 512 KB/s a primary) for BENCH_SCALE_SECONDS (default 600: the issue's "no overrun over 10
// minutes"). Then a 10,000-repository fleet for its peak RSS (BENCH_SCALE_SMALL_SECONDS, 60).
//
// Figures, each with its formula:
// - overruns: a target's poll that took longer than the poll interval, or a gap between two of its
//   polls longer than interval + the scheduler's largest jitter (one interval), i.e. a missed tick;
// - regular cycle / network bound: the median regular poll (primaries without their inventory,
//   mirror farms) against the design bound, latency × the requests one host must queue
//   (⌈requests to the busiest origin of the cycle / 6 per host⌉), never a measured round trip;
// - peak RSS of the engine process: the kernel's high-water mark (/proc/PID/status VmHWM);
// - average engine CPU: the process's user + system time (/proc/PID/stat) over the run's wall
//   time, in % of one core; the simulated fleet's CPU is printed beside it, to show whether it
//   kept up (a saturated fleet makes slow polls that are not the engine's), and both processes'
//   event-loop delay over the run (bench/helpers/process-probe.mjs, loaded into each): a loop that
//   stalls delays every answer or exchange queued behind it.
// BENCH_SCALE_TRACE=1 also times every exchange in both processes and prints, per path, whose time
// it was (the fleet's parse, its answer, the engine's receipt).
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_MIRROR_SWEEP_SECONDS } from '../electron/engine/config/fleet-config-schema';
import type { Snapshot } from '../shared/model/snapshot';
import { engineEnvLine, startEngineProcess } from './helpers/engine-process';
import { collectProbes, loopLine, PROBE_FLAGS, traceTable, type ProbeReport } from './helpers/probe-report';
import { procUsage } from './helpers/proc-usage';
import { limiterTable } from './helpers/limiter-report';
import { overrunLog } from './helpers/overrun-log';
import { median, report } from './helpers/report';
import { spawnDemo } from './helpers/spawn-demo';
import { INVENTORY_PAGE_SIZE } from '../electron/engine/bitbucket/inventory-walk';

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const SECONDS = Number(process.env.BENCH_SCALE_SECONDS ?? 600);
const SMALL_SECONDS = Number(process.env.BENCH_SCALE_SMALL_SECONDS ?? 60);
/** Repositories per primary of the big run (a quick check of the bench itself can lower it). */
const REPOS = Number(process.env.BENCH_SCALE_REPOS ?? 50_000);
/** `skip` runs only the 10 × REPOS fleet. */
const SMALL = process.env.BENCH_SCALE_SMALL !== 'skip';
/** Node flags for the engine process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to see where its time goes. */
const ENGINE_NODE_FLAGS = (process.env.BENCH_SCALE_ENGINE_FLAGS ?? '').split(' ').filter(Boolean);
/** Node flags for the simulated fleet's process (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`: is the load generator keeping up?). */
const FLEET_NODE_FLAGS = (process.env.BENCH_SCALE_FLEET_FLAGS ?? '').split(' ').filter(Boolean);
/** A file to write the engine's stdout and stderr to when each run ends (e.g. with `--trace-gc` in the flags). */
const ENGINE_LOG = process.env.BENCH_SCALE_ENGINE_LOG;
const TRACE = process.env.BENCH_SCALE_TRACE === '1';
const INTERVAL_S = 15;
const PER_HOST = 6;

interface Run {
  overruns: number;
  polls: number;
  primaryRegularMs: number[];
  farmMs: number[];
  singleMs: number[];
  peakRssMb: number;
  cpuPercent: number;
  fleetCpuPercent: number;
  sweeps: number;
  engineProbe: ProbeReport | null;
  fleetProbe: ProbeReport | null;
  /** One line per overrun: which target, by how much, and what else ran then. */
  overrunLines: string[];
  /** Each inventory walk's duration (its own job since issue 13: never part of a poll). */
  walkMs: number[];
}

/** Watches every target's polls in the published snapshots. */
function watcher(engineStartedAt: number): {
  see(s: Snapshot): void;
  result(): Omit<Run, 'peakRssMb' | 'cpuPercent' | 'fleetCpuPercent' | 'engineProbe' | 'fleetProbe'>;
} {
  const intervalMs = INTERVAL_S * 1000;
  const last = new Map<string, number>();
  const seenInventory = new Map<string, number | null>();
  const seenWalk = new Map<string, number | null>();
  let polls = 0;
  const primaryRegularMs: number[] = [];
  const farmMs: number[] = [];
  const singleMs: number[] = [];
  const sweptAt = new Set<string>();
  const walkMs: number[] = [];
  const log = overrunLog(engineStartedAt);
  const visit = (kind: 'primary' | 'farm', id: string, primaryId: string, at: number | null, durationMs: number | null): boolean => {
    if (at === null || last.get(id) === at) return false;
    const prev = last.get(id);
    last.set(id, at);
    polls++;
    const target = { targetId: id, kind, primaryId, to: at };
    if ((durationMs ?? 0) > intervalMs) {
      log.add({ ...target, what: 'poll', ms: durationMs ?? 0, from: at - (durationMs ?? 0) });
    } else if (prev !== undefined && at - prev > 2 * intervalMs) {
      log.add({ ...target, what: 'gap', ms: at - prev, from: prev });
    }
    return true;
  };
  return {
    see: (s) => {
      log.see(s);
      for (const p of s.primaries) {
        if (!visit('primary', p.id, p.id, p.lastPollAt, p.pollDurationMs)) continue;
        const inventoryNow = p.inventoryAt !== null && p.inventoryAt === p.lastPollAt && seenInventory.get(p.id) !== p.inventoryAt;
        seenInventory.set(p.id, p.inventoryAt);
        if (!inventoryNow && p.pollDurationMs !== null) primaryRegularMs.push(p.pollDurationMs);
      }
      for (const p of s.primaries) {
        // A walk that read the inventory ended (its own job: the snapshot says so between polls too).
        if (p.inventoryAt !== null && seenWalk.get(p.id) !== p.inventoryAt && p.inventoryDurationMs != null) walkMs.push(p.inventoryDurationMs);
        seenWalk.set(p.id, p.inventoryAt);
      }
      for (const f of s.mirrorFarms) {
        // A farm of several nodes and a single mirror send their busiest origin different numbers of requests: two bounds.
        if (visit('farm', f.id, f.primaryId, f.lastPollAt, f.pollDurationMs) && f.pollDurationMs !== null)
          (f.mirrorType === 'SINGLE' || f.nodes.length < 2 ? singleMs : farmMs).push(f.pollDurationMs);
        if (f.detailSweep?.sweptAt != null) sweptAt.add(`${f.id}@${f.detailSweep.sweptAt}`);
      }
    },
    result: () => ({ overruns: log.count(), polls, primaryRegularMs, farmMs, singleMs, sweeps: sweptAt.size, overrunLines: log.lines(), walkMs }),
  };
}

async function run(repos: number, farmsPerPrimary: number, seconds: number): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'fs-scale-'));
  // Both children inherit these and load the probe.
  const probe = join(dir, 'probe');
  process.env.BENCH_PROBE_OUT = probe;
  if (TRACE) process.env.BENCH_PROBE_REQUESTS = '1';
  const demo = await spawnDemo({ primaries: 10, nodesPerPrimary: 3, reposPerPrimary: repos, mirrorFarmsPerPrimary: farmsPerPrimary, latencyMs: LATENCY_MS }, [
    ...PROBE_FLAGS,
    ...FLEET_NODE_FLAGS,
  ]);
  // The demo sweeps mirror detail in every poll; at this scale the engine's default sweep is what is measured.
  const config = { ...demo.config, pollIntervalSeconds: INTERVAL_S, mirrorSweepIntervalSeconds: DEFAULT_MIRROR_SWEEP_SECONDS };
  // JSON is YAML: the config file as `fleetscope demo` would print it, with the engine's own sweep.
  writeFileSync(join(dir, 'fleet.yaml'), JSON.stringify(config));
  const engineStartedAt = Date.now();
  const engine = await startEngineProcess(['--config', join(dir, 'fleet.yaml'), '--data-dir', join(dir, 'data')], [...PROBE_FLAGS, ...ENGINE_NODE_FLAGS]);
  const probed = [engine.pid, ...demo.pids];
  process.stdout.write(
    `  engine: pid ${engine.pid}, node ${[...ENGINE_NODE_FLAGS, 'dist-electron/cli.mjs serve'].join(' ')}; simulated fleet: pid ${demo.pids.join(', ')}\n`,
  );
  try {
    const watch = watcher(engineStartedAt);
    const engine0 = procUsage(engine.pid);
    const fleet0 = demo.pids.map(procUsage);
    const t0 = performance.now();
    // Start-up is not the run's: the probes start over here.
    await collectProbes(probe, probed, 0);
    engine.onSnapshot(watch.see);
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const wallMs = performance.now() - t0;
    const engine1 = procUsage(engine.pid);
    const fleetCpuMs = demo.pids.map(procUsage).reduce((sum, u, i) => sum + u.cpuMs - fleet0[i]!.cpuMs, 0);
    const [engineProbe = null, fleetProbe = null] = await collectProbes(probe, probed, 1);
    return {
      engineProbe,
      fleetProbe,
      ...watch.result(),
      peakRssMb: engine1.peakRssBytes / 2 ** 20,
      cpuPercent: ((engine1.cpuMs - engine0.cpuMs) / wallMs) * 100,
      fleetCpuPercent: (fleetCpuMs / wallMs) * 100,
    };
  } finally {
    await engine.stop();
    if (ENGINE_LOG) appendFileSync(ENGINE_LOG, `=== ${repos} repositories a primary\n${engine.output()}`);
    await demo.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The machine's load, printed beside every figure (2 cores, shared with other work). */
const load = (): string =>
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')}`;

process.stdout.write(`${engineEnvLine()}\n`);

if (SMALL) {
  // 10,000 repositories in all, the same fleet shape: 10 primaries of 1,000.
  process.stdout.write(`10 primaries × 1,000 repositories (10,000 in all), 2 farms each, ${SMALL_SECONDS} s; ${load()}\n`);
  const small = await run(1_000, 2, SMALL_SECONDS);
  report('10,000 repositories: peak engine RSS (VmHWM)', `${small.peakRssMb.toFixed(0)} MB`, '≤ 200 MB', small.peakRssMb <= 200);
}

process.stdout.write(
  `10 primaries × ${REPOS.toLocaleString('en-US')} repositories, 2 farms of 3 nodes each (+ an 8.x single mirror), ${INTERVAL_S} s polls, +${LATENCY_MS} ms a request, ${SECONDS} s; ${load()}\n`,
);
const big = await run(REPOS, 2, SECONDS);
process.stdout.write(`  after the run: ${load()}\n`);
process.stdout.write(loopLine('engine', big.cpuPercent, big.engineProbe));
process.stdout.write(loopLine('simulated fleet', big.fleetCpuPercent, big.fleetProbe));
if (TRACE && big.engineProbe && big.fleetProbe) process.stdout.write(traceTable(big.engineProbe, big.fleetProbe));
if (TRACE && big.engineProbe) process.stdout.write(limiterTable(big.engineProbe));
for (const line of big.overrunLines) process.stdout.write(line);
const label = `10 × ${REPOS / 1000}k`;
report(`${label}: polls seen (primaries and farms)`, String(big.polls), 'n/a', true);
report(`${label}: sweeps of a farm's detail completed`, String(big.sweeps), 'n/a', true);
report(`${label}: simulated fleet CPU (all its processes)`, `${big.fleetCpuPercent.toFixed(1)} %`, 'n/a', true);
report(`${label}: overruns (poll > ${INTERVAL_S} s, or gap > 2 × ${INTERVAL_S} s)`, String(big.overruns), '0', big.overruns === 0);
// Primary regular poll: version + cluster to the base URL, one /status per node (own origins): one round trip.
const primaryBound = LATENCY_MS * Math.ceil(2 / PER_HOST);
const pMed = median(big.primaryRegularMs);
report(
  `${label}: primary regular poll (median of ${big.primaryRegularMs.length}) / bound ${primaryBound} ms = ${LATENCY_MS} ms × ⌈2 / ${PER_HOST}⌉`,
  `${(pMed / primaryBound).toFixed(2)} (${pMed.toFixed(0)} ms)`,
  '≤ 1.3',
  pMed / primaryBound <= 1.3,
);
// Farm poll of a 9.x farm of 3 nodes: upstreamServer + 5 farm reads to the farm's origin, the sync
// settings and /status at a node's own address, the other nodes' /status at theirs (farm-poll.ts):
// ⌈6 / 6⌉ = 1 round trip. Before session 15 all 7 farm reads went to the front: ⌈7 / 6⌉ = 2, printed
// beside it for comparison with earlier figures.
const farmBound = LATENCY_MS * Math.ceil(6 / PER_HOST);
const frontBound = LATENCY_MS * Math.ceil(7 / PER_HOST);
const fMed = median(big.farmMs);
report(
  `${label}: farm poll, farms of 3 nodes (median of ${big.farmMs.length}) / bound ${farmBound} ms = ${LATENCY_MS} ms × ⌈6 / ${PER_HOST}⌉`,
  `${(fMed / farmBound).toFixed(2)} (${fMed.toFixed(0)} ms)`,
  '≤ 1.3',
  fMed / farmBound <= 1.3,
);
report(
  `${label}: farm poll, farms of 3 nodes / bound ${frontBound} ms of all 7 farm reads at the front = ${LATENCY_MS} ms × ⌈7 / ${PER_HOST}⌉ (before session 15)`,
  `${(fMed / frontBound).toFixed(2)} (${fMed.toFixed(0)} ms)`,
  'n/a',
  true,
);
// An 8.x single mirror: upstreamServer + 5 reads (no delayed-sync list) and its /status, all at its one address: ⌈7 / 6⌉ = 2.
const sMed = median(big.singleMs);
report(
  `${label}: single-mirror poll (median of ${big.singleMs.length}) / bound ${frontBound} ms = ${LATENCY_MS} ms × ⌈7 / ${PER_HOST}⌉`,
  `${(sMed / frontBound).toFixed(2)} (${sMed.toFixed(0)} ms)`,
  '≤ 1.3',
  sMed / frontBound <= 1.3,
);
// The inventory walk: its pages follow each other (each names the next start), so its bound is
// the page chain, ⌈repositories / 1,000⌉ pages × latency; a walk longer than the poll interval is
// late by its own schedule, not an overrun of the primary's poll (docs/scale.md).
const walkBound = Math.ceil(REPOS / INVENTORY_PAGE_SIZE) * LATENCY_MS;
const walks = [...big.walkMs].sort((a, b) => a - b);
const walkLate = walks.filter((ms) => ms > INTERVAL_S * 1000).length;
report(
  `${label}: inventory walks (${walks.length}; median / max) against the page chain ${walkBound} ms = ${Math.ceil(REPOS / INVENTORY_PAGE_SIZE)} pages × ${LATENCY_MS} ms; longer than ${INTERVAL_S} s`,
  walks.length === 0 ? 'none ended' : `${median(walks).toFixed(0)} / ${walks.at(-1)!.toFixed(0)} ms (${(median(walks) / walkBound).toFixed(2)}×); ${walkLate}`,
  'n/a',
  true,
);
report(`${label}: peak engine RSS (VmHWM)`, `${big.peakRssMb.toFixed(0)} MB`, '≤ 400 MB', big.peakRssMb <= 400);
report(`${label}: engine CPU = (user + system) / wall time`, `${big.cpuPercent.toFixed(1)} %`, '≤ 35 %', big.cpuPercent <= 35);
