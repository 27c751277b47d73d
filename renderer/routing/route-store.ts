import { create } from 'zustand';
import { formatRoute, OVERVIEW, parseRoute, type Route, type RouteParam } from '../../shared/logic/route';
import { TIME_PARAMS } from '../../shared/logic/time-range';

export type { Route, RouteParam } from '../../shared/logic/route';

/**
 * The current route, mirrored from the address bar's hash. The hash is the truth: Back, Forward,
 * a reload and a pasted link all go through `hashchange`; the app changes it with `navigate`.
 */
export const useRouteStore = create<{ route: Route }>(() => ({ route: OVERVIEW }));

let started = false;

/**
 * The route to show when going from `current` to `next`: a move to another place that names no
 * time range keeps the one shown (every view charts the same window), and kiosk mode stays on
 * until it is left on purpose; within one place the route is taken as it is, so Back undoes a zoom.
 */
function carryOver(current: Route, next: Route): Route {
  const samePlace = current.view === next.view && current.repo?.projectKey === next.repo?.projectKey && current.repo?.repoSlug === next.repo?.repoSlug;
  if (samePlace) return next;
  const params = { ...next.params };
  if (!TIME_PARAMS.some((k) => next.params[k] !== undefined)) for (const k of TIME_PARAMS) if (current.params[k] !== undefined) params[k] = current.params[k];
  if (current.params.kiosk !== undefined && next.params.kiosk === undefined) params.kiosk = current.params.kiosk;
  return { ...next, params };
}

/** Reads the hash and follows it; called once at start-up, after the bridge took the token out of the hash. */
export const startRouting = (win: Window = window): void => {
  useRouteStore.setState({ route: parseRoute(win.location.hash) });
  if (started) return;
  started = true;
  win.addEventListener('hashchange', () => {
    const route = carryOver(useRouteStore.getState().route, parseRoute(win.location.hash));
    const hash = formatRoute(route);
    // A plain link to another view: the address bar gets the range it keeps, in the same entry.
    if (hash !== win.location.hash) win.history.replaceState(win.history.state, '', hash);
    useRouteStore.setState({ route });
  });
};

/**
 * Goes to a route. A new place is a new history entry (Back returns); `replace` is for changes
 * that are not places of their own, such as each keystroke of a filter.
 */
export const navigate = (to: Route, opts: { replace?: boolean } = {}): void => {
  const route = carryOver(useRouteStore.getState().route, to);
  const hash = formatRoute(route);
  const current = formatRoute(useRouteStore.getState().route);
  useRouteStore.setState({ route: parseRoute(hash) });
  if (hash === current && window.location.hash === hash) return;
  if (opts.replace) window.history.replaceState(window.history.state, '', hash);
  else window.location.hash = hash;
};

/** Changes some params of the current route in place (filters, sorts, open tab): no new history entry. */
export const setRouteParams = (patch: Partial<Record<RouteParam, string | null>>, opts: { replace?: boolean } = { replace: true }): void => {
  const { route } = useRouteStore.getState();
  const params = { ...route.params };
  for (const [k, v] of Object.entries(patch) as Array<[RouteParam, string | null]>) {
    if (v === null || v === '') delete params[k];
    else params[k] = v;
  }
  navigate({ ...route, params }, opts);
};

export const useRouteParam = (key: RouteParam): string | undefined => useRouteStore((s) => s.route.params[key]);

/**
 * A piece of UI state kept in the route (a table's filter or sort, a chosen tab), so a reload and
 * a copied link keep it. Setting it replaces the history entry: a filter is not a place.
 */
export const useRouteState = (key: RouteParam, fallback: string): [string, (value: string) => void] => {
  const value = useRouteParam(key) ?? fallback;
  return [value, (next: string) => setRouteParams({ [key]: next === fallback ? null : next })];
};
