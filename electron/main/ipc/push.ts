import type { BrowserWindow } from 'electron';
import { EVENT_NAMES, eventChannel, type EventName } from '../../../shared/contract';
import type { FleetHost } from '../../host/host-types';

/** Runs a flush later; `setImmediate` in the app, a manual queue in tests. */
export type Schedule = (flush: () => void) => void;

export interface PushHub {
  /** Starts delivering events to a window; it is forgotten when it closes. */
  addWindow(win: BrowserWindow): void;
  /** Stops listening to the host and forgets every window. */
  dispose(): void;
}

interface WindowState {
  readonly win: BrowserWindow;
  /** The page has loaded, so its bridge listens; false again while a reload is under way. */
  ready: boolean;
  flushScheduled: boolean;
  /** Latest payload per event not yet sent: every event is a full state, so older ones are moot. */
  readonly pending: Map<EventName, unknown>;
}

/**
 * Delivers every host event to every live window: the only place main sends to a renderer.
 *
 * Per window, events wait until the page has finished loading (a message sent earlier would
 * reach no listener), and a burst collapses to the latest payload of each event, sent on the
 * next turn of the loop: a slow renderer gets one snapshot to apply, not a backlog. Windows that
 * were destroyed are skipped and forgotten.
 */
export function startPush(host: Pick<FleetHost, 'on'>, schedule: Schedule = (flush) => setImmediate(flush), log: Pick<Console, 'warn'> = console): PushHub {
  const states = new Set<WindowState>();

  const isGone = (state: WindowState): boolean => state.win.isDestroyed() || state.win.webContents.isDestroyed();

  const flush = (state: WindowState): void => {
    state.flushScheduled = false;
    if (isGone(state)) {
      states.delete(state);
      return;
    }
    if (!state.ready) return;
    for (const [name, payload] of state.pending) {
      try {
        state.win.webContents.send(eventChannel(name), payload);
      } catch (err) {
        // A payload that cannot be cloned, or a renderer gone between the check and the send:
        // this event is dropped for this window and the next one is tried; say so.
        log.warn(`[fleetscope] could not push ${name}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    state.pending.clear();
  };

  const requestFlush = (state: WindowState): void => {
    if (state.flushScheduled || !state.ready) return;
    state.flushScheduled = true;
    schedule(() => flush(state));
  };

  const deliver = (name: EventName, payload: unknown): void => {
    for (const state of states) {
      if (isGone(state)) {
        states.delete(state);
        continue;
      }
      state.pending.set(name, payload);
      requestFlush(state);
    }
  };

  const unsubscribes = EVENT_NAMES.map((name) => host.on(name, (payload) => deliver(name, payload)));

  return {
    addWindow(win) {
      const state: WindowState = { win, ready: false, flushScheduled: false, pending: new Map() };
      states.add(state);
      win.webContents.on('did-start-loading', () => {
        state.ready = false;
      });
      win.webContents.on('did-finish-load', () => {
        state.ready = true;
        requestFlush(state);
      });
      win.once('closed', () => states.delete(state));
    },
    dispose() {
      for (const off of unsubscribes) off();
      states.clear();
    },
  };
}
