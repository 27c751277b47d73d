import { Counter, Gauge, Registry } from 'prom-client';
import { FleetApiError } from '../../../shared/contract';
import type { CacheRepositoryColumns, MirrorRepoStateColumns, RepoSyncState } from '../../../shared/model';
import type { PerRepositoryMetricsConfig } from '../config/fleet-config-schema';
import type { HandlersOf } from '../handlers';
import { METRICS, type MetricName } from './metric-catalog';
import { MonotonicCounter } from './monotonic-counter';

/** Where the opt-in series come from: the config in force and the areas' per-repository tables. */
export interface RepositoryFiguresSource {
  /** `metrics.perRepository` of the config in force; undefined: no per-repository series. */
  config(): PerRepositoryMetricsConfig | undefined;
  /** A primary's cache table; null when the primary has none (not polled: its config is blocked). */
  cacheRepositories(primaryId: string): Promise<CacheRepositoryColumns | null>;
  /** A farm's repositories and their worst state; null when the farm is gone since the snapshot. */
  mirrorRepositories(farmId: string): Promise<MirrorRepoStateColumns | null>;
}

/** The source over the caches' and mirrors' read handlers (the engine's own tables, no request to the fleet). */
export function repositoryFiguresFrom(
  handlers: HandlersOf<'getCacheRepositories' | 'getMirrorRepoStates'>,
  config: () => PerRepositoryMetricsConfig | undefined,
): RepositoryFiguresSource {
  // A primary or farm of the snapshot may have no table: a blocked primary has no cache poller,
  // a farm may vanish between the snapshot and this read. Either has no repositories to export.
  const absent = (err: unknown): null => {
    if (err instanceof FleetApiError && (err.code === 'not-found' || err.code === 'not-available')) return null;
    throw err;
  };
  return {
    config,
    cacheRepositories: (primaryId) => handlers.getCacheRepositories({ primaryId }).then((r) => r.rows, absent),
    mirrorRepositories: (farmId) => handlers.getMirrorRepoStates({ farmId }).then((r) => r.repositories, absent),
  };
}

interface Candidate {
  key: string;
  labels: { primary: string; project: string; repository: string };
  hits: number | null;
  misses: number | null;
  /** Farm id → the repository's sync state there. */
  farms: Map<string, RepoSyncState>;
}

/** What of a snapshot the selection reads: the primaries, and each farm's primary. */
export interface FleetOutline {
  primaries: ReadonlyArray<{ id: string }>;
  mirrorFarms: ReadonlyArray<{ id: string; primaryId: string }>;
}

export interface RepositoryMetrics {
  /** The opt-in series for this snapshot, in the exposition format; empty without the opt-in. */
  render(fleet: FleetOutline): Promise<string>;
  stop(): void;
}

const def = (name: MetricName) => {
  const d = METRICS.find((m) => m.name === name)!;
  return { name: d.name, help: d.help, labelNames: [...d.labels] };
};

/**
 * The per-repository series a user opts into (`metrics.perRepository`). Every scrape selects the
 * repositories of the named projects from the caches' and farms' tables, sorted by primary, project
 * and slug — a stable order, so the same repositories keep their series from one scrape to the next
 * — and exports the first `limit`; the rest are counted in `fleetscope_metrics_repositories_dropped`
 * and reported through `warn` when dropping starts. Series: at most limit × (2 + farms of a primary) + 1.
 */
