import { useEffect, useRef } from 'react';
import type { Route } from '../../shared/logic/route';
import { useRouteStore } from './route-store';

/**
 * Whether the route points at this target (a primary, a volume), and a ref that brings it into
 * sight when it does: a link to a target lands on it, not on the top of its view.
 */
export function useRouteTarget<T extends HTMLElement>(matches: (route: Route) => boolean): { selected: boolean; ref: React.RefObject<T | null> } {
  const selected = useRouteStore((s) => matches(s.route));
  const ref = useRef<T>(null);
  useEffect(() => {
    // jsdom has no scrollIntoView; a real browser scrolls.
    if (selected) ref.current?.scrollIntoView?.({ block: 'start' });
  }, [selected]);
  return { selected, ref };
}
