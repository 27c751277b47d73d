import { useEffect, useState } from 'react';
import { FleetApiError } from '../../../shared/contract';
import type { Bridge } from '../../bridge/api';
import { useBridge } from '../../bridge/bridge-context';

export type Project = { id: string; key: string; name: string };

/** Project lists are read from the primary at most this often per primary, however many cards show them. */
const FRESH_MS = 60_000;
const cache = new WeakMap<Bridge, Map<string, { at: number; request: Promise<Project[]> }>>();

function load(bridge: Bridge, primaryId: string, force: boolean): Promise<Project[]> {
  let perBridge = cache.get(bridge);
  if (!perBridge) {
    perBridge = new Map();
    cache.set(bridge, perBridge);
  }
  const hit = perBridge.get(primaryId);
  if (hit && !force && Date.now() - hit.at < FRESH_MS) return hit.request;
  const request = bridge.getMirrorProjects({ primaryId }).then((r) => r.projects);
  perBridge.set(primaryId, { at: Date.now(), request });
  // A failed read must not stay cached: the next look tries again.
  request.catch(() => perBridge.delete(primaryId));
  return request;
}

/** The projects of a primary, for choosing and naming what a mirror synchronizes. */
export function usePrimaryProjects(primaryId: string, enabled = true, force = false): { projects: Project[] | null; error: string | null } {
  const bridge = useBridge();
  const [state, setState] = useState<{ projects: Project[] | null; error: string | null }>({ projects: null, error: null });
  useEffect(() => {
    if (!enabled) return undefined;
    let live = true;
    load(bridge, primaryId, force).then(
      (projects) => live && setState({ projects, error: null }),
      (err: unknown) => live && setState({ projects: null, error: err instanceof FleetApiError ? err.message : `Could not list the projects: ${String(err)}` }),
    );
    return () => {
      live = false;
    };
  }, [bridge, primaryId, enabled, force]);
  return state;
}
