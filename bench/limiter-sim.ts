// The engine's FleetLimiter under the scale bench's traffic, on a virtual clock (no sockets, no
// load): what a farm poll waits for when each exchange takes exactly its round trip. Not part of
// `npm run bench`; `node --import tsx bench/limiter-sim.ts [maxInFlight[/walk slots] …]` (docs/scale.md,
// session 14). Traffic per primary, as the scale bench's fleet sends it: every 15 s ± 10 % a
// regular poll (2 requests to the primary, a /status to each of its 3 nodes) and a mirror cycle
// (2 to the primary; two 3-node farms, each 6 to its front, the sync settings and a /status to one
// node, a /status to each other node — SIM_FARM_FRONT=7 for the poll before session 15, all 7 farm
// reads at the front; an 8.x single mirror, 7 + its /status to one origin); the sweep's pages one at a time (regular, a page
// every PAGE_EVERY_MS within the byte budget, each SWEEP_EXCHANGE_MS); every 60 s an inventory
// walk of 50 background pages, one after the other.
import { FleetLimiter, fleetShares } from '../electron/engine/scheduler/fleet-limiter';
import { median } from './helpers/report';

const RTT_MS = Number(process.env.SIM_RTT_MS ?? 55);
const SWEEP_EXCHANGE_MS = Number(process.env.SIM_SWEEP_EXCHANGE_MS ?? 300);
const PAGE_EVERY_MS = Number(process.env.SIM_PAGE_EVERY_MS ?? 800);
const WALK_PAGE_MS = Number(process.env.SIM_WALK_PAGE_MS ?? 100);
const SECONDS = Number(process.env.SIM_SECONDS ?? 600);
/** A 3-node farm's reads at its front; the rest of its 7 at its first node's address. */
const FARM_FRONT = Number(process.env.SIM_FARM_FRONT ?? 6);
const PRIMARIES = 10;
const INTERVAL_MS = 15_000;

/** A virtual clock: timers run in time order, and every promise they settle runs before the next. */
function virtualClock() {
  let now = 0;
  let seq = 0;
  const timers: { at: number; seq: number; fn: () => void }[] = [];
  const realSetImmediate = setImmediate;
  const set = (fn: () => void, ms = 0): { at: number; seq: number; fn: () => void } => {
    const t = { at: now + Math.max(0, ms), seq: seq++, fn };
    timers.push(t);
    return t;
  };
  return {
    now: () => now,
    sleep: (ms: number) => new Promise<void>((r) => set(r, ms)),
    install() {
      const g = globalThis as unknown as Record<string, unknown>;
      g['setTimeout'] = (fn: () => void, ms?: number) => set(fn, ms);
      g['clearTimeout'] = (t: unknown) => {
        const i = timers.indexOf(t as never);
        if (i >= 0) timers.splice(i, 1);
      };
    },
    async run(untilMs: number) {
      for (;;) {
        await new Promise((r) => realSetImmediate(r));
        if (timers.length === 0) return;
        timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
        const t = timers.shift()!;
        if (t.at > untilMs) return;
        now = t.at;
        t.fn();
      }
    },
  };
}

interface Rule {
  maxInFlight: number;
  /** Walks' and sweeps' pages together; absent: no share of their own (the sweep's pages regular requests, as before session 20). */
  bulk?: number;
}

interface SimResult {
  farm: number[];
  primary: number[];
  fleetWait: number[];
  /** Most requests in flight at once: all, the walks' pages, the walks' and the sweeps' pages together. */
  peak: { all: number; walks: number; bulk: number };
}

