import type { HostLink } from '../../shared/model';
import { afterNextPaint } from '../components/after-paint';
import { demoActions, useDemoStore } from '../state/demo.store';
import { fleetActions, selectFirstDataInOrLate, useFleetStore, type FleetState } from '../state/fleet.store';
import { sessionActions, useSessionStore } from '../state/session.store';
import type { Bridge } from './api';
import type { ConnectionState } from './connection';
import { consoleLogger, type BridgeLogger } from './validate';

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The one place where data from the engine enters the stores. Started once from main.tsx,
 * outside React, so a remount can never subscribe twice. Returns the function that stops it.
 */
export const connectStores = (bridge: Bridge, { now = Date.now, logger = consoleLogger }: { now?: () => number; logger?: BridgeLogger } = {}): (() => void) => {
  let stopped = false;
  let demoLoading = false;
  let demoEvents = 0;

  const loadDemoState = async (): Promise<void> => {
    if (demoLoading) return;
    demoLoading = true;
    const eventsBefore = demoEvents;
    try {
      const demo = await bridge.getDemoState({});
      // A pushed demo event that arrived meanwhile is newer than this answer.
      if (!stopped && demoEvents === eventsBefore) demoActions.receive(demo);
    } catch (error) {
      if (!stopped) demoActions.loadFailed(messageOf(error));
    } finally {
      demoLoading = false;
    }
  };

  // The demo state waits for the first data (a primary's first poll and count, or the store's
  // deadline after the first snapshot): its first answer cost the engine ≈ 90 ms of its one event
  // loop, between the first poll's requests and their answers (issue 13 item 7). Then for the frame
  // that draws the first data: this runs in the store's update, before that paint.
  let demoAfterPaint: (() => void) | null = null;
  const loadDemoStateWhenFirstDataIn = (s: FleetState): void => {
    if (stopped || demoAfterPaint !== null || s.snapshot?.engine.demo !== true || !selectFirstDataInOrLate(s) || useDemoStore.getState().demo !== null) return;
    demoAfterPaint = afterNextPaint(() => {
      demoAfterPaint = null;
      if (!stopped && useDemoStore.getState().demo === null) void loadDemoState();
    });
  };
  const offFirstData = useFleetStore.subscribe(loadDemoStateWhenFirstDataIn);

  // The fetch in flight, if any: the stream going live while the first one is on its way does not
  // ask for the whole snapshot a second time (it competed with the engine's first poll, issue 13 item 7).
  let snapshotLoading: Promise<void> | null = null;
  const refreshSnapshot = (): Promise<void> =>
    (snapshotLoading ??= loadSnapshot().finally(() => {
      snapshotLoading = null;
    }));
  const loadSnapshot = async (): Promise<void> => {
    try {
      const snapshot = await bridge.getSnapshot({});
      if (stopped) return;
      fleetActions.receiveSnapshot(snapshot, now());
    } catch (error) {
      if (stopped) return;
      logger.warn('could not load the snapshot', messageOf(error));
      fleetActions.snapshotFailed(messageOf(error));
    }
  };

  // Who this page is (a viewer's actions are disabled with the reason); asked again after a
  // reconnect until it has answered once.
  let sessionLoading = false;
  const loadSession = async (): Promise<void> => {
    if (sessionLoading) return;
    sessionLoading = true;
    try {
      const session = await bridge.getSession({});
      if (!stopped) sessionActions.receive(session);
    } catch (error) {
      if (!stopped) logger.warn('could not learn who this page acts as', messageOf(error));
    } finally {
      sessionLoading = false;
    }
  };

  // Where the fleet comes from (the banner of a team collector's client). A change of collector,
  // token or mode changes who this page acts as: the session is asked again then.
  const receiveLink = (link: HostLink): void => {
    const before = useSessionStore.getState().link;
    sessionActions.receiveLink(link);
    const who = (l: HostLink | null): string => (l === null ? '' : l.mode === 'local' ? 'local' : `${l.url} ${l.tokenName} ${l.role}`);
    if (before !== null && who(before) !== who(link)) void loadSession();
  };
  const loadLink = async (): Promise<void> => {
    try {
      const link = await bridge.getHostLink({});
      if (!stopped && useSessionStore.getState().link === null) receiveLink(link);
    } catch (error) {
      if (!stopped) logger.warn('could not learn where the fleet comes from', messageOf(error));
    }
  };

  let previous: ConnectionState = bridge.connection().state;
  fleetActions.setConnection(bridge.connection());
  const offConnection = bridge.onConnection((status) => {
    fleetActions.setConnection(status);
    // Pushes sent while the stream was down are lost: catch up once it is back.
    const reconnected = previous === 'reconnecting';
    if (status.state === 'live' && previous !== 'live') {
      if (reconnected) {
        // Pushes lost while down: asked afresh, not answered by a fetch sent before the drop.
        void (snapshotLoading ?? Promise.resolve()).then(() => refreshSnapshot());
        if (useFleetStore.getState().snapshot?.engine.demo) void loadDemoState();
      } else if (useFleetStore.getState().snapshot === null) {
        // A first fetch still on its way answers; one that failed is tried again.
        void (snapshotLoading ?? Promise.resolve()).then(() => {
          if (!stopped && useFleetStore.getState().snapshot === null) void refreshSnapshot();
        });
      }
    }
    if (status.state === 'live' && useSessionStore.getState().session === null) void loadSession();
    previous = status.state;
  });

  // Fetch first, subscribe right after: the store keeps whichever snapshot is newer, so a push
  // that overtakes the fetch is not lost.
  void refreshSnapshot();
  void loadSession();
  void loadLink();
  const offLink = bridge.on('hostLink', receiveLink);
  const offSnapshot = bridge.on('snapshot', (snapshot) => {
    fleetActions.receiveSnapshot(snapshot, now());
  });
  const offDemo = bridge.on('demo', (demo) => {
    demoEvents += 1;
    demoActions.receive(demo);
  });

  return () => {
    stopped = true;
    offFirstData();
    demoAfterPaint?.();
    offConnection();
    offSnapshot();
    offDemo();
    offLink();
  };
};
