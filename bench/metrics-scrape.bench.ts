// A Prometheus scrape of a collector watching 10 simulated primaries × 20,000 repositories with
// every area (caches, mirror farms, storage): time and bytes per scrape against a bound of 100 ms,
// and the series count compared with the same fleet at 200 repositories per primary — label
// cardinality must not depend on the repository count (no per-repository series). Then the same
// fleets with the per-repository opt-in (`metrics.perRepository`, limit 1,000): the limit's number of
// repositories get series at both sizes, never more, and their series stay within limit × (2 + F) + 1
// (F: most farms of a primary); a scrape with it within the same 100 ms, both back to back (the
// tables of one poll) and each after a poll of every target (the tables read anew, as Prometheus
// finds them); the first scrape, which matches every row, is shown.
// BENCH_SCRAPE_PROFILE=DIR writes a CPU profile of each set of scrapes.
import type { Snapshot } from '../shared/model';
import { createAreas } from '../electron/engine/areas';
import { createEngine } from '../electron/engine/engine';
import { createFleetMetrics, type MetricsSource } from '../electron/engine/metrics/fleet-metrics';
import { repositoryFiguresFrom } from '../electron/engine/metrics/repository-metrics';
import { openHistoryStore } from '../electron/engine/store/history-store';
import { median, report } from './helpers/report';
import { spawnDemo } from './helpers/spawn-demo';
import { startCycleProfile } from './helpers/cycle-profile';

const PRIMARIES = 10;
const SCRAPES = 30;
/** Scrapes each after a poll of every target (new cache statistics, farms derived again). */
const POLLED_SCRAPES = 5;
const SETTLE_MS = 2_000;
const BOUND_MS = 100;
const LIMIT = 1_000;
/** BENCH_SCRAPE_PROFILE=DIR: a CPU profile of each set of scrapes (bench/helpers/cycle-profile.ts); no time is to be taken from such a run. */
const PROFILE_DIR = process.env.BENCH_SCRAPE_PROFILE ?? '';
const OPT_IN = ['fleetscope_scm_cache_repository_', 'fleetscope_mirror_repository_state', 'fleetscope_metrics_repositories_dropped'];

interface Scrapes {
  ms: number;
  /** The first scrape (nothing rendered or matched before), and the median of scrapes each after a fresh poll of every target. */
  firstMs: number;
  afterPollMs: number;
  bytes: number;
  series: number;
  families: number;
}
interface Fleet {
  plain: Scrapes;
  /** With the opt-in: the per-repository series alone, and the scrape as a whole. */
  optIn: Scrapes & { repoSeries: number; farmsPerPrimary: number; exported: number };
}

