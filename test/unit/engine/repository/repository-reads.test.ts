import { describe, expect, it } from 'vitest';
import type { AuditEntry, InventoryRepo, MirrorFarm, MirrorRepoRow, Snapshot } from '../../../../shared/model';
import { FleetApiError } from '../../../../shared/contract';
import { repositoryReads, type RepositoryReadDeps } from '../../../../electron/engine/repository/repository-reads';
import { makeFarm } from '../../../renderer/mirrors-fixtures';
import { makePrimary, makeSnapshot, T0 } from '../../../renderer/fixtures';

const repo = (over: Partial<InventoryRepo> = {}): InventoryRepo => ({
  id: '42',
  projectKey: 'WEB',
  projectId: '7',
  projectName: 'Web',
  slug: 'web-ui',
  name: 'web-ui',
  state: 'AVAILABLE',
  archived: false,
  ...over,
});

function reads(snapshot: Snapshot, opts: { inventory?: Record<string, InventoryRepo[]>; rows?: MirrorRepoRow[]; audit?: AuditEntry[] } = {}) {
  const deps: RepositoryReadDeps = {
    snapshot: () => snapshot,
    inventory: (id) => opts.inventory?.[id] ?? [],
    storageConfig: () => [],
    auditLog: () => opts.audit ?? [],
    getCacheRepository: async () => {
      throw new FleetApiError('not-found', 'no cache');
    },
    getMirrorRepos: async ({ farmId }) => ({
      farmId,
      polledAt: T0,
      offset: 0,
      total: opts.rows?.length ?? 0,
      nodes: [],
      rows: farmId === 'farm' ? (opts.rows ?? []) : [],
    }),
    now: () => T0,
  };
  return repositoryReads(deps);
}

const withFarm = (farm: Partial<MirrorFarm>): Snapshot =>
  makeSnapshot({ primaries: [makePrimary({ id: 'prod' })], mirrorFarms: [makeFarm({ id: 'farm', primaryId: 'prod', ...farm })] });

describe('getRepository: why a farm does not carry a repository', () => {
  const inventory = { prod: [repo()] };

  it('a farm whose selection leaves out the project says so, naming the project and where to add it', async () => {
    const d = await reads(withFarm({ name: 'São Paulo farm', projectSelection: { mode: 'SELECTED_PROJECTS', projectIds: ['1'] } }), {
      inventory,
    }).getRepository({
      projectKey: 'WEB',
      repoSlug: 'web-ui',
    });
    if (!d.found) throw new Error('not found');
    expect(d.mirrors[0]!.selected).toBe(false);
    expect(d.mirrors[0]!.notMirroredReason).toMatch(/São Paulo farm mirrors selected projects only, and WEB is not one of them.*Mirrors → Projects/);
  });

  it('a farm its primary has not authorized says so before anything about projects', async () => {
    const d = await reads(withFarm({ name: 'Office', upstreamState: 'PENDING' }), { inventory }).getRepository({ projectKey: 'WEB', repoSlug: 'web-ui' });
    if (!d.found) throw new Error('not found');
    expect(d.mirrors[0]!.notMirroredReason).toMatch(/Office is not authorized by its primary \(its registration is PENDING\)/);
  });

  it('a farm that selects the project and lists the repository has no reason', async () => {
    const row = { repoId: '42', projectKey: 'WEB', slug: 'web-ui', state: 'IN_SYNC', nodes: [] } as unknown as MirrorRepoRow;
    const d = await reads(withFarm({ projectSelection: { mode: 'ALL_PROJECTS', projectIds: [] } }), { inventory, rows: [row] }).getRepository({
      projectKey: 'WEB',
      repoSlug: 'web-ui',
    });
    if (!d.found) throw new Error('not found');
    expect(d.mirrors[0]).toMatchObject({ selected: true, notMirroredReason: null });
  });

  it('a primary without farms answers with no mirrors, and the cache read failing is said, not thrown', async () => {
    const d = await reads(makeSnapshot({ primaries: [makePrimary({ id: 'prod' })], mirrorFarms: [] }), { inventory }).getRepository({
      projectKey: 'web',
      repoSlug: 'WEB-UI',
    });
    if (!d.found) throw new Error('not found');
    expect(d.mirrors).toEqual([]);
    expect(d.cache.error).toBe('no cache');
  });
});

describe('getRepository: not found, and the index', () => {
  it('a repository no primary has is not found, naming the primaries searched', async () => {
    const d = await reads(makeSnapshot({ primaries: [makePrimary({ id: 'prod' })] }), { inventory: { prod: [repo()] } }).getRepository({
      projectKey: 'NOPE',
      repoSlug: 'none',
    });
    expect(d).toMatchObject({ found: false, primariesSearched: ['prod'] });
  });

  it('an unknown primary in a link is a not-found error that says what to do', async () => {
    await expect(reads(makeSnapshot()).getRepository({ primaryId: 'gone', projectKey: 'WEB', repoSlug: 'web-ui' })).rejects.toThrow(
      /No primary with id "gone"/,
    );
  });

  it('the index has one row per repository of every primary, in columns', async () => {
    const snap = makeSnapshot({ primaries: [makePrimary({ id: 'prod' }), makePrimary({ id: 'dr', name: 'DR' })] });
    const r = await reads(snap, { inventory: { prod: [repo()], dr: [repo(), repo({ slug: 'api', name: 'api' })] } }).getRepositoryIndex({});
    expect(r.repositories.primaryId).toEqual(['prod', 'dr', 'dr']);
    expect(r.repositories.slug).toEqual(['web-ui', 'web-ui', 'api']);
  });
});
