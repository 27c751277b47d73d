import { describe, expect, it } from 'vitest';
import type { InventoryRepo, RepositoryMirror } from '../../../../shared/model';
import {
  cacheSwitchedOffRule,
  diskGuardRule,
  explainSlowClone,
  formatSpan,
  lowHitRatioRule,
  mirrorNodeDownRule,
  mirrorSyncRule,
  notMirroredRule,
  primaryHealthRule,
  repositoryStateRule,
  volumeHealthRule,
  type SlowCloneInput,
} from '../../../../shared/logic/slow-clone-rules';
import { makeCache } from '../../../renderer/cache-fixtures';
import { makePrimary, T0 } from '../../../renderer/fixtures';
import { makeFarm, makeMirrorNode } from '../../../renderer/mirrors-fixtures';
import { makeBrick, makeVolume } from '../../../renderer/storage-fixtures';

const repo: InventoryRepo = {
  id: '42',
  projectKey: 'WEB',
  projectId: '1',
  projectName: 'Web',
  slug: 'web-ui',
  name: 'Web UI',
  state: 'AVAILABLE',
  archived: false,
};
const inSync: RepositoryMirror = {
  farmId: 'B8A2-11C4-7F3D-9E0A',
  selected: true,
  row: {
    state: 'IN_SYNC',
    nodes: [{ name: 'mirror-eu-1', state: 'IN_SYNC', lastSyncAt: T0 - 60_000, failedSyncCount: 0, reason: 'Hashes match the primary' }],
  },
  notMirroredReason: null,
  polledAt: T0,
};

const healthy = (over: Partial<SlowCloneInput> = {}): SlowCloneInput => ({
  now: T0,
  repo,
  primary: makePrimary({ cache: makeCache() }),
  cacheRepo: null,
  diskGuardSince: null,
  mirrors: [{ farm: makeFarm(), mirror: inSync }],
  volumes: [{ sourceId: 'gl', sourceName: 'Demo GlusterFS', role: 'shared-home', volume: makeVolume({ name: 'bbshared' }) }],
  ...over,
});

