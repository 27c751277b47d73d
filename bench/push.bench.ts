// Snapshot pushes per client on a no-fault simulated fleet (issue 13, goal 4): what one client's
// event stream carries per second, against the old behaviour of a full snapshot per target
// publish. The simulated fleet runs in another process; the engine polls every 15 s with +50 ms a
// request, and its snapshots go through the same snapshot feed the server and IPC use. Pushes and
// bytes are counts, not timings, so the load of the machine changes them little.
//   BENCH_PUSH_PRIMARIES (10), BENCH_PUSH_REPOS (2,000; 50,000 is the large fleet),
//   BENCH_PUSH_SECONDS (60: four poll cycles).
import { loadavg } from 'node:os';
import { createEngine } from '../electron/engine/engine';
import { openHistoryStore } from '../electron/engine/store/history-store';
import { createSnapshotFeed, PUSH_MIN_INTERVAL_MS } from '../electron/host/snapshot-feed';
import type { Snapshot } from '../shared/model/snapshot';
import { report } from './helpers/report';
import { spawnDemo } from './helpers/spawn-demo';

const PRIMARIES = Number(process.env.BENCH_PUSH_PRIMARIES ?? 10);
const REPOS = Number(process.env.BENCH_PUSH_REPOS ?? 2000);
const SECONDS = Number(process.env.BENCH_PUSH_SECONDS ?? 60);
const POLL_SECONDS = 15;
const GOAL_BYTES_PER_S = 10 * 1024;

/** An event-stream frame as the server writes it: what a client receives, byte for byte. */
const frameBytes = (event: string, payload: unknown): number => Buffer.byteLength(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);

const demo = await spawnDemo({ primaries: PRIMARIES, nodesPerPrimary: 3, reposPerPrimary: REPOS, latencyMs: 50 });
const store = openHistoryStore({ path: ':memory:' });
const engine = createEngine({ config: { ...demo.config, pollIntervalSeconds: POLL_SECONDS }, store });
try {
  await engine.firstPoll();
  const listeners = new Set<(s: Snapshot) => void>();
  engine.onSnapshot((s) => listeners.forEach((l) => l(s)));
  const feed = createSnapshotFeed(
    {
      on: (event, listener) => {
        if (event !== 'snapshot') return () => undefined;
        const l = listener as (s: Snapshot) => void;
        listeners.add(l);
        return () => listeners.delete(l);
      },
      dispatch: async () => ({ ok: true, value: engine.snapshot() }),
    },
    { now: () => performance.now() },
  );
  const full = await feed.current();
  const fullBytes = frameBytes('snapshotPush', full);
  let publishes = 0;
  let oldBytes = 0;
  let pushes = 0;
  let pushBytes = 0;
  let minGapMs = Number.POSITIVE_INFINITY;
  let lastPushAt: number | null = null;
  listeners.add((s) => {
    publishes += 1;
    oldBytes += frameBytes('snapshot', s);
  });
  feed.onPush((push) => {
    const at = performance.now();
    if (lastPushAt !== null) minGapMs = Math.min(minGapMs, at - lastPushAt);
    lastPushAt = at;
    pushes += 1;
    pushBytes += frameBytes('snapshotPush', push);
  });
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  feed.stop();

  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  process.stdout.write(
    `${PRIMARIES} primaries × 3 nodes × ${REPOS.toLocaleString('en')} repos + the demo's caches, mirror farms and storage, no faults, ${POLL_SECONDS} s polls, +50 ms a request, ${SECONDS} s measured; load average ${load}\n` +
      `bounds: pushes/s ≤ 1000 / ${PUSH_MIN_INTERVAL_MS} ms (the coalescing window); bytes/s ≤ ${GOAL_BYTES_PER_S / 1024} KB/s (issue 13 goal); a client's first full copy (${(fullBytes / 1024).toFixed(1)} KB) is counted apart\n`,
  );
  const perSecond = (n: number): number => n / SECONDS;
  const pushBound = 1000 / PUSH_MIN_INTERVAL_MS;
  report('before: full snapshot per target publish, pushes/s', perSecond(publishes).toFixed(2), 'n/a', true);
  report('before: bytes/s per client', `${(perSecond(oldBytes) / 1024).toFixed(1)} KB/s`, 'n/a', true);
  report(
    `pushes/s per client / bound ${pushBound}`,
    `${(perSecond(pushes) / pushBound).toFixed(2)} (${perSecond(pushes).toFixed(2)}/s)`,
    '≤ 1.0',
    perSecond(pushes) <= pushBound,
  );
  report(
    `shortest gap between pushes / ${PUSH_MIN_INTERVAL_MS} ms`,
    pushes > 1 ? `${(minGapMs / PUSH_MIN_INTERVAL_MS).toFixed(2)} (${minGapMs.toFixed(0)} ms)` : 'n/a',
    '≥ 1.0',
    pushes <= 1 || minGapMs >= PUSH_MIN_INTERVAL_MS,
  );
  const bytesPerS = perSecond(pushBytes);
  report(
    `bytes/s per client / ${GOAL_BYTES_PER_S / 1024} KB/s`,
    `${(bytesPerS / GOAL_BYTES_PER_S).toFixed(2)} (${(bytesPerS / 1024).toFixed(2)} KB/s)`,
    '≤ 1.0',
    bytesPerS <= GOAL_BYTES_PER_S,
  );
  report('bytes after / before', (pushBytes / Math.max(1, oldBytes)).toFixed(3), 'n/a', true);
} finally {
  await engine.stop();
  store.close();
  await demo.stop();
}
