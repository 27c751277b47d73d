import type { FleetEvent, Snapshot } from '../../../shared/model';
import { viewRoute, type Route } from '../../../shared/logic/route';

/**
 * The page that explains an event: the Activity log for an admin action, the Caches view for a
 * cache switch or TTL change, the target's card otherwise (a primary on the Overview, a farm on
 * Mirrors, a volume on Storage), at the event's time: the route keeps the shared range.
 */
export function eventRoute(e: FleetEvent, snapshot: Snapshot | null): Route {
  if (e.kind === 'admin-action') return viewRoute('activity');
  if (snapshot?.mirrorFarms.some((f) => f.id === e.targetId)) return viewRoute('mirrors', { farm: e.targetId });
  if (snapshot?.storage.some((s) => s.id === e.targetId)) return viewRoute('storage', { source: e.targetId, ...(e.subject ? { volume: e.subject } : {}) });
  if (e.kind === 'cache-switched' || e.kind === 'cache-ttl') return viewRoute('caches', { primary: e.targetId });
  return viewRoute('overview', { primary: e.targetId });
}
