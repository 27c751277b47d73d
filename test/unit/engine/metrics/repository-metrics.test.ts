import { describe, expect, it, vi } from 'vitest';
import { FleetApiError } from '../../../../shared/contract';
import type { CacheRepositoryColumns, MirrorRepoStateColumns, RepoSyncState } from '../../../../shared/model';
import { fleetConfigSchema, type PerRepositoryMetricsConfig } from '../../../../electron/engine/config/fleet-config-schema';
import { createFleetMetrics } from '../../../../electron/engine/metrics/fleet-metrics';
import { createRepositoryMetrics, repositoryFiguresFrom, type RepositoryFiguresSource } from '../../../../electron/engine/metrics/repository-metrics';
import { makeSnapshot } from '../../../helpers/snapshot-fixtures';

type Repo = { project: string; slug: string; hits: number | null; misses: number | null };
type MirrorRepository = { projectKey: string | null; slug: string | null; state: RepoSyncState };

const columns = (repos: Repo[]): CacheRepositoryColumns => ({
  projectKey: repos.map((r) => r.project),
  repoSlug: repos.map((r) => r.slug),
  size: repos.map(() => 1),
  hits: repos.map((r) => r.hits),
  misses: repos.map((r) => r.misses),
  lastAccessed: repos.map(() => null),
  entries: repos.map(() => 1),
});

const farmColumns = (repos: MirrorRepository[]): MirrorRepoStateColumns => ({
  projectKey: repos.map((r) => r.projectKey),
  slug: repos.map((r) => r.slug),
  state: repos.map((r) => r.state),
});

/** A fleet of tables the test changes between scrapes. */
function fakeFleet(config: PerRepositoryMetricsConfig | undefined) {
  const state = {
    config,
    caches: new Map<string, Repo[]>(),
    farms: new Map<string, MirrorRepository[]>(),
  };
  const source: RepositoryFiguresSource = {
    config: () => state.config,
    cacheRepositories: async (id) => (state.caches.has(id) ? columns(state.caches.get(id)!) : null),
    mirrorRepositories: async (id) => (state.farms.has(id) ? farmColumns(state.farms.get(id)!) : null),
  };
  return { state, source };
}

/** The samples of an exposition: `name{labels} value` lines. */
const samples = (text: string): string[] => text.split('\n').filter((l) => l.startsWith('fleetscope_'));
const value = (text: string, prefix: string): number | undefined => {
  const line = samples(text).find((l) => l.startsWith(prefix));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
};

const outline = {
  primaries: [{ id: 'eu' }, { id: 'us' }],
  mirrorFarms: [{ id: 'eu-farm', primaryId: 'eu' }],
};

