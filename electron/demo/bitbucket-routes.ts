import { pageJsonOf, pageOf, restClusterNode, restProject, restRepository, restRepositoryJson, restUser } from './bitbucket-json';
import { REPO_STATES, type DemoRepo } from './catalog';
import type { PrimaryModel } from './primary-model';
import { EXCEPTION, jsonResponse, rawJsonResponse, restError, type DemoResponse } from './responses';
import type { DemoNodeInfo } from './types';

/**
 * Who may call a route: anyone, any authenticated user, or an admin with a password (not a
 * token: Bitbucket refuses HTTP access tokens on administrative resources, BSERV-10482).
 */
export type Access = 'anonymous' | 'user' | 'sys-admin';

export type RouteMethod = 'GET' | 'PUT' | 'POST' | 'DELETE';

export interface RouteContext {
  readonly primary: PrimaryModel;
  /** The node that serves the request (behind the load balancer: the one it picked). */
  readonly answering: DemoNodeInfo;
  readonly query: URLSearchParams;
  readonly method: RouteMethod;
  /** The raw request body ('' when none). */
  readonly body: string;
}

export interface Route {
  /** Matched against the path after its group's prefix, e.g. after `/rest/api/1.0/`. */
  readonly pattern: RegExp;
  /** Default GET (HEAD is served as GET). */
  readonly method?: RouteMethod;
  readonly access: Access;
  readonly handle: (ctx: RouteContext, params: readonly string[]) => DemoResponse;
}

/** Routes under one REST prefix, e.g. `/rest/scm-cache/latest/`; `prefix` captures the rest of the path. */
export interface RouteGroup {
  readonly prefix: RegExp;
  readonly routes: readonly Route[];
}

/** `/rest/api/{1.0,latest}/…`; the path after it is matched by the group's routes. */
export const API_PREFIX = /^\/rest\/api\/(?:1\.0|latest)\/(.*?)\/?$/;

// The REST resources each primary serves: the core API, then what demo extensions add (scm-cache,
// mirroring). Kept here rather than on PrimaryModel, so that the model does not import its routes.
const routeGroups = new WeakMap<PrimaryModel, RouteGroup[]>();

export function routeGroupsOf(primary: PrimaryModel): readonly RouteGroup[] {
  let groups = routeGroups.get(primary);
  if (!groups) {
    groups = [{ prefix: API_PREFIX, routes: API_ROUTES }];
    routeGroups.set(primary, groups);
  }
  return groups;
}

export function addRouteGroup(primary: PrimaryModel, group: RouteGroup): void {
  routeGroupsOf(primary);
  routeGroups.get(primary)!.push(group);
}

export const API_ROUTES: readonly Route[] = [
  { pattern: /^application-properties$/, access: 'anonymous', handle: applicationProperties },
  { pattern: /^admin\/cluster$/, access: 'sys-admin', handle: cluster },
  { pattern: /^projects$/, access: 'user', handle: projects },
  { pattern: /^projects\/([^/]+)$/, access: 'user', handle: project },
  { pattern: /^projects\/([^/]+)\/repos$/, access: 'user', handle: projectRepos },
  { pattern: /^projects\/([^/]+)\/repos\/([^/]+)$/, access: 'user', handle: repository },
  { pattern: /^repos$/, access: 'user', handle: searchRepos },
  { pattern: /^users$/, access: 'user', handle: users },
];

function applicationProperties({ primary }: RouteContext): DemoResponse {
  return jsonResponse(200, {
    version: primary.version,
    buildNumber: primary.buildNumber,
    buildDate: primary.buildDate,
    displayName: 'Bitbucket',
  });
}

function cluster({ primary, answering }: RouteContext): DemoResponse {
  return jsonResponse(200, {
    running: true,
    localNode: restClusterNode(answering, true, primary.version),
    nodes: primary.liveNodes().map((n) => restClusterNode(n, n.name === answering.name, primary.version)),
  });
}

function projects({ primary, query }: RouteContext): DemoResponse {
  const invalid = checkEnum(query, 'permission', ['PROJECT_VIEW', 'PROJECT_READ', 'PROJECT_WRITE', 'PROJECT_ADMIN']);
  if (invalid) return invalid;
  const name = query.get('name')?.toLowerCase();
  const list = [...primary.catalog.projects]
    .filter((p) => name === undefined || p.name.toLowerCase().includes(name))
    .sort((a, b) => a.name.localeCompare(b.name));
  return jsonResponse(
    200,
    pageOf(list, query, (p) => restProject(p, primary.baseUrl)),
  );
}

function project({ primary }: RouteContext, [key = '']: readonly string[]): DemoResponse {
  const found = primary.catalog.findProject(key);
  return found ? jsonResponse(200, restProject(found, primary.baseUrl)) : noSuchProject(key);
}

