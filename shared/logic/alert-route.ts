import type { Alert, Snapshot } from '../model';
import { viewRoute, type Route } from './route';

/**
 * The place that explains an alert: a primary's card, its cache console, a farm, a volume. Pure
 * over the alert and the snapshot it came with; an alert of a target that is gone goes to the
 * Overview.
 */
export function alertRoute(alert: Alert, snapshot: Snapshot): Route {
  const id = alert.targetId;
  if (alert.id.startsWith('mirrors:')) {
    const farm = snapshot.mirrorFarms.find((f) => f.id === id);
    if (farm) return viewRoute('mirrors', { farm: farm.id });
    // Mirroring of a primary (unavailable, failing list, a mirror waiting): the Mirrors view says it.
    return viewRoute('mirrors', { primary: id });
  }
  const farm = snapshot.mirrorFarms.find((f) => f.id === id);
  if (farm) return viewRoute('mirrors', { farm: farm.id });
  const primary = snapshot.primaries.find((p) => p.id === id);
  if (primary) {
    if (alert.id === `${id}:cache-disk-guard`) return viewRoute('caches', { primary: id });
    return viewRoute('overview', { primary: id });
  }
  const source = snapshot.storage.find((s) => s.id === id);
  if (source) {
    const findingId = alert.id.startsWith(`${id}:`) ? alert.id.slice(id.length + 1) : '';
    const volume = source.volumes.find((v) => v.findings.some((f) => f.id === findingId));
    const named = volume?.name ?? source.volumes.find((v) => findingId.includes(`:${v.name}`))?.name;
    return viewRoute('storage', named ? { source: id, volume: named } : { source: id });
  }
  return viewRoute('overview');
}
