import type { Alert, MirrorFarm, Primary } from '../../../shared/model';
import type { FleetState } from '../../state/fleet.store';

const NONE: readonly never[] = [];

/** Builds a new array each call: read it through `useShallow`. */
export const selectFarmIds = (s: FleetState): string[] => s.snapshot?.mirrorFarms.map((f) => f.id) ?? [];

export const selectFarm =
  (id: string) =>
  (s: FleetState): MirrorFarm | undefined =>
    s.snapshot?.mirrorFarms.find((f) => f.id === id);

/** Primaries with mirrors waiting for authorization (shared objects). Builds a new array: read it through `useShallow`. */
export const selectPrimariesWithRequests = (s: FleetState): Primary[] => s.snapshot?.primaries.filter((p) => p.pendingMirrorRequests.length > 0) ?? [];

export const selectPendingCount = (s: FleetState): number => s.snapshot?.primaries.reduce((n, p) => n + p.pendingMirrorRequests.length, 0) ?? 0;

/**
 * The mirrors area's notes about primaries (mirroring unavailable, mirror list failing), not the
 * per-farm or per-request ones. Builds a new array: read it through `useShallow`.
 */
export const selectMirroringNotes = (s: FleetState): readonly Alert[] =>
  s.snapshot?.alerts.filter((a) => a.id.startsWith('mirrors:') && (a.id.endsWith(':unavailable') || a.id.endsWith(':error'))) ?? NONE;

export const selectPrimaryName =
  (id: string) =>
  (s: FleetState): string =>
    s.snapshot?.primaries.find((p) => p.id === id)?.name ?? id;

export const selectAdminCredential =
  (id: string) =>
  (s: FleetState): boolean =>
    s.snapshot?.primaries.find((p) => p.id === id)?.adminCredential ?? false;
