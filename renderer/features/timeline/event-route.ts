import type { FleetEvent } from '../../../shared/model';
import { viewRoute, type Route } from '../../../shared/logic/route';
import type { FleetState } from '../../state/fleet.store';

/** The ids of the mirror farms and of the storage sources: all an event's route needs of the snapshot. */
export interface RouteTargets {
  farms: ReadonlySet<string>;
  storage: ReadonlySet<string>;
}

/**
 * The farm and storage ids as one string: a snapshot push that leaves the fleet's targets as
 * they were gives the same string, so the event list does not re-render for it.
 */
export const selectRouteTargets = (s: FleetState): string =>
  JSON.stringify([s.snapshot?.mirrorFarms.map((f) => f.id) ?? [], s.snapshot?.storage.map((t) => t.id) ?? []]);

export const parseRouteTargets = (key: string): RouteTargets => {
  const [farms, storage] = JSON.parse(key) as [string[], string[]];
  return { farms: new Set(farms), storage: new Set(storage) };
};

/**
 * The page that explains an event: the Activity log for an admin action, the Caches view for a
 * cache switch or TTL change, the target's card otherwise (a primary on the Overview, a farm on
 * Mirrors, a volume on Storage), at the event's time: the route keeps the shared range.
 */
export function eventRoute(e: FleetEvent, targets: RouteTargets): Route {
  if (e.kind === 'admin-action') return viewRoute('activity');
  if (targets.farms.has(e.targetId)) return viewRoute('mirrors', { farm: e.targetId });
  if (targets.storage.has(e.targetId)) return viewRoute('storage', { source: e.targetId, ...(e.subject ? { volume: e.subject } : {}) });
  if (e.kind === 'cache-switched' || e.kind === 'cache-ttl') return viewRoute('caches', { primary: e.targetId });
  return viewRoute('overview', { primary: e.targetId });
}