/** Median time, bytes, series and families of `SCRAPES` renders (after one warm-up). */
async function measure(source: MetricsSource, label: string, pollAll: () => Promise<void>): Promise<Scrapes & { text: string }> {
  const metrics = createFleetMetrics(source);
  // The first scrape builds every series once (and, with the opt-in, matches every table's rows).
  const first = performance.now();
  await metrics.render();
  const firstMs = performance.now() - first;
  const times: number[] = [];
  let text = '';
  const profile = PROFILE_DIR ? await startCycleProfile(PROFILE_DIR) : null;
  for (let i = 0; i < SCRAPES; i++) {
    const t0 = performance.now();
    text = await metrics.render();
    times.push(performance.now() - t0);
  }
  if (profile) process.stderr.write(`${label}: CPU profile of the scrapes: ${await profile.stop(label.replace(/\W+/g, '-'))}\n`);
  // Back-to-back scrapes may find the tables of one poll; a scrape as Prometheus makes them comes after the next poll.
  const afterPoll: number[] = [];
  for (let i = 0; i < POLLED_SCRAPES; i++) {
    await pollAll();
    // Not at the poll's heels, as a scrape at a random time of a 15 s interval comes (the detail sweeps a poll starts may still run, as at scale).
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const t0 = performance.now();
    await metrics.render();
    afterPoll.push(performance.now() - t0);
  }
  metrics.stop();
  const samples = text.split('\n').filter((l) => l.startsWith('fleetscope_') && !l.startsWith('fleetscope_process_') && !l.startsWith('fleetscope_nodejs_'));
  const families = new Set(samples.map((l) => l.split(/[{ ]/)[0]!.replace(/_(bucket|sum|count)$/, ''))).size;
  const perFamily = new Map<string, number>();
  for (const l of samples) {
    const f = l.split(/[{ ]/)[0]!;
    perFamily.set(f, (perFamily.get(f) ?? 0) + 1);
  }
  process.stderr.write(`${label}: ${JSON.stringify(Object.fromEntries(perFamily))}\n`);
  return { ms: median(times), firstMs, afterPollMs: median(afterPoll), bytes: Buffer.byteLength(text), series: samples.length, families, text };
}

async function scrapes(reposPerPrimary: number): Promise<Fleet> {
  const demo = await spawnDemo({ primaries: PRIMARIES, reposPerPrimary });
  const store = openHistoryStore({ path: ':memory:' });
  const areas = createAreas();
  const engine = createEngine({
    config: { ...demo.config, pollIntervalSeconds: 5 },
    store,
    areas: Object.values(areas),
    publishDelayMs: 0,
    slowThresholdMs: 10_000,
  });
  try {
    await engine.firstPoll();
    await settled(engine.snapshot.bind(engine), reposPerPrimary);
    const source: MetricsSource = {
      snapshot: () => engine.snapshot(),
      onSnapshot: (l) => engine.onSnapshot(l),
      requestsMade: () => engine.requestsMade(),
    };
    // Every target polled again after `since`: primaries, their caches and farms (storage has no per-repository table).
    const pollAll = async (): Promise<void> => {
      const since = Date.now();
      engine.pollNow();
      const deadline = since + 60_000;
      for (;;) {
        const s = engine.snapshot();
        if ([...s.primaries, ...s.mirrorFarms].every((t) => (t.lastPollAt ?? 0) >= since)) return;
        if (Date.now() > deadline) throw new Error(`${reposPerPrimary} repositories per primary: a poll of every target did not end within 60 s.`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const { text: _plain, ...plain } = await measure(source, `${reposPerPrimary}`, pollAll);
    const tables = { getCacheRepositories: areas.cache.handlers.getCacheRepositories, getMirrorRepoStates: areas.mirrors.handlers.getMirrorRepoStates };
    const { text, ...optIn } = await measure(
      { ...source, repositories: repositoryFiguresFrom(tables, () => ({ limit: LIMIT })) },
      `${reposPerPrimary}, opt-in`,
      pollAll,
    );
    const repoSeries = text.split('\n').filter((l) => OPT_IN.some((p) => l.startsWith(p))).length;
    const farms = engine.snapshot().mirrorFarms;
    const farmsPerPrimary = Math.max(0, ...engine.snapshot().primaries.map((p) => farms.filter((f) => f.primaryId === p.id).length));
    const primaryOf = new Map(farms.map((f) => [f.id, f.primaryId]));
    return { plain, optIn: { ...optIn, repoSeries, farmsPerPrimary, exported: exportedRepositories(text, primaryOf) } };
  } finally {
    await engine.stop();
    store.close();
    await demo.stop();
  }
}

/**
 * The repositories that have at least one opt-in series, each once: a cache series names its
 * primary, a sync-state series its farm (whose primary the snapshot gives).
 */
function exportedRepositories(text: string, primaryOf: ReadonlyMap<string, string>): number {
  const seen = new Set<string>();
  for (const line of text.split('\n')) {
    if (!OPT_IN.some((p) => line.startsWith(p))) continue;
    const label = (name: string): string | undefined => new RegExp(`[{,]${name}="([^"]*)"`).exec(line)?.[1];
    const primary = label('primary') ?? primaryOf.get(label('farm') ?? '');
    const project = label('project');
    const repository = label('repository');
    if (primary !== undefined && project !== undefined && repository !== undefined) seen.add(`${primary}/${project}/${repository}`);
  }
  return seen.size;
}

/**
 * Waits until everything a scrape shows has been read once — inventories, every mirror node's
 * sync state, a successful poll of every target — so both fleet sizes expose the same series.
 */
async function settled(snapshot: () => Snapshot, reposPerPrimary: number): Promise<void> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    const s = snapshot();
    const targets = [...s.primaries, ...s.mirrorFarms, ...s.storage];
    const missing = [
      ...s.primaries.filter((p) => p.repositories === null).map((p) => `${p.id} inventory`),
      ...s.mirrorFarms.flatMap((f) => f.nodes.filter((n) => n.repos === null).map((n) => `${n.name} sync state`)),
      ...targets.filter((t) => t.lastSuccessAt === null).map((t) => `${t.id} successful poll`),
      ...s.mirrorFarms.filter((f) => f.lagSeconds === null || f.queue.count === null).map((f) => `${f.id} lag and queue`),
    ];
    if (missing.length === 0) return;
    if (Date.now() > deadline) throw new Error(`${reposPerPrimary} repositories per primary: still not read after 180 s: ${missing.join(', ')}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const { plain: small, optIn: smallOptIn } = await scrapes(200);
const { plain: large, optIn } = await scrapes(20_000);
process.stdout.write(`${PRIMARIES} primaries, every area; median of ${SCRAPES} scrapes (render of /metrics, snapshot included)\n`);
report(`scrape time, ${PRIMARIES} × 20,000 repositories (bound ${BOUND_MS} ms)`, `${large.ms.toFixed(1)} ms`, `≤ ${BOUND_MS} ms`, large.ms <= BOUND_MS);
report('scrape size, 10 × 20,000 repositories', `${(large.bytes / 1024).toFixed(1)} KiB`, 'n/a', true);
report('fleet series (without process metrics), 10 × 200', String(small.series), 'n/a', true);
report('fleet series, 10 × 20,000 (= series at 10 × 200)', String(large.series), `= ${small.series}`, large.series === small.series);
report('metric families with samples, 10 × 20,000', String(large.families), 'n/a', true);
process.stdout.write(`With metrics.perRepository { limit: ${LIMIT} } (every project): F = ${optIn.farmsPerPrimary} farms per primary at most\n`);
const optInBound = LIMIT * (2 + optIn.farmsPerPrimary) + 1;
report(`per-repository series, 10 × 200 (≤ limit × (2 + F) + 1)`, String(smallOptIn.repoSeries), `≤ ${optInBound}`, smallOptIn.repoSeries <= optInBound);
report(`per-repository series, 10 × 20,000 (≤ limit × (2 + F) + 1)`, String(optIn.repoSeries), `≤ ${optInBound}`, optIn.repoSeries <= optInBound);
// Which of the selected repositories have cache statistics (the simulated traffic reaches only some
// of 200 a primary) and farm rows varies, so the series count is bounded; how many repositories get
// series is the limit at both sizes, however many the fleet has.
report(`repositories exported, 10 × 200 (= limit: 2,000 match)`, String(smallOptIn.exported), `= ${LIMIT}`, smallOptIn.exported === LIMIT);
report(`repositories exported, 10 × 20,000 (= limit: 200,000 match)`, String(optIn.exported), `= ${LIMIT}`, optIn.exported === LIMIT);
report(
  'fleet series with the opt-in, 10 × 20,000 (= default + per-repository)',
  String(optIn.series),
  `= ${large.series + optIn.repoSeries}`,
  optIn.series === large.series + optIn.repoSeries,
);
report(`scrape time with the opt-in, 10 × 20,000 (bound ${BOUND_MS} ms)`, `${optIn.ms.toFixed(1)} ms`, `≤ ${BOUND_MS} ms`, optIn.ms <= BOUND_MS);
report(
  `scrape with the opt-in after each of ${POLLED_SCRAPES} polls of every target, 10 × 20,000 (median; bound ${BOUND_MS} ms)`,
  `${optIn.afterPollMs.toFixed(1)} ms`,
  `≤ ${BOUND_MS} ms`,
  optIn.afterPollMs <= BOUND_MS,
);
report('first scrape with the opt-in, 10 × 20,000 (every table matched; again when repositories change)', `${optIn.firstMs.toFixed(1)} ms`, 'n/a', true);
report('scrape size with the opt-in, 10 × 20,000', `${(optIn.bytes / 1024).toFixed(1)} KiB`, 'n/a', true);