export function createRepositoryMetrics(source: RepositoryFiguresSource, warn: (message: string) => void = () => undefined): RepositoryMetrics {
  let registry: Registry | null = null;
  let hits: Counter;
  let misses: Counter;
  let state: Gauge;
  let dropped: Gauge;
  const monotonic = new Map<string, { hits: MonotonicCounter; misses: MonotonicCounter; labels: Candidate['labels'] }>();
  let droppedBefore = 0;
  /** Each primary's matching repositories as the last scrape found them (`matchingOf`), for the projects in `matchedProjects`. */
  const matched = new Map<string, MatchedKeys>();
  let matchedProjects = '';

  const open = (): Registry => {
    const r = new Registry();
    hits = new Counter({ ...def('fleetscope_scm_cache_repository_hits_total'), registers: [r] });
    misses = new Counter({ ...def('fleetscope_scm_cache_repository_misses_total'), registers: [r] });
    state = new Gauge({ ...def('fleetscope_mirror_repository_state'), registers: [r] });
    dropped = new Gauge({ ...def('fleetscope_metrics_repositories_dropped'), registers: [r] });
    return r;
  };
  const close = (): void => {
    registry?.clear();
    registry = null;
    monotonic.clear();
    matched.clear();
    droppedBefore = 0;
  };

  /**
   * Each primary's matching repositories as the last scrape found them, with the keys they were
   * found in: the repositories of a primary change far less often than its figures, and matching
   * every row of every table again (≈ 600,000 at 10 × 20,000, a Map lookup each) was most of a
   * scrape. Reused while every table lists the same keys in the same order (a row's cache figures
   * are read at the row the match names), and while the projects asked for are the same.
   */
  const matchingOf = (
    primary: string,
    cache: CacheRepositoryColumns | null,
    farms: readonly FarmColumns[],
    wanted: (project: string | null) => project is string,
  ): Matching => {
    const last = matched.get(primary);
    // The keys as read now are kept either way: a table that did not change since gives the same arrays again.
    const result = last && sameKeys(last, cache, farms) ? last.result : matchingRepositories(cache, farms, wanted);
    matched.set(primary, {
      cache: cache && { projectKey: cache.projectKey, repoSlug: cache.repoSlug },
      farms: farms.map(({ id, repos }) => ({ id, projectKey: repos.projectKey, slug: repos.slug })),
      result,
    });
    return result;
  };

  /**
   * The first `limit` repositories by primary, project and slug, and how many match in all. Primaries
   * are taken in id order, each sorting only its own repositories, until the limit is reached;
   * after that a primary's matching repositories are only counted. Only the selected repositories
   * get an object: at 10 × 20,000 a candidate per repository was most of a scrape's time (2 s).
   */
  const select = async (fleet: FleetOutline, cfg: PerRepositoryMetricsConfig): Promise<{ selected: Candidate[]; matching: number }> => {
    const projects = cfg.projects ? new Set(cfg.projects) : null;
    const asked = JSON.stringify(cfg.projects ?? null);
    if (asked !== matchedProjects) matched.clear();
    matchedProjects = asked;
    for (const id of matched.keys()) if (!fleet.primaries.some((p) => p.id === id)) matched.delete(id);
    const wanted = (project: string | null): project is string => project !== null && (projects === null || projects.has(project));
    const selected: Candidate[] = [];
    let matching = 0;
    for (const primary of fleet.primaries.map((p) => p.id).sort()) {
      const cache = await source.cacheRepositories(primary);
      const farms: FarmColumns[] = [];
      for (const f of fleet.mirrorFarms) {
        const repos = f.primaryId === primary ? await source.mirrorRepositories(f.id) : null;
        if (repos) farms.push({ id: f.id, repos });
      }
      const { found, count } = matchingOf(primary, cache, farms, wanted);
      matching += count;
      const room = cfg.limit - selected.length;
      if (room > 0) selected.push(...firstCandidates(primary, found, room, cache, farms));
    }
    return { selected, matching };
  };

  return {
    render: async (snapshot) => {
      const cfg = source.config();
      if (!cfg) {
        close();
        return '';
      }
      registry ??= open();
      const { selected, matching } = await select(snapshot, cfg);
      const over = matching - selected.length;

      const kept = new Set(selected.map((c) => c.key));
      for (const [key, m] of monotonic) {
        if (kept.has(key)) continue;
        hits.remove(m.labels);
        misses.remove(m.labels);
        monotonic.delete(key);
      }
      state.reset();
      for (const c of selected) {
        if (c.hits !== null && c.misses !== null) {
          let m = monotonic.get(c.key);
          if (!m) monotonic.set(c.key, (m = { hits: new MonotonicCounter(), misses: new MonotonicCounter(), labels: c.labels }));
          hits.inc(c.labels, m.hits.observe(c.hits));
          misses.inc(c.labels, m.misses.observe(c.misses));
        }
        const { primary: _primary, ...repo } = c.labels;
        for (const [farm, s] of c.farms) state.set({ farm, ...repo, state: s.toLowerCase() }, 1);
      }
      dropped.set(over);
      if (over > 0 && droppedBefore === 0) {
        warn(
          `metrics.perRepository selects ${matching} repositories, more than its limit of ${cfg.limit}: ${over} get no series ` +
            `(fleetscope_metrics_repositories_dropped; the first ${cfg.limit} by primary, project and slug are exported). Name fewer projects, or raise the limit.`,
        );
      }
      droppedBefore = over;
      return registry.metrics();
    },
    stop: close,
  };
}

