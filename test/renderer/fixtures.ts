import { vi, type Mock } from 'vitest';
import type { Bridge } from '../../renderer/bridge/bridge';
import type { ConnectionStatus } from '../../renderer/bridge/connection';
import { REQUEST_NAMES, type EventName, type EventPayload, type FleetEvents, type PreloadApi, type RequestName } from '../../shared/contract';
import {
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

type Emit = <E extends EventName>(event: E, payload: unknown) => void;

/** Listener registry standing in for a transport's pushed events; `emit` sends anything. */
const fakeEvents = (): FleetEvents & { emit: Emit } => {
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  return {
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    emit(event, payload) {
      for (const l of listeners.get(event) ?? []) (l as (p: unknown) => void)(payload);
    },
  };
};

/**
 * One mock per contract request, each rejecting as unexpected; the fakes below override what a
 * test uses. Typed from the contract, so an override cannot drift from it.
 */
const unexpectedCalls = <Api extends Record<RequestName, (...args: never[]) => unknown>>(): { [N in RequestName]: Mock<Api[N]> } =>
  Object.fromEntries(REQUEST_NAMES.map((name) => [name, vi.fn(async () => Promise.reject(new Error(`unexpected call: ${name}`)))])) as unknown as {
    [N in RequestName]: Mock<Api[N]>;
  };

/** A PreloadApi whose core requests answer with fixtures. */
export const createFakePreload = () => {
  const events = fakeEvents();
  const fake = {
    ...unexpectedCalls<PreloadApi>(),
    getSnapshot: vi.fn<PreloadApi['getSnapshot']>(async () => ({ ok: true, value: makeSnapshot() })),
    getHistory: vi.fn<PreloadApi['getHistory']>(async () => ({ ok: true, value: { points: [] } })),
    pollNow: vi.fn<PreloadApi['pollNow']>(async () => ({ ok: true, value: { ok: true } })),
    getDemoState: vi.fn<PreloadApi['getDemoState']>(async () => ({ ok: true, value: makeDemoState() })),
    getSession: vi.fn<PreloadApi['getSession']>(async () => ({ ok: true, value: { name: 'alice (desktop)', role: 'admin' as const } })),
    setDemoFault: vi.fn<PreloadApi['setDemoFault']>(async () => ({ ok: true, value: makeDemoState() })),
    on: events.on,
    emit: events.emit,
  } satisfies PreloadApi & { emit: Emit };
  return fake;
};

/** A Bridge for component and store tests. */
export const createFakeBridge = () => {
  const events = fakeEvents();
  const connectionListeners = new Set<(s: ConnectionStatus) => void>();
  let connection: ConnectionStatus = { state: 'live', message: null };
  const fake = {
    ...unexpectedCalls<Bridge>(),
    getSnapshot: vi.fn<Bridge['getSnapshot']>(async () => makeSnapshot()),
    getHistory: vi.fn<Bridge['getHistory']>(async () => ({ points: [] })),
    pollNow: vi.fn<Bridge['pollNow']>(async () => ({ ok: true })),
    getDemoState: vi.fn<Bridge['getDemoState']>(async () => makeDemoState()),
    getSession: vi.fn<Bridge['getSession']>(async () => ({ name: 'alice (desktop)', role: 'admin' as const })),
    getHostLink: vi.fn<Bridge['getHostLink']>(async () => ({ mode: 'local' as const, switchable: true, message: null })),
    setDemoFault: vi.fn<Bridge['setDemoFault']>(async () => makeDemoState()),
    on: events.on,
    transport: 'ipc' as const,
    connection: () => connection,
    onConnection(listener: (s: ConnectionStatus) => void) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    close: vi.fn(),
    emit: events.emit as <E extends EventName>(event: E, payload: EventPayload<E>) => void,
    setConnection(next: ConnectionStatus) {
      connection = next;
      for (const l of connectionListeners) l(next);
    },
  } satisfies Bridge & Record<string, unknown>;
  return fake;
};
