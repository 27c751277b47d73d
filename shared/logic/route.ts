/**
 * Routes: every view, target, repository and selection has a URL, a hash route the same in both
 * shells (`#/repo/WEB/web-ui?primary=prod&range=6h`). Pure, so the renderer, the desktop shell's
 * deep links and tests share one reading of a link.
 */

export const ROUTE_VIEWS = ['overview', 'caches', 'mirrors', 'storage', 'timeline', 'logs', 'activity', 'settings', 'repo'] as const;
export type RouteView = (typeof ROUTE_VIEWS)[number];

/** The query keys a route keeps; anything else in a link is dropped, so a URL cannot grow state we do not read. */
export const ROUTE_PARAMS = [
  'primary',
  'farm',
  'source',
  'volume',
  'node',
  'range',
  'from',
  'to',
  'tab',
  'q',
  'sort',
  'dir',
  'state',
  'target',
  'kind',
  'severity',
  'kiosk',
] as const;
export type RouteParam = (typeof ROUTE_PARAMS)[number];

export type Route = {
  view: RouteView;
  /** Only for `repo`: the repository the page is about. */
  repo: { projectKey: string; repoSlug: string } | null;
  params: Partial<Record<RouteParam, string>>;
};

/** Params whose presence alone means something (`?kiosk`): kept with the value `on`. */
const FLAGS: readonly RouteParam[] = ['kiosk'];

const PART = /^[~\w.-]{1,128}$/;
const MAX_PARAM = 200;
const decode = (s: string): string | null => {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return null;
  }
};
// URLSearchParams is a DOM and Node global, not ECMAScript: shared/ reads queries itself.
const readQuery = (qs: string): Array<[string, string]> =>
  qs
    .split('&')
    .filter((p) => p !== '')
    .map((p) => {
      const eq = p.indexOf('=');
      return [decode(eq === -1 ? p : p.slice(0, eq)) ?? '', decode(eq === -1 ? '' : p.slice(eq + 1)) ?? ''] as [string, string];
    });
const isView = (v: string): v is RouteView => (ROUTE_VIEWS as readonly string[]).includes(v);
const isParam = (k: string): k is RouteParam => (ROUTE_PARAMS as readonly string[]).includes(k);

export const OVERVIEW: Route = { view: 'overview', repo: null, params: {} };

/** Reads a hash (`#/…`, with or without `#`); anything it cannot read is the Overview, never an exception. */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const q = raw.indexOf('?');
  const path = q === -1 ? raw : raw.slice(0, q);
  const search = readQuery(q === -1 ? '' : raw.slice(q + 1));
  const segments = path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => decode(s) ?? '');
  const [view, ...rest] = segments;
  if (view === undefined || !isView(view)) return OVERVIEW;
  const params: Route['params'] = {};
  for (const [k, v] of search) {
    if (!isParam(k) || v.length > MAX_PARAM) continue;
    if (v !== '') params[k] = v;
    else if (FLAGS.includes(k)) params[k] = 'on';
  }
  if (view !== 'repo') return { view, repo: null, params };
  const [projectKey, repoSlug] = rest;
  if (projectKey === undefined || repoSlug === undefined || !PART.test(projectKey) || !PART.test(repoSlug)) return OVERVIEW;
  return { view, repo: { projectKey, repoSlug }, params };
}

/** The hash of a route, `#/view[/KEY/slug][?k=v…]`, params in a fixed order so one place has one URL. */
export function formatRoute(route: Route): string {
  const path =
    route.view === 'repo' && route.repo ? `/repo/${encodeURIComponent(route.repo.projectKey)}/${encodeURIComponent(route.repo.repoSlug)}` : `/${route.view}`;
  const qs = ROUTE_PARAMS.filter((k) => route.params[k] !== undefined && route.params[k] !== '')
    .map((k) => `${k}=${encodeURIComponent(route.params[k] as string)}`)
    .join('&');
  return `#${path}${qs ? `?${qs}` : ''}`;
}

export const viewRoute = (view: Exclude<RouteView, 'repo'>, params: Route['params'] = {}): Route => ({ view, repo: null, params });

export const repoRoute = (projectKey: string, repoSlug: string, primaryId?: string): Route => ({
  view: 'repo',
  repo: { projectKey, repoSlug },
  params: primaryId ? { primary: primaryId } : {},
});

/** The scheme the desktop app registers: `fleetscope://repo/WEB/web-ui?primary=prod`. */
export const DEEP_LINK_SCHEME = 'fleetscope';

/**
 * The hash route of a desktop deep link (`fleetscope://…`) or of a route given on the command line
 * (`#/repo/…` or `/repo/…`); null when the text is neither, so the shell ignores it.
 */
export function hashFromLink(link: string): string | null {
  const text = link.trim();
  let hash: string;
  if (text.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}://`)) hash = `#/${text.slice(DEEP_LINK_SCHEME.length + 3).replace(/^\/+/, '')}`;
  else if (text.startsWith('#/')) hash = text;
  else if (/^\/(?:overview|caches|mirrors|storage|timeline|activity|settings|repo)\b/.test(text)) hash = `#${text}`;
  else return null;
  const route = parseRoute(hash);
  // A link that does not read as a route would silently land on the Overview: refuse it instead.
  if (route === OVERVIEW && !/^#\/overview\b/.test(hash)) return null;
  return formatRoute(route);
}