/** One farm's table of a primary, by the farm's id. */
interface FarmColumns {
  id: string;
  repos: MirrorRepoStateColumns;
}

/** What `matchingRepositories` found. */
interface Matching {
  found: Map<string, Map<string, number>>;
  count: number;
}

/** The keys of a primary's tables a `Matching` was found in. */
interface MatchedKeys {
  cache: { projectKey: readonly string[]; repoSlug: readonly string[] } | null;
  farms: Array<{ id: string; projectKey: ReadonlyArray<string | null>; slug: ReadonlyArray<string | null> }>;
  result: Matching;
}

/** Whether the tables list the keys `last` was found in, in the same order. */
function sameKeys(last: MatchedKeys, cache: CacheRepositoryColumns | null, farms: readonly FarmColumns[]): boolean {
  if ((last.cache === null) !== (cache === null) || last.farms.length !== farms.length) return false;
  if (cache && last.cache && !(sameList(last.cache.projectKey, cache.projectKey) && sameList(last.cache.repoSlug, cache.repoSlug))) return false;
  return farms.every((f, i) => {
    const l = last.farms[i]!;
    return l.id === f.id && sameList(l.projectKey, f.repos.projectKey) && sameList(l.slug, f.repos.slug);
  });
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Each repository of a primary's tables that `wanted` accepts, once, by project then slug (no joined
 * key: at 10 × 20,000 making one a row was most of a scrape), with its cache row (the last one) or −1;
 * and how many there are.
 */
function matchingRepositories(
  cache: CacheRepositoryColumns | null,
  farms: readonly FarmColumns[],
  wanted: (project: string | null) => project is string,
): Matching {
  const found = new Map<string, Map<string, number>>();
  let count = 0;
  const mark = (project: string, slug: string, row: number): void => {
    let slugs = found.get(project);
    if (!slugs) found.set(project, (slugs = new Map<string, number>()));
    const known = slugs.get(slug);
    if (known === undefined) count++;
    if (known === undefined || row >= 0) slugs.set(slug, row);
  };
  for (let i = 0; cache && i < cache.projectKey.length; i++) {
    const project = cache.projectKey[i]!;
    if (wanted(project)) mark(project, cache.repoSlug[i]!, i);
  }
  for (const { repos } of farms)
    for (let i = 0; i < repos.state.length; i++) {
      const project = repos.projectKey[i] ?? null;
      const slug = repos.slug[i] ?? null;
      if (wanted(project) && slug !== null) mark(project, slug, -1);
    }
  return { found, count };
}

/** The first `room` of a primary's matching repositories by project then slug, with their cache figures and each farm's state. */
function firstCandidates(
  primary: string,
  found: ReadonlyMap<string, ReadonlyMap<string, number>>,
  room: number,
  cache: CacheRepositoryColumns | null,
  farms: readonly FarmColumns[],
): Candidate[] {
  const chosen = new Map<string, Map<string, Candidate>>();
  for (const project of [...found.keys()].sort()) {
    if (room <= 0) break;
    const slugs = found.get(project)!;
    const picked = new Map<string, Candidate>();
    chosen.set(project, picked);
    for (const repository of [...slugs.keys()].sort().slice(0, room)) {
      const row = slugs.get(repository)!;
      picked.set(repository, {
        key: `${primary}\u0000${project}\u0000${repository}`,
        labels: { primary, project, repository },
        hits: row < 0 ? null : (cache!.hits[row] ?? null),
        misses: row < 0 ? null : (cache!.misses[row] ?? null),
        farms: new Map(),
      });
    }
    room -= picked.size;
  }
  for (const { id, repos } of farms)
    for (let i = 0; i < repos.state.length; i++) {
      const slug = repos.slug[i] ?? null;
      const picked = chosen.get(repos.projectKey[i] ?? '');
      if (picked && slug !== null) picked.get(slug)?.farms.set(id, repos.state[i]!);
    }
  return [...chosen.values()].flatMap((picked) => [...picked.values()]);
}
