import {
  type Alert,
  demoStateSchema,
  primaryNodeSchema,
  primarySchema,
  snapshotSchema,
  type DemoState,
  type Primary,
  type PrimaryNode,
  type Snapshot,
} from '../../shared/model';

// Every fixture goes through the model's schema, so a model change breaks the fixture loudly
// instead of letting tests pass against a shape the engine no longer sends.

export const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);

const okDataset = (at: number) => ({ state: 'ok' as const, lastAttemptAt: at, lastSuccessAt: at, stale: false, message: null, code: null });

export const makeNode = (over: Partial<PrimaryNode> = {}): PrimaryNode =>
  primaryNodeSchema.parse({
    id: 'n1',
    name: 'bb-node-1',
    address: '10.0.1.11:5701',
    baseUrl: 'http://10.0.1.11:7990',
    status: 'up',
    state: 'RUNNING',
    buildVersion: '9.4.2',
    local: true,
    clusterMember: true,
    matchedBy: 'address',
    responseMs: 42,
    message: null,
    ...over,
    memberName: over.memberName !== undefined ? over.memberName : (over.name ?? 'bb-node-1'),
  });

export const makePrimary = (over: Partial<Primary> = {}): Primary =>
  primarySchema.parse({
    id: 'prod',
    name: 'Production',
    baseUrl: 'https://bitbucket.example.com',
    status: 'up',
    statusMessage: 'All 2 nodes up',
    version: '9.4.2',
    buildNumber: '9004002',
    displayName: 'Bitbucket',
    nodes: [makeNode(), makeNode({ id: 'n2', name: 'bb-node-2', address: '10.0.1.12:5701', local: false })],
    repositories: { total: 1234, available: 1200, initialising: 3, initialisationFailed: 1, offline: 2, archived: 28, projects: 57 },
    inventoryAt: T0 - 12_000,
    lastPollAt: T0 - 12_000,
    lastSuccessAt: T0 - 12_000,
    stale: false,
    datasets: {
      version: okDataset(T0 - 12_000),
      nodes: okDataset(T0 - 12_000),
      inventory: okDataset(T0 - 12_000),
      cache: okDataset(T0 - 12_000),
      mirrors: okDataset(T0 - 12_000),
    },
    lastError: null,
    pollIntervalSeconds: 15,
    pollDurationMs: 240,
    cache: null,
    adminCredential: true,
    pendingMirrorRequests: [],
    ...over,
  });

export const makeSnapshot = (over: Partial<Snapshot> = {}): Snapshot =>
  snapshotSchema.parse({
    generatedAt: T0,
    primaries: [makePrimary()],
    mirrorFarms: [],
    storage: [],
    alerts: [],
    engine: { startedAt: T0 - 60_000, pollIntervalSeconds: 15, demo: false },
    ...over,
  });

export const makeDemoState = (over: Partial<DemoState> = {}): DemoState =>
  demoStateSchema.parse({
    speed: 1,
    primaries: [
      {
        id: 'prod',
        name: 'Production',
        nodes: ['bb-node-1', 'bb-node-2'],
        faults: { nodesDown: [], slowMs: 0, serverError: false, htmlLogin: false },
      },
    ],
    ...over,
  });

/** Two alerts of the primary `prod`, as the engine raises them: down (a status alert) and the cache disk guard. */
export const ALERT_DOWN: Alert = {
  id: 'prod:down',
  severity: 'critical',
  targetId: 'prod',
  title: 'Production is down',
  message: 'Connection refused',
  since: T0,
};
export const ALERT_DISK_GUARD: Alert = {
  id: 'prod:cache-disk-guard',
  severity: 'critical',
  targetId: 'prod',
  title: 'SCM caching switched itself off',
  message: 'Disk',
  since: T0,
};
