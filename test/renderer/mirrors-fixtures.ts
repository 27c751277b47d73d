import { mirrorFarmSchema, type MirrorFarm, type MirrorNode, type MirrorRepoRow } from '../../shared/model';
import { T0 } from '../helpers/snapshot-fixtures';

// Mirror fixtures go through the model's schema too, so a model change breaks them loudly.

export const makeMirrorNode = (over: Partial<MirrorNode> = {}): MirrorNode => ({
  id: 'm1',
  name: 'mirror-eu-1',
  address: '10.20.0.5:5701',
  baseUrl: 'https://10.20.0.5',
  status: 'up',
  state: 'RUNNING',
  version: '9.4.2',
  lastSeenAt: T0 - 5_000,
  responseMs: 30,
  message: null,
  repos: { inSync: 90, syncing: 2, lagging: 0, failing: 0, notMirrored: 8, unknown: 0 },
  ...over,
});

export const makeFarm = (over: Partial<MirrorFarm> = {}): MirrorFarm =>
  mirrorFarmSchema.parse({
    id: 'B8A2-11C4-7F3D-9E0A',
    mirrorId: 'B8A2-11C4-7F3D-9E0A',
    name: 'EU CI farm',
    primaryId: 'prod',
    baseUrl: 'https://mirror-eu.example.com',
    status: 'up',
    statusMessage: null,
    mirrorType: 'FARM',
    version: '9.4.2',
    api: '9.x',
    enabled: true,
    upstreamState: 'INSTALLED',
    lastSeenByPrimaryAt: T0 - 10_000,
    nodes: [
      makeMirrorNode(),
      makeMirrorNode({ id: 'm2', name: 'mirror-eu-2', address: '10.20.0.6:5701' }),
      makeMirrorNode({ id: 'm3', name: 'mirror-eu-3', address: '10.20.0.7:5701' }),
    ],
    repos: { inSync: 90, syncing: 2, lagging: 0, failing: 0, notMirrored: 8, unknown: 0 },
    initialSync: { discovering: false, syncedRepos: 0, totalRepos: 0, complete: true },
    lagSeconds: 0,
    queue: { count: 2, growing: false },
    projectSelection: { mode: 'SELECTED_PROJECTS', projectIds: ['1', '2'] },
    lastPollAt: T0 - 5_000,
    lastSuccessAt: T0 - 5_000,
    stale: false,
    lastError: null,
    pollDurationMs: 120,
    detailSweep: { intervalSeconds: 600, budgetKBps: 512, sweptAt: T0 - 120_000, durationMs: 4_200, running: false, error: null },
    ...over,
  });

/** `n` repositories, in sync on every node except every 100th, which fails on the second node. */
export const makeRows = (n: number, nodes = 3): MirrorRepoRow[] =>
  Array.from({ length: n }, (_, i) => {
    const failing = i % 100 === 7;
    return {
      repoId: String(i + 1),
      projectKey: i % 2 ? 'PLAT' : 'OPS',
      projectId: i % 2 ? '1' : '2',
      slug: `repo-${i + 1}`,
      state: failing ? 'FAILING' : 'IN_SYNC',
      nodes: Array.from({ length: nodes }, (_, k) => ({
        state: failing && k === 1 ? 'FAILING' : 'IN_SYNC',
        reason: failing && k === 1 ? 'Content hash differs from the primary; 3 failed syncs' : 'Hashes match the primary',
        lastSyncAt: T0 - 60_000,
        initialSyncAt: T0 - 86_400_000,
        failedSyncCount: failing && k === 1 ? 3 : 0,
      })),
    };
  });
