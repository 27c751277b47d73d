import { create } from 'zustand';
import type { ConnectionStatus } from '../bridge/connection';
import type { Alert, Primary, Snapshot, TargetStatus } from '../../shared/model';
import { shareEqual } from './structural-share';

export type FleetState = {
  snapshot: Snapshot | null;
  connection: ConnectionStatus;
  /** When the renderer last received a snapshot (epoch ms), pushed or fetched. */
  lastReceivedAt: number | null;
  /** Why the last snapshot request failed, until one succeeds. */
  snapshotError: string | null;
  /** No first data (`selectFirstDataIn`) within FIRST_DATA_AT_THE_LATEST_MS of the first snapshot. */
  firstDataLate: boolean;
};

const initialState: FleetState = {
  snapshot: null,
  connection: { state: 'connecting', message: null },
  lastReceivedAt: null,
  snapshotError: null,
  firstDataLate: false,
};

/** The longest a start's background work waits for a primary's first data: a poll or a walk can hang. */
export const FIRST_DATA_AT_THE_LATEST_MS = 5000;
// One deadline from the first snapshot for every waiter (views, series, the demo state), whenever each started waiting.
let firstDataDeadline: ReturnType<typeof setTimeout> | null = null;
const stopFirstDataDeadline = (): void => {
  if (firstDataDeadline !== null) clearTimeout(firstDataDeadline);
  firstDataDeadline = null;
};

/** Fleet data as the engine last reported it. Written only by renderer/bridge. */
export const useFleetStore = create<FleetState>()(() => initialState);

/** Writers, for renderer/bridge only: each is exactly one store update. */
export const fleetActions = {
  receiveSnapshot(next: Snapshot, receivedAt: number = Date.now()): void {
    const current = useFleetStore.getState().snapshot;
    // A fetch and a push can cross; never let an older snapshot replace a newer one.
    if (current && next.generatedAt < current.generatedAt) return;
    useFleetStore.setState({ snapshot: shareEqual(current, next), lastReceivedAt: receivedAt, snapshotError: null });
    const state = useFleetStore.getState();
    if (selectFirstDataIn(state)) stopFirstDataDeadline();
    else if (current === null)
      firstDataDeadline ??= setTimeout(() => {
        firstDataDeadline = null;
        useFleetStore.setState({ firstDataLate: true });
      }, FIRST_DATA_AT_THE_LATEST_MS);
  },
  snapshotFailed(message: string): void {
    useFleetStore.setState({ snapshotError: message });
  },
  setConnection(connection: ConnectionStatus): void {
    useFleetStore.setState({ connection });
  },
  reset(): void {
    stopFirstDataDeadline();
    useFleetStore.setState(initialState, true);
  },
};

const NO_ALERTS: readonly Alert[] = [];

export const selectHasSnapshot = (s: FleetState): boolean => s.snapshot !== null;
/**
 * The first data a person waits for is in: a primary has answered its first poll and ended its
 * first inventory walk (its count, or why not), or there is no primary to wait for.
 */
export const selectFirstDataIn = (s: FleetState): boolean =>
  s.snapshot !== null &&
  (s.snapshot.primaries.length === 0 || s.snapshot.primaries.some((p) => p.lastPollAt !== null && (p.repositories !== null || p.inventoryDurationMs != null)));
/**
 * A start's background work may begin: the first data is in, or FIRST_DATA_AT_THE_LATEST_MS have
 * passed since the first snapshot. What the page asks or loads before that competes with the first
 * poll and walk, which the first data on screen (the count) waits for (issue 13 item 7), in the
 * engine's one event loop and in the page.
 */
export const selectFirstDataInOrLate = (s: FleetState): boolean => s.firstDataLate || selectFirstDataIn(s);
export const selectConnection = (s: FleetState): ConnectionStatus => s.connection;
export const selectDemoEnabled = (s: FleetState): boolean => s.snapshot?.engine.demo ?? false;
export const selectAlerts = (s: FleetState): readonly Alert[] => s.snapshot?.alerts ?? NO_ALERTS;
export const selectSnapshotError = (s: FleetState): string | null => s.snapshotError;
/** Builds a new array each call: read it through `useShallow`. */
export const selectPrimaryIds = (s: FleetState): string[] => s.snapshot?.primaries.map((p) => p.id) ?? [];
export const selectPrimary =
  (id: string) =>
  (s: FleetState): Primary | undefined =>
    s.snapshot?.primaries.find((p) => p.id === id);
/** Builds a new object each call: read it through `useShallow`. */
export const selectStatusCounts = (s: FleetState): Record<TargetStatus, number> => {
  const counts: Record<TargetStatus, number> = { up: 0, degraded: 0, down: 0, unknown: 0 };
  for (const p of s.snapshot?.primaries ?? []) counts[p.status] += 1;
  return counts;
};
/** Target id to display name across every area. Builds a new object: read it through `useShallow`. */
export const selectTargetNames = (s: FleetState): Record<string, string> => {
  const targets = [...(s.snapshot?.primaries ?? []), ...(s.snapshot?.mirrorFarms ?? []), ...(s.snapshot?.storage ?? [])];
  return Object.fromEntries(targets.map((t) => [t.id, t.name]));
};
