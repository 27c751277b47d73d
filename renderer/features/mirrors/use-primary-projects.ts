import { useBridgeQuery, type BridgeQuery } from '../../bridge/use-bridge-query';

export type Project = { id: string; key: string; name: string };

/** Project lists are read from the primary at most this often per primary, however many cards show them. */
const FRESH_MS = 60_000;

/**
 * The projects of a primary, for choosing and naming what a mirror synchronizes. `force` asks
 * the primary again on mount even when a fresh answer is at hand (the project chooser).
 */
export function usePrimaryProjects(primaryId: string, enabled = true, force = false): BridgeQuery<Project[]> {
  return useBridgeQuery({
    key: ['getMirrorProjects', primaryId],
    what: 'the projects',
    enabled,
    freshForMs: force ? 0 : FRESH_MS,
    read: (bridge) => bridge.getMirrorProjects({ primaryId }).then((r) => r.projects),
  });
}
