import {
  REQUEST_NAMES,
  type EventName,
  type EventPayload,
  type FleetApi,
  type FleetEvents,
  type RequestArgs,
  type RequestName,
  type RequestResult,
} from '../../shared/contract';
import type { ConnectionStatus } from './connection';

/** One function that performs any request; each transport provides one. */
export type Caller = <N extends RequestName>(name: N, args: RequestArgs<N>) => Promise<RequestResult<N>>;

/** What the rest of the renderer talks to: the contract plus the connection it runs over. */
export type Bridge = FleetApi &
  FleetEvents & {
    readonly transport: 'ipc' | 'http';
    connection(): ConnectionStatus;
    /** Hear every change of the connection status; returns the unsubscribe function. */
    onConnection(listener: (status: ConnectionStatus) => void): () => void;
    /** Stops the event stream and drops every listener. */
    close(): void;
  };

type TaskScheduler = { yield?: () => Promise<void> };

/**
 * Resolves in a task of its own: Chromium's `scheduler.yield()` (it runs before other queued
 * work), a zero timeout where there is none.
 */
export const nextTask = (): Promise<void> => {
  const scheduler = (globalThis as { scheduler?: TaskScheduler }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
};

/**
 * Builds one method per contract request from a caller. Generated from REQUEST_NAMES rather than
 * written out, so a request added to the contract reaches the renderer without an edit here.
 * Each request starts in a task of its own: a `fetch` or an IPC call costs milliseconds of the
 * main thread, and the reads a render starts (every query of a view, in its effects) would
 * otherwise all run in the task of that render, one long task where the bound is 50 ms.
 */
export const apiFromCaller = (call: Caller): FleetApi =>
  Object.fromEntries(REQUEST_NAMES.map((name) => [name, (args: RequestArgs<typeof name>) => nextTask().then(() => call(name, args))])) as FleetApi;

type AnyListener = (payload: never) => void;

/** Listener sets per event name, for transports that fan one stream out to many subscribers. */
export type Emitter = FleetEvents & {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  clear(): void;
};

export const createEmitter = (onFirstListener: () => void = () => undefined): Emitter => {
  const listeners = new Map<EventName, Set<AnyListener>>();
  let started = false;
  return {
    on(event, listener) {
      const set = listeners.get(event) ?? new Set<AnyListener>();
      listeners.set(event, set);
      set.add(listener);
      if (!started) {
        started = true;
        onFirstListener();
      }
      return () => {
        set.delete(listener);
      };
    },
    emit(event, payload) {
      for (const listener of [...(listeners.get(event) ?? [])]) {
        (listener as (p: typeof payload) => void)(payload);
      }
    },
    clear: () => listeners.clear(),
  };
};