async function simulate(rule: Rule, seed: number): Promise<SimResult> {
  const clock = virtualClock();
  clock.install();
  let state = seed;
  const random = (): number => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const limiter = new FleetLimiter({
    concurrency: 6,
    maxInFlight: rule.maxInFlight,
    bulkInFlight: rule.bulk ?? rule.maxInFlight,
    now: clock.now,
  });
  const fleetWait: number[] = [];
  const peak = { all: 0, walks: 0, bulk: 0 };
  const busy = { all: 0, walks: 0, bulk: 0 };
  const exchange = (origin: string, ms: number, kind: 'regular' | 'background' | 'sweep' = 'regular'): Promise<void> => {
    const asked = clock.now();
    const counts = ['all', ...(kind === 'background' ? ['walks', 'bulk'] : kind === 'sweep' ? ['bulk'] : [])] as const as readonly (keyof typeof busy)[];
    return limiter.run(
      origin,
      async () => {
        fleetWait.push(clock.now() - asked);
        for (const k of counts) peak[k] = Math.max(peak[k], ++busy[k]);
        await clock.sleep(ms);
        for (const k of counts) busy[k]--;
      },
      undefined,
      // Before session 20 a sweep's page was a regular request: a rule without a bulk share replays that.
      kind === 'sweep' && rule.bulk === undefined ? 'regular' : kind,
    );
  };
  const farm: number[] = [];
  const primary: number[] = [];
  const end = SECONDS * 1000;
  const every = (first: number, next: () => number, fn: () => Promise<void>): void => {
    const tick = async (): Promise<void> => {
      if (clock.now() > end) return;
      const t0 = clock.now();
      await fn();
      await clock.sleep(Math.max(0, next() - (clock.now() - t0)));
      void tick();
    };
    void clock.sleep(first).then(tick);
  };
  const jittered = (): number => INTERVAL_MS * (0.9 + 0.2 * random());
  for (let p = 0; p < PRIMARIES; p++) {
    const at = 250 * random();
    const nodes = [0, 1, 2].map((n) => `primary${p}-node${n}`);
    every(at, jittered, async () => {
      const t0 = clock.now();
      await Promise.all([exchange(`primary${p}`, RTT_MS), exchange(`primary${p}`, RTT_MS), ...nodes.map((n) => exchange(n, RTT_MS))]);
      primary.push(clock.now() - t0);
    });
    const pollFarm = async (front: string, nodeOrigins: string[], record: boolean, atFront = 7): Promise<void> => {
      const t0 = clock.now();
      await Promise.all([
        ...Array.from({ length: atFront }, () => exchange(front, RTT_MS)),
        ...Array.from({ length: 7 - atFront }, () => exchange(nodeOrigins[0]!, RTT_MS)),
        ...nodeOrigins.map((n) => exchange(n, RTT_MS)),
      ]);
      if (record) farm.push(clock.now() - t0);
    };
    every(at, jittered, async () => {
      await Promise.all([
        exchange(`primary${p}`, RTT_MS),
        exchange(`primary${p}`, RTT_MS),
        pollFarm(
          `farm${p}-a`,
          [0, 1, 2].map((n) => `farm${p}-a-node${n}`),
          true,
          FARM_FRONT,
        ),
        pollFarm(
          `farm${p}-b`,
          [0, 1, 2].map((n) => `farm${p}-b-node${n}`),
          true,
          FARM_FRONT,
        ),
        // The single mirror's /status goes to its own base URL: 8 requests to one origin.
        pollFarm(`single${p}`, [`single${p}`], false),
      ]);
    });
    // The sweep: one page at a time, on the primary then each farm's nodes, paced by its budget.
    const sweepOrigins = [`primary${p}`, ...['a', 'b'].flatMap((f) => [0, 1, 2].map((n) => `farm${p}-${f}-node${n}`))];
    let page = 0;
    every(
      at + 2000,
      () => PAGE_EVERY_MS,
      () => exchange(sweepOrigins[page++ % sweepOrigins.length]!, SWEEP_EXCHANGE_MS, 'sweep'),
    );
    every(
      at + 1000,
      () => 60_000,
      async () => {
        for (let i = 0; i < 50; i++) await exchange(`primary${p}`, WALK_PAGE_MS, 'background');
      },
    );
  }
  await clock.run(end);
  return { farm, primary, fleetWait, peak };
}

const pct = (xs: number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
/** `16` (every class in 16 slots, walks at most `fleetShares`' walks) or `48/16` (walks' and sweeps' pages 16 of the 48). */
const rules: Rule[] = (process.argv.length > 2 ? process.argv.slice(2) : ['16', '32', '48/16']).map((arg) => {
  const [cap, bulk] = arg.split('/').map(Number);
  return bulk === undefined ? { maxInFlight: cap! } : { maxInFlight: cap!, bulk };
});
process.stdout.write(
  `FleetLimiter on a virtual clock: ${PRIMARIES} primaries, 3-node farms' reads ${FARM_FRONT} at the front + ${7 - FARM_FRONT} at a node, ${SECONDS} s, exchanges ${RTT_MS} ms (sweep pages ${SWEEP_EXCHANGE_MS} ms every ${PAGE_EVERY_MS} ms a primary, walk pages ${WALK_PAGE_MS} ms)\n`,
);
for (const rule of rules) {
  // One at a time: each installs its own clock as the global timers.
  const runs: SimResult[] = [];
  for (const seed of [1, 2, 3]) runs.push(await simulate(rule, seed));
  const farm = runs.flatMap((r) => r.farm);
  const primary = runs.flatMap((r) => r.primary);
  const wait = runs.flatMap((r) => r.fleetWait);
  const peak = (k: keyof SimResult['peak']): number => Math.max(...runs.map((r) => r.peak[k]));
  const shares = fleetShares({ maxInFlight: rule.maxInFlight, bulkInFlight: rule.bulk ?? rule.maxInFlight });
  process.stdout.write(
    `  ${String(rule.maxInFlight).padStart(3)} in flight, ${rule.bulk === undefined ? 'sweep pages regular' : `walks + sweep pages ≤ ${shares.bulkInFlight}`}, walks ≤ ${shares.walks}: farm poll median ${median(farm).toFixed(0)} ms, p90 ${pct(farm, 0.9).toFixed(0)} ms, max ${Math.max(...farm).toFixed(0)} ms (${farm.length}); primary poll median ${median(primary).toFixed(0)} ms, p90 ${pct(primary, 0.9).toFixed(0)} ms; limiter wait (host + fleet-wide) p90 ${pct(wait, 0.9).toFixed(0)} ms, p99 ${pct(wait, 0.99).toFixed(0)} ms; peak in flight ${peak('all')}, walks ${peak('walks')}, walks + sweep pages ${peak('bulk')}\n`,
  );
}
