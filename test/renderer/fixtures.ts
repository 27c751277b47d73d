import { vi, type Mock } from 'vitest';
import type { Bridge } from '../../renderer/bridge/bridge';
import type { ConnectionStatus } from '../../renderer/bridge/connection';
import {
  REQUEST_NAMES,
  type EventName,
  type EventPayload,
  type FleetEvents,
  type PreloadApi,
  type PushEventName,
  type PushEvents,
  type RequestName,
} from '../../shared/contract';
import { makeDemoState, makeNode, makePrimary, makeSnapshot, T0 } from '../helpers/snapshot-fixtures';

export { makeDemoState, makeNode, makePrimary, makeSnapshot, T0 };

type Emit<Name extends string> = <E extends Name>(event: E, payload: unknown) => void;

/** Listener registry standing in for a transport's pushed events; `emit` sends anything. */
function fakeEvents(): FleetEvents & { emit: Emit<EventName> };
function fakeEvents<Name extends PushEventName>(): PushEvents & { emit: Emit<Name> };
function fakeEvents(): { on: (event: string, listener: (payload: never) => void) => () => boolean; emit: Emit<string> } {
  const listeners = new Map<string, Set<(payload: never) => void>>();
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
}

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
  const events = fakeEvents<PushEventName>();
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
  } satisfies PreloadApi & { emit: Emit<PushEventName> };
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
    startDemoScenario: vi.fn<Bridge['startDemoScenario']>(async () => makeDemoState()),
    controlDemoScenario: vi.fn<Bridge['controlDemoScenario']>(async () => makeDemoState()),
    resetDemo: vi.fn<Bridge['resetDemo']>(async () => makeDemoState()),
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