describe('per-repository series, opted into', () => {
  it('exports nothing without metrics.perRepository', async () => {
    const { state, source } = fakeFleet(undefined);
    state.caches.set('eu', [{ project: 'PLAT', slug: 'api', hits: 5, misses: 1 }]);
    expect(await createRepositoryMetrics(source).render(outline)).toBe('');
  });

  it('exports the named projects only: hits and misses per primary, sync state per farm', async () => {
    const { state, source } = fakeFleet({ projects: ['PLAT'], limit: 10 });
    state.caches.set('eu', [
      { project: 'PLAT', slug: 'api', hits: 5, misses: 1 },
      { project: 'OPS', slug: 'tools', hits: 9, misses: 9 },
    ]);
    state.caches.set('us', [{ project: 'PLAT', slug: 'api', hits: 2, misses: 0 }]);
    state.farms.set('eu-farm', [
      { projectKey: 'PLAT', slug: 'api', state: 'LAGGING' },
      { projectKey: 'PLAT', slug: 'web', state: 'IN_SYNC' },
      { projectKey: 'OPS', slug: 'tools', state: 'IN_SYNC' },
    ]);
    const text = await createRepositoryMetrics(source).render(outline);
    expect(samples(text).sort()).toEqual(
      [
        'fleetscope_scm_cache_repository_hits_total{primary="eu",project="PLAT",repository="api"} 5',
        'fleetscope_scm_cache_repository_hits_total{primary="us",project="PLAT",repository="api"} 2',
        'fleetscope_scm_cache_repository_misses_total{primary="eu",project="PLAT",repository="api"} 1',
        'fleetscope_scm_cache_repository_misses_total{primary="us",project="PLAT",repository="api"} 0',
        'fleetscope_mirror_repository_state{farm="eu-farm",project="PLAT",repository="api",state="lagging"} 1',
        'fleetscope_mirror_repository_state{farm="eu-farm",project="PLAT",repository="web",state="in_sync"} 1',
        'fleetscope_metrics_repositories_dropped 0',
      ].sort(),
    );
  });

  it('keeps the first `limit` by primary, project and slug, counts the rest, and warns once when dropping starts', async () => {
    const { state, source } = fakeFleet({ limit: 2 });
    const warn = vi.fn();
    state.caches.set('us', [{ project: 'A', slug: 'a', hits: 1, misses: 1 }]);
    state.caches.set('eu', [
      { project: 'B', slug: 'z', hits: 1, misses: 1 },
      { project: 'B', slug: 'b', hits: 1, misses: 1 },
      { project: 'A', slug: 'y', hits: 1, misses: 1 },
    ]);
    const metrics = createRepositoryMetrics(source, warn);
    const text = await metrics.render(outline);
    const exported = samples(text)
      .filter((l) => l.startsWith('fleetscope_scm_cache_repository_hits_total'))
      .map((l) => /primary="(\w+)",project="(\w+)",repository="(\w+)"/.exec(l)!.slice(1).join('/'));
    expect(exported.sort()).toEqual(['eu/A/y', 'eu/B/b']);
    expect(value(text, 'fleetscope_metrics_repositories_dropped')).toBe(2);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatch(/selects 4 repositories, more than its limit of 2: 2 get no series .*Name fewer projects, or raise the limit/);
    // Still over the limit: no new warning. Back under it and over again: one more.
    await metrics.render(outline);
    expect(warn).toHaveBeenCalledTimes(1);
    state.config = { limit: 10 };
    expect(value(await metrics.render(outline), 'fleetscope_metrics_repositories_dropped')).toBe(0);
    state.config = { limit: 1 };
    await metrics.render(outline);
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it('counts a repository in the cache table and on a farm once, orders a project before the longer ones it begins, and selects farm-only repositories', async () => {
    const { state, source } = fakeFleet({ limit: 3 });
    state.caches.set('eu', [
      { project: 'AB', slug: 'a', hits: 1, misses: 1 },
      { project: 'A', slug: 'z', hits: 2, misses: 2 },
    ]);
    state.farms.set('eu-farm', [
      { projectKey: 'A', slug: 'z', state: 'IN_SYNC' },
      { projectKey: 'A', slug: 'only-mirrored', state: 'LAGGING' },
      { projectKey: 'AB', slug: 'a', state: 'FAILING' },
      { projectKey: null, slug: 'orphan', state: 'UNKNOWN' },
    ]);
    const text = await createRepositoryMetrics(source).render(outline);
    expect(value(text, 'fleetscope_metrics_repositories_dropped')).toBe(0);
    expect(
      samples(text)
        .filter((l) => l.startsWith('fleetscope_mirror_repository_state'))
        .sort(),
    ).toEqual([
      'fleetscope_mirror_repository_state{farm="eu-farm",project="A",repository="only-mirrored",state="lagging"} 1',
      'fleetscope_mirror_repository_state{farm="eu-farm",project="A",repository="z",state="in_sync"} 1',
      'fleetscope_mirror_repository_state{farm="eu-farm",project="AB",repository="a",state="failing"} 1',
    ]);
    // Only what has cache statistics has hits.
    expect(
      samples(text)
        .filter((l) => l.startsWith('fleetscope_scm_cache_repository_hits_total'))
        .sort(),
    ).toEqual([
      'fleetscope_scm_cache_repository_hits_total{primary="eu",project="A",repository="z"} 2',
      'fleetscope_scm_cache_repository_hits_total{primary="eu",project="AB",repository="a"} 1',
    ]);
    // With a limit of 2, the longer project key is the one left out.
    state.config = { limit: 2 };
    const two = await createRepositoryMetrics(source).render(outline);
    expect(value(two, 'fleetscope_metrics_repositories_dropped')).toBe(1);
    expect(two).not.toContain('project="AB"');
  });

  it("counts like Fleetscope's own counters: a Bitbucket reset is not a drop; a repository leaving the selection loses its series", async () => {
    const { state, source } = fakeFleet({ limit: 10 });
    const metrics = createRepositoryMetrics(source);
    const hits = 'fleetscope_scm_cache_repository_hits_total{primary="eu",project="PLAT",repository="api"}';
    state.caches.set('eu', [{ project: 'PLAT', slug: 'api', hits: 10, misses: 0 }]);
    expect(value(await metrics.render(outline), hits)).toBe(10);
    state.caches.set('eu', [{ project: 'PLAT', slug: 'api', hits: 14, misses: 0 }]);
    expect(value(await metrics.render(outline), hits)).toBe(14);
    // Cleared (or the node restarted): counts from zero again, the exported counter keeps growing.
    state.caches.set('eu', [{ project: 'PLAT', slug: 'api', hits: 3, misses: 0 }]);
    expect(value(await metrics.render(outline), hits)).toBe(17);
    state.config = { projects: ['OPS'], limit: 10 };
    expect(value(await metrics.render(outline), hits)).toBeUndefined();
    // Opting out removes every series, the dropped gauge too.
    state.config = undefined;
    expect(await metrics.render(outline)).toBe('');
  });

  it('selects again when a table lists other repositories or another order, not only when its figures change', async () => {
    const { state, source } = fakeFleet({ limit: 2 });
    const metrics = createRepositoryMetrics(source);
    const exported = (text: string): string[] =>
      samples(text)
        .filter((l) => l.startsWith('fleetscope_scm_cache_repository_hits_total') || l.startsWith('fleetscope_mirror_repository_state'))
        .map((l) => l.replace(/^fleetscope_(\w+?)_(?:hits_total|state)/, '$1'))
        .sort();
    state.caches.set('eu', [
      { project: 'P', slug: 'b', hits: 2, misses: 0 },
      { project: 'P', slug: 'c', hits: 3, misses: 0 },
    ]);
    state.farms.set('eu-farm', [{ projectKey: 'P', slug: 'c', state: 'IN_SYNC' }]);
    let text = await metrics.render(outline);
    expect(exported(text)).toEqual([
      'mirror_repository{farm="eu-farm",project="P",repository="c",state="in_sync"} 1',
      'scm_cache_repository{primary="eu",project="P",repository="b"} 2',
      'scm_cache_repository{primary="eu",project="P",repository="c"} 3',
    ]);
    // The same repositories in another order: each keeps its own figures.
    state.caches.set('eu', [
      { project: 'P', slug: 'c', hits: 5, misses: 0 },
      { project: 'P', slug: 'b', hits: 4, misses: 0 },
    ]);
    text = await metrics.render(outline);
    expect(exported(text)).toContain('scm_cache_repository{primary="eu",project="P",repository="b"} 4');
    expect(exported(text)).toContain('scm_cache_repository{primary="eu",project="P",repository="c"} 5');
    // As many rows, one repository renamed: it is selected in its new name and the old one goes.
    state.caches.set('eu', [
      { project: 'P', slug: 'c', hits: 5, misses: 0 },
      { project: 'P', slug: 'a', hits: 1, misses: 0 },
    ]);
    text = await metrics.render(outline);
    expect(exported(text)).toEqual([
      'mirror_repository{farm="eu-farm",project="P",repository="c",state="in_sync"} 1',
      'scm_cache_repository{primary="eu",project="P",repository="a"} 1',
      'scm_cache_repository{primary="eu",project="P",repository="c"} 5',
    ]);
    expect(value(text, 'fleetscope_metrics_repositories_dropped')).toBe(0);
    // A farm's repository changed in place (same length): counted, and over the limit now.
    state.farms.set('eu-farm', [{ projectKey: 'P', slug: 'd', state: 'LAGGING' }]);
    text = await metrics.render(outline);
    expect(value(text, 'fleetscope_metrics_repositories_dropped')).toBe(1);
    expect(text).not.toContain('repository="d"');
  });

  it('stays within limit × (2 + farms of a primary) + 1 series, whatever the number of repositories', async () => {
    const fleet = { primaries: [{ id: 'eu' }, { id: 'us' }], mirrorFarms: ['f1', 'f2'].map((id) => ({ id, primaryId: 'eu' })) };
    const seriesFor = async (reposPerPrimary: number): Promise<number> => {
      const { state, source } = fakeFleet({ limit: 50 });
      const repos = Array.from({ length: reposPerPrimary }, (_, i) => ({ project: `P${i % 7}`, slug: `r${i}`, hits: i, misses: 1 }));
      state.caches.set('eu', repos);
      state.caches.set('us', repos);
      const states: RepoSyncState[] = ['IN_SYNC', 'LAGGING', 'FAILING'];
      for (const f of ['f1', 'f2'])
        state.farms.set(
          f,
          repos.map((r, i) => ({ projectKey: r.project, slug: r.slug, state: states[i % 3]! })),
        );
      return samples(await createRepositoryMetrics(source).render(fleet)).length;
    };
    const small = await seriesFor(100);
    expect(small).toBeLessThanOrEqual(50 * (2 + 2) + 1);
    expect(await seriesFor(5000)).toBe(small);
  });

  it('is one more registry of /metrics, only with a source and the opt-in', async () => {
    const snapshot = makeSnapshot();
    const base = { snapshot: () => snapshot, onSnapshot: () => () => undefined };
    const { state, source } = fakeFleet({ limit: 5 });
    state.caches.set('prod', [{ project: 'PLAT', slug: 'api', hits: 3, misses: 1 }]);
    const plain = createFleetMetrics(base, { processMetrics: false });
    const opted = createFleetMetrics({ ...base, repositories: source }, { processMetrics: false });
    const without = await plain.render();
    const withRepos = await opted.render();
    expect(without).not.toContain('repository');
    expect(withRepos.startsWith(without)).toBe(true);
    expect(withRepos).toContain('\nfleetscope_scm_cache_repository_hits_total{primary="prod",project="PLAT",repository="api"} 3\n');
    plain.stop();
    opted.stop();
  });
});

describe('the per-repository tables from the areas', () => {
  it('reads a primary without a cache table (blocked) as none, and lets any other failure through', async () => {
    const getCacheRepositories = vi.fn(async ({ primaryId }: { primaryId: string }) => {
      if (primaryId === 'blocked') throw new FleetApiError('not-found', 'No primary');
      if (primaryId === 'broken') throw new FleetApiError('internal', 'disk on fire');
      return { source: 'feed' as const, updatedAt: 1, rows: columns([]) };
    });
    const getMirrorRepoStates = vi.fn(async ({ farmId }: { farmId: string }) => {
      if (farmId === 'gone') throw new FleetApiError('not-found', 'gone');
      return { farmId, repositories: farmColumns([{ projectKey: 'PLAT', slug: 'api', state: 'IN_SYNC' }]) };
    });
    const source = repositoryFiguresFrom({ getCacheRepositories, getMirrorRepoStates }, () => ({ limit: 1 }));
    expect(await source.cacheRepositories('blocked')).toBeNull();
    expect(await source.cacheRepositories('ok')).toEqual(columns([]));
    await expect(source.cacheRepositories('broken')).rejects.toThrow('disk on fire');
    expect(await source.mirrorRepositories('gone')).toBeNull();
    expect(await source.mirrorRepositories('farm')).toEqual(farmColumns([{ projectKey: 'PLAT', slug: 'api', state: 'IN_SYNC' }]));
  });
});

describe('metrics.perRepository in the fleet config', () => {
  it('defaults the limit, and refuses a limit beyond the maximum, a bad project key and unknown keys', () => {
    expect(fleetConfigSchema.parse({ metrics: { perRepository: {} } }).metrics).toEqual({ perRepository: { limit: 200 } });
    expect(fleetConfigSchema.parse({}).metrics).toBeUndefined();
    const problems = (v: unknown): string[] => fleetConfigSchema.safeParse({ metrics: { perRepository: v } }).error?.issues.map((i) => i.path.join('.')) ?? [];
    expect(problems({ limit: 10_001 })).toEqual(['metrics.perRepository.limit']);
    expect(problems({ projects: ['PL AT'] })).toEqual(['metrics.perRepository.projects.0']);
    expect(problems({ project: ['PLAT'] })).toEqual(['metrics.perRepository']);
    expect(problems({ projects: ['~ALICE', 'PLAT'], limit: 10_000 })).toEqual([]);
  });
});
