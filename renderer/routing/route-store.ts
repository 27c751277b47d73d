import { create } from 'zustand';
import { formatRoute, OVERVIEW, parseRoute, type Route, type RouteParam } from '../../shared/logic/route';

export type { Route, RouteParam } from '../../shared/logic/route';

/**
 * The current route, mirrored from the address bar's hash. The hash is the truth: Back, Forward,
 * a reload and a pasted link all go through `hashchange`; the app changes it with `navigate`.
 */
export const useRouteStore = create<{ route: Route }>(() => ({ route: OVERVIEW }));

let started = false;

/** Reads the hash and follows it; called once at start-up, after the bridge took the token out of the hash. */
export const startRouting = (win: Window = window): void => {
  useRouteStore.setState({ route: parseRoute(win.location.hash) });
  if (started) return;
  started = true;
  win.addEventListener('hashchange', () => useRouteStore.setState({ route: parseRoute(win.location.hash) }));
};

/**
 * Goes to a route. A new place is a new history entry (Back returns); `replace` is for changes
 * that are not places of their own, such as each keystroke of a filter.
 */
export const navigate = (route: Route, opts: { replace?: boolean } = {}): void => {
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