function projectRepos({ primary, query }: RouteContext, [key = '']: readonly string[]): DemoResponse {
  const found = primary.catalog.findProject(key);
  if (!found) return noSuchProject(key);
  return rawJsonResponse(
    200,
    cachedPage(primary, `projects/${found.key}/repos?${query.toString()}`, () =>
      pageJsonOf(
        primary.catalog.repos.filter((r) => r.project === found),
        query,
        (r) => restRepositoryJson(r, primary.baseUrl),
      ),
    ),
  );
}

function repository({ primary }: RouteContext, [key = '', slug = '']: readonly string[]): DemoResponse {
  const found = primary.catalog.findProject(key);
  if (!found) return noSuchProject(key);
  const repo = primary.catalog.repos.find((r) => r.project === found && r.slug === slug.toLowerCase());
  if (!repo) return restError(404, `Repository ${found.key}/${slug} does not exist.`, EXCEPTION.noSuchRepository);
  return jsonResponse(200, restRepository(repo, primary.baseUrl));
}

/** `GET /repos` (reference §2.8). `archived` defaults to ACTIVE, as on Bitbucket 8.x/9.x. */
function searchRepos({ primary, query }: RouteContext): DemoResponse {
  const invalid =
    checkEnum(query, 'state', REPO_STATES) ??
    checkEnum(query, 'archived', ['ACTIVE', 'ARCHIVED', 'ALL']) ??
    checkEnum(query, 'visibility', ['PUBLIC', 'PRIVATE']) ??
    checkEnum(query, 'permission', ['REPO_READ', 'REPO_WRITE', 'REPO_ADMIN']);
  if (invalid) return invalid;
  const name = query.get('name')?.toLowerCase();
  const projectName = query.get('projectname')?.toLowerCase();
  const projectKey = query.get('projectkey')?.toUpperCase();
  const state = query.get('state')?.toUpperCase();
  const archived = query.get('archived')?.toUpperCase() ?? 'ACTIVE';
  const visibility = query.get('visibility')?.toUpperCase();
  const keep = (r: DemoRepo): boolean =>
    (name === undefined || r.name.toLowerCase().includes(name)) &&
    (projectName === undefined || r.project.name.toLowerCase().includes(projectName)) &&
    (projectKey === undefined || r.project.key === projectKey) &&
    (state === undefined || r.state === state) &&
    (archived === 'ALL' || r.archived === (archived === 'ARCHIVED')) &&
    (visibility === undefined || r.public === (visibility === 'PUBLIC'));
  return rawJsonResponse(
    200,
    cachedPage(primary, `repos?${query.toString()}`, () =>
      pageJsonOf(primary.catalog.repos.filter(keep), query, (r) => restRepositoryJson(r, primary.baseUrl)),
    ),
  );
}

/** How many pages a primary keeps; past it the cache starts again (searches by name make new keys). */
const MAX_CACHED_PAGES = 256;

/**
 * Each primary's repository pages as sent, until its listing changes (Catalog.version) or its base URL. The engine
 * reads every page each inventory cycle: filtering 20,000 repositories, joining a page's JSON and
 * encoding it to UTF-8 cost the simulator more CPU than the engine spends reading the page
 * (issue 13), and the simulator shares the machine with the engine it measures.
 */
const pageCache = new WeakMap<PrimaryModel, { version: number; baseUrl: string; pages: Map<string, Buffer> }>();

function cachedPage(primary: PrimaryModel, key: string, build: () => string): Buffer {
  const { version } = primary.catalog;
  // The pages' links carry the base URL, which is set once the primary listens.
  const { baseUrl } = primary;
  let cache = pageCache.get(primary);
  if (cache === undefined || cache.version !== version || cache.baseUrl !== baseUrl || cache.pages.size >= MAX_CACHED_PAGES) {
    cache = { version, baseUrl, pages: new Map() };
    pageCache.set(primary, cache);
  }
  let page = cache.pages.get(key);
  if (page === undefined) {
    page = Buffer.from(build(), 'utf8');
    cache.pages.set(key, page);
  }
  return page;
}

function users({ primary, query }: RouteContext): DemoResponse {
  const filter = query.get('filter')?.toLowerCase();
  const list = primary.catalog.users.filter(
    (u) => filter === undefined || [u.name, u.displayName, u.emailAddress].some((field) => field.toLowerCase().includes(filter)),
  );
  return jsonResponse(
    200,
    pageOf(list, query, (u) => restUser(u, primary.baseUrl)),
  );
}

function noSuchProject(key: string): DemoResponse {
  return restError(404, `Project ${key} does not exist.`, EXCEPTION.noSuchProject);
}

/** Bitbucket matches enum parameters case-insensitively and answers 400 for anything else. */
function checkEnum(query: URLSearchParams, param: string, allowed: readonly string[]): DemoResponse | undefined {
  const value = query.get(param);
  if (value === null || allowed.includes(value.toUpperCase())) return undefined;
  return restError(400, `Invalid value '${value}' for ${param}. Valid values are ${allowed.join(', ')}.`, null, { context: param });
}
