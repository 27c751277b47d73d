import type { BrowserWindow } from 'electron';
import { eventChannel, type PushEventName } from '../../../shared/contract';
import type { SnapshotPush } from '../../../shared/model/snapshot-push';
import type { HostCore } from '../../host/host-types';
import { createSnapshotFeed, type SnapshotFeedOptions } from '../../host/snapshot-feed';

/** Runs a flush later; `setImmediate` in the app, a manual queue in tests. */
export type Schedule = (flush: () => void) => void;

export interface PushHub {
  /** Starts delivering events to a window; it is forgotten when it closes. */
  addWindow(win: BrowserWindow): void;
  /** Stops listening to the host and forgets every window. */
  dispose(): void;
}

export interface PushOptions {
  schedule?: Schedule;
  log?: Pick<Console, 'warn'>;
  /** How snapshot pushes are coalesced (at most one a second by default). */
  feed?: Omit<SnapshotFeedOptions, 'log'>;
}

type WholeEvent = Exclude<PushEventName, 'snapshotPush'>;

interface WindowState {
  readonly win: BrowserWindow;
  /** The page has loaded, so its bridge listens; false again while a reload is under way. */
  ready: boolean;
  flushScheduled: boolean;
  /** The page holds no snapshot yet (new, or reloaded): it gets a full copy before any patch. */
  needsFull: boolean;
  fetchingFull: boolean;
  /** Latest demo / link payload not yet sent: each is a full state, so older ones are moot. */
  readonly pending: Map<WholeEvent, unknown>;
  /** Snapshot pushes not yet sent, in order: a patch builds on the one before it. */
  pushes: SnapshotPush[];
}

/**
 * Delivers every host event to every live window: the only place main sends to a renderer.
 *
 * The snapshot goes through one snapshot feed: a window first gets the full copy, then the
 * feed's patches (at most one a second, only what changed). Per window, events wait until the
 * page has finished loading (a message sent earlier would reach no listener), and a reload
 * starts again from a full copy. Windows that were destroyed are skipped and forgotten.
 */
export function startPush(host: Pick<HostCore, 'on' | 'dispatch'>, options: PushOptions = {}): PushHub {
  const schedule = options.schedule ?? ((flush) => setImmediate(flush));
  const log = options.log ?? console;
  const states = new Set<WindowState>();
  const feed = createSnapshotFeed(host, { ...options.feed, log: (line) => log.warn(`[fleetscope] ${line}`) });

  const isGone = (state: WindowState): boolean => state.win.isDestroyed() || state.win.webContents.isDestroyed();

  const send = (state: WindowState, name: PushEventName, payload: unknown): void => {
    try {
      state.win.webContents.send(eventChannel(name), payload);
    } catch (err) {
      // A payload that cannot be cloned, or a renderer gone between the check and the send:
      // this event is dropped for this window and the next one is tried; say so. A lost patch
      // makes the page ask for the snapshot again.
      log.warn(`[fleetscope] could not push ${name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  const sendFull = (state: WindowState): void => {
    if (state.fetchingFull) return;
    state.fetchingFull = true;
    void feed.current().then((full) => {
      state.fetchingFull = false;
      // Not ready again (a reload began): the next did-finish-load asks once more.
      if (!full || !state.ready || !state.needsFull || isGone(state)) return;
      state.needsFull = false;
      state.pushes = [];
      send(state, 'snapshotPush', full);
    });
  };

  const flush = (state: WindowState): void => {
    state.flushScheduled = false;
    if (isGone(state)) {
      states.delete(state);
      return;
    }
    if (!state.ready) return;
    for (const [name, payload] of state.pending) send(state, name, payload);
    state.pending.clear();
    if (state.needsFull) return sendFull(state);
    for (const push of state.pushes) send(state, 'snapshotPush', push);
    state.pushes = [];
  };

  const requestFlush = (state: WindowState): void => {
    if (state.flushScheduled || !state.ready) return;
    state.flushScheduled = true;
    schedule(() => flush(state));
  };

  const forEachLive = (each: (state: WindowState) => void): void => {
    for (const state of states) {
      if (isGone(state)) states.delete(state);
      else each(state);
    }
  };

  const deliverPush = (push: SnapshotPush): void =>
    forEachLive((state) => {
      if (push.kind === 'full') {
        state.needsFull = false;
        state.pushes = [push];
      } else if (state.needsFull) return;
      else state.pushes.push(push);
      requestFlush(state);
    });

  const deliver = (name: WholeEvent, payload: unknown): void =>
    forEachLive((state) => {
      state.pending.set(name, payload);
      requestFlush(state);
    });

  const unsubscribes = [feed.onPush(deliverPush), host.on('demo', (p) => deliver('demo', p)), host.on('hostLink', (p) => deliver('hostLink', p))];

  return {
    addWindow(win) {
      const state: WindowState = { win, ready: false, flushScheduled: false, needsFull: true, fetchingFull: false, pending: new Map(), pushes: [] };
      states.add(state);
      win.webContents.on('did-start-loading', () => {
        state.ready = false;
        state.needsFull = true;
        state.pushes = [];
      });
      win.webContents.on('did-finish-load', () => {
        state.ready = true;
        requestFlush(state);
      });
      win.once('closed', () => states.delete(state));
    },
    dispose() {
      for (const off of unsubscribes) off();
      feed.stop();
      states.clear();
    },
  };
}