describe('slow-clone rules', () => {
  it('a healthy repository in a healthy fleet yields nothing', () => {
    expect(explainSlowClone(healthy())).toEqual([]);
  });

  it('repository-state: a repository that is not AVAILABLE cannot be cloned', () => {
    const [f] = repositoryStateRule(healthy({ repo: { ...repo, state: 'INITIALISING' } }));
    expect(f).toMatchObject({ rule: 'repository-state', severity: 'critical', impact: 100 });
    expect(f?.text).toBe('WEB/web-ui is still INITIALISING: clones fail until it is AVAILABLE on Production.');
    expect(repositoryStateRule(healthy())).toEqual([]);
  });

  it('primary-health: down and degraded primaries, with their own words', () => {
    const down = primaryHealthRule(healthy({ primary: makePrimary({ status: 'down', statusMessage: 'Connection refused' }) }));
    expect(down[0]).toMatchObject({ severity: 'critical', impact: 95 });
    expect(down[0]?.text).toMatch(/is down \(Connection refused\)/);
    const slow = primaryHealthRule(
      healthy({ primary: makePrimary({ status: 'degraded', statusMessage: 'Slow responses: 3.1 s per request (threshold 2.0 s)' }) }),
    );
    expect(slow[0]?.text).toMatch(/degraded: Slow responses: 3\.1 s per request/);
    expect(slow[0]?.link).toEqual({ view: 'overview', repo: null, params: { primary: 'prod' } });
  });

  it('cache-disk-guard: says since when clone caching is off', () => {
    const primary = makePrimary({ cache: makeCache({ diskGuardTripped: true }) });
    const [f] = diskGuardRule(healthy({ primary, diskGuardSince: T0 - 6 * 60_000 }));
    expect(f?.text).toBe(
      `The cache disk guard on ${primary.name} switched clone caching off 6 min ago: every clone is served by git on the primary until disk is freed.`,
    );
    expect(f?.link.view).toBe('caches');
    expect(diskGuardRule(healthy())).toEqual([]);
  });

  it('cache-switched-off: clone caching or a protocol switched off by an admin', () => {
    const cache = makeCache();
    const off = makeCache({ config: { ...cache.config, uploadPack: { enabled: false, ttlSeconds: 3600 }, protocols: { http: true, ssh: false } } });
    const found = cacheSwitchedOffRule(healthy({ primary: makePrimary({ cache: off }) }));
    expect(found.map((f) => f.text)).toEqual([
      'Clone (upload-pack) caching is switched off on Production: every clone is computed by git.',
      'Caching is off for SSH on Production: clones over it are never served from the cache.',
    ]);
    // The guard says it better when it is the reason.
    expect(cacheSwitchedOffRule(healthy({ primary: makePrimary({ cache: { ...off, diskGuardTripped: true } }) }))).toEqual([]);
  });

  it('cache-low-hit-ratio: only with enough requests to mean something', () => {
    const base = { projectKey: 'WEB', repoSlug: 'web-ui', size: 1, lastAccessed: T0, entries: [], raw: [], fetchedAt: T0, hitRatio: null };
    const [f] = lowHitRatioRule(healthy({ cacheRepo: { ...base, hits: 10, misses: 30 } }));
    expect(f?.text).toMatch(/^Only 25 % of WEB\/web-ui's cached requests hit \(10 hits, 30 misses/);
    expect(lowHitRatioRule(healthy({ cacheRepo: { ...base, hits: 1, misses: 9 } }))).toEqual([]);
    expect(lowHitRatioRule(healthy({ cacheRepo: { ...base, hits: 80, misses: 20 } }))).toEqual([]);
  });

  it('mirror-lagging and mirror-failing: name the farm and the node, and how long', () => {
    const farm = makeFarm({ name: 'São Paulo farm', lagSeconds: 14 * 60 });
    const mirror: RepositoryMirror = {
      ...inSync,
      row: {
        state: 'FAILING',
        nodes: [
          { name: '1', state: 'IN_SYNC', lastSyncAt: T0, failedSyncCount: 0, reason: 'ok' },
          { name: '2', state: 'LAGGING', lastSyncAt: T0 - 20 * 60_000, failedSyncCount: 0, reason: 'on the delayed-sync list' },
          { name: '3', state: 'FAILING', lastSyncAt: T0 - 3_600_000, failedSyncCount: 4, reason: 'Synchronization failed 4 times' },
        ],
      },
    };
    const found = mirrorSyncRule(healthy({ mirrors: [{ farm, mirror }] }));
    expect(found.map((f) => f.text)).toEqual([
      'São Paulo farm node 2 is LAGGING on this repository for 14 min: clones there fall back to the primary.',
      'São Paulo farm node 3 is FAILING to synchronize this repository (4 failed syncs): Synchronization failed 4 times. Clones there are stale or go to the primary.',
    ]);
    expect(found[0]?.link).toEqual({ view: 'mirrors', repo: null, params: { farm: farm.id, node: '2' } });
    const noLag = mirrorSyncRule(healthy({ mirrors: [{ farm: makeFarm({ lagSeconds: null }), mirror }] }));
    expect(noLag[0]?.text).toMatch(/LAGGING on this repository \(last synced 20 min ago\)/);
  });

  it('mirror-node-down: a farm node that does not answer', () => {
    const farm = makeFarm({ nodes: [makeMirrorNode(), makeMirrorNode({ name: 'mirror-eu-2', status: 'down', message: 'Connection refused' })] });
    const [f] = mirrorNodeDownRule(healthy({ mirrors: [{ farm, mirror: inSync }] }));
    expect(f?.text).toBe('EU CI farm node mirror-eu-2 is down (Connection refused): clones near EU CI farm have one node fewer, or none.');
  });

  it('not-mirrored: passes on the reason the engine found', () => {
    const mirror: RepositoryMirror = {
      ...inSync,
      selected: false,
      row: null,
      notMirroredReason: 'EU CI farm mirrors selected projects only, and WEB is not one of them.',
    };
    const [f] = notMirroredRule(healthy({ mirrors: [{ farm: makeFarm(), mirror }] }));
    expect(f).toMatchObject({ rule: 'not-mirrored', severity: 'info', text: 'EU CI farm mirrors selected projects only, and WEB is not one of them.' });
  });

  it('volume-health: the bricks down and the heal backlog of a degraded shared home', () => {
    const base = makeVolume({ name: 'bbshared' });
    const volume = {
      ...base,
      verdict: 'degraded' as const,
      bricks: [makeBrick({ host: 'gluster1' }), makeBrick({ host: 'gluster3', name: 'gluster3:/b', status: 'down' as const })],
      heal: { ...base.heal, pending: 1204 },
    };
    const [f] = volumeHealthRule(healthy({ volumes: [{ sourceId: 'gl', sourceName: 'Demo GlusterFS', role: 'shared-home', volume }] }));
    expect(f?.text).toBe(
      'Volume bbshared (shared home, Demo GlusterFS) is degraded: brick on gluster3 down, heal backlog 1,204. Git on the primary reads and writes there.',
    );
    expect(f?.link).toEqual({ view: 'storage', repo: null, params: { source: 'gl', volume: 'bbshared' } });
  });

  it('orders every finding by likely impact', () => {
    const input = healthy({
      primary: makePrimary({ status: 'degraded', statusMessage: 'slow', cache: makeCache({ diskGuardTripped: true }) }),
      diskGuardSince: T0 - 60_000,
      mirrors: [
        { farm: makeFarm({ lagSeconds: 60 }), mirror: { ...inSync, row: { state: 'LAGGING', nodes: [{ ...inSync.row!.nodes[0]!, state: 'LAGGING' }] } } },
      ],
    });
    expect(explainSlowClone(input).map((f) => f.rule)).toEqual(['cache-disk-guard', 'mirror-lagging', 'primary-health']);
  });

  it('formatSpan reads like a person would say it', () => {
    expect([formatSpan(40_000), formatSpan(14 * 60_000), formatSpan(125 * 60_000), formatSpan(3 * 86_400_000)]).toEqual(['40 s', '14 min', '2 h 5 min', '3 d']);
  });
});
